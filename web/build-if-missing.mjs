// `npm start` runs this first: a fresh clone builds the dashboard once (a few seconds) instead of on every
// install, so `npm install` stays fast and CI/test installs do not pay for a web build they do not need.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
if (existsSync(join(here, 'dist', 'index.html'))) process.exit(0);
process.stderr.write('building the dashboard (web/dist is missing)…\n');
const r = spawnSync(process.execPath, [join(here, '..', 'node_modules', 'vite', 'bin', 'vite.js'), 'build', here, '--logLevel', 'warn'], {
  stdio: 'inherit',
  // Always a production build: under a test runner NODE_ENV=test would bundle React's development build.
  env: { ...process.env, NODE_ENV: 'production' },
});
process.exit(r.status ?? 1);
