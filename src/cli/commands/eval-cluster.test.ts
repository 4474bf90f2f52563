import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNumericCsv } from './eval-cluster.js';

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'bin/osprey.js');
const dir = mkdtempSync(join(tmpdir(), 'osprey-eval-cluster-'));

// Two obvious groups, a categorical column, a blank, quotes, a BOM and CRLF line ends.
const csv =
  '\uFEFFid;"name";x;y\r\n' +
  ['1;"a";0;0', '2;"b";0.1;0.2', '3;"c";;0.1', '4;"d";10;10', '5;"e";10.2;9.9', '6;"f";9.9;10.1'].join(
    '\r\n',
  ) +
  '\r\n';
const file = join(dir, 'groups.csv');
writeFileSync(file, csv);

describe('osprey eval cluster', () => {
  it('reads numeric columns (; delimiter, quotes, BOM, CRLF, blanks as NaN)', async () => {
    const { X, columns } = await readNumericCsv(file, new Set(['id']));
    expect(columns).toEqual(['x', 'y']);
    expect(X.rows).toBe(6);
    expect(Number.isNaN(X.data[4])).toBe(true);
  });

  it('prints one JSON line with k, inertia, silhouette, sizes, seconds', () => {
    const out = execFileSync(
      process.execPath,
      [bin, 'eval', 'cluster', '--data', file, '--k', '2', '--drop', 'id', '--json'],
      {
        encoding: 'utf8',
      },
    );
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const r = JSON.parse(lines[0]);
    expect(Object.keys(r)).toEqual(['k', 'inertia', 'silhouette', 'sizes', 'seconds']);
    expect(r.k).toBe(2);
    expect([...r.sizes].sort()).toEqual([3, 3]);
    expect(r.silhouette).toBeGreaterThan(0.7); // 0.81: the mean-imputed blank sits between the groups
  });

  it('exits 1 with a one-line error for a missing file', () => {
    const r = spawnSync(process.execPath, [bin, 'eval', 'cluster', '--data', join(dir, 'nope.csv')], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/does not exist/);
  });

  it('exits 2 with a one-line error for a bad option', () => {
    const r = spawnSync(process.execPath, [bin, 'eval', 'cluster', '--data', file, '--k', 'zero'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--k must be an integer/);
  });

  const bank = join(
    process.env.OSPREY_DATASETS ?? join(root, '../shared/data'),
    'bank-marketing/bank-full.csv',
  );
  it.skipIf(!existsSync(bank))('clusters the bank marketing numeric columns', () => {
    const out = execFileSync(
      process.execPath,
      [bin, 'eval', 'cluster', '--data', bank, '--k', '4', '--drop', 'duration', '--json'],
      {
        encoding: 'utf8',
      },
    );
    const r = JSON.parse(out);
    expect(r.k).toBe(4);
    expect(r.sizes.reduce((a: number, b: number) => a + b, 0)).toBe(45211);
  });
  if (!existsSync(bank))
    console.log(`skipping bank-marketing check: ${bank} not found (set OSPREY_DATASETS)`);
});
