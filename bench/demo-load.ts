/** Time to load the default demo shop (2,000 users, seed 42) into a fresh SQLite store: `npm run bench:demo-load`. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveKeys } from '../src/governance/keys.js';
import { loadDemoShop } from '../src/ingest/demo-loader.js';
import { openStore } from '../src/store/open-store.js';

const users = Number(process.env.OSPREY_BENCH_USERS ?? 2000);
const dir = mkdtempSync(join(tmpdir(), 'osprey-bench-demo-'));
const store = await openStore(`sqlite:${join(dir, 'osprey.db')}`);
const r = await loadDemoShop(store, deriveKeys(Buffer.alloc(32, 1)), {
  users,
  seed: 42,
  now: new Date('2026-01-15T12:00:00Z'),
  dataDir: dir,
  batchSize: process.env.OSPREY_BENCH_BATCH ? Number(process.env.OSPREY_BENCH_BATCH) : undefined,
});
await store.close();
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({ users, ...r, truthPath: undefined, eventsPerSecond: Math.round(r.accepted / r.seconds) }),
);
