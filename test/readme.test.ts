import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT } from '../src/core/config.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The README's configuration table, generated from ENVIRONMENT (the one list of variables Osprey reads). */
function environmentTable(): string {
  const rows = ENVIRONMENT.map((e) => `| \`${e.name}\` | ${e.default} | ${e.meaning} |`);
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

describe('README', () => {
  it('shows exactly the configuration table generated from src/core/config.ts', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const m = /<!-- environment:start -->\n([\s\S]*?)\n<!-- environment:end -->/.exec(readme);
    expect(m, 'README lacks the environment markers').not.toBeNull();
    expect(m![1]).toBe(environmentTable());
  });

  it('quick start is exactly the two commands', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('```sh\nnpm install && npm start\n```');
    expect(readme).toContain('```sh\nnpm test\n```');
  });
});
