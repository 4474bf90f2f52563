import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = resolve(dirname(fileURLToPath(import.meta.url)), '../../../bin/osprey.js');

function osprey(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('osprey eval recommend', () => {
  const dir = mkdtempSync(join(tmpdir(), 'osprey-eval-rec-'));
  const file = join(dir, 'interactions.csv');
  const lines = ['user,item,rating,timestamp,extra'];
  // 12 users × 8 items, two taste groups; every item seen by several users
  for (let u = 0; u < 12; u++)
    for (let i = 0; i < 8; i++)
      if ((u + i) % 2 === 0 || (u * i) % 5 === 1)
        lines.push(`u${u},i${i},${1 + ((u + i) % 5)},${u * 100 + i},x`);
  writeFileSync(file, `${lines.join('\n')}\n`);

  it('prints one JSON line per algorithm with the documented fields', () => {
    const r = osprey(
      'eval',
      'recommend',
      '--interactions',
      file,
      '--algorithms',
      'pop,itemknn',
      '--k',
      '3',
      '--json',
    );
    expect(r.code).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((x) => x.algorithm)).toEqual(['pop', 'itemknn']);
    for (const x of rows) {
      expect(Object.keys(x)).toEqual([
        'algorithm',
        'precision',
        'recall',
        'ndcg',
        'map',
        'coverage',
        'train_seconds',
        'recommend_ms_per_user',
        'users',
        'items',
      ]);
      expect(x.items).toBe(8);
      expect(x.ndcg).toBeGreaterThanOrEqual(0);
      expect(x.ndcg).toBeLessThanOrEqual(1);
    }
  });

  it('supports the time split and prints a table without --json', () => {
    const r = osprey(
      'eval',
      'recommend',
      '--interactions',
      file,
      '--algorithms',
      'pop',
      '--split',
      'time:0.8',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/algorithm\s+P@10/);
  });

  it('exits 2 on a usage error and 1 on a missing file, with one line on stderr', () => {
    const bad = osprey('eval', 'recommend', '--interactions', file, '--algorithms', 'nope');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown algorithm 'nope'/);
    const content = osprey('eval', 'recommend', '--interactions', file, '--algorithms', 'content');
    expect(content.code).toBe(2);
    expect(content.stderr).toMatch(/needs item texts/);
    const split = osprey('eval', 'recommend', '--interactions', file, '--split', 'random:2');
    expect(split.code).toBe(2);
    const missing = osprey('eval', 'recommend', '--interactions', join(dir, 'none.csv'), '--json');
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr.trim().split('\n').at(-1)).toMatch(/does not exist/);
  });
});
