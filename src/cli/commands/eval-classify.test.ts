import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const datasets = resolve(root, process.env.OSPREY_DATASETS ?? '../shared/data');
const bankFull = join(datasets, 'bank-marketing/bank-full.csv');
const haveBank = existsSync(bankFull);
if (!haveBank) console.log(`skipping bank-full CLI checks: ${bankFull} not found (set OSPREY_DATASETS)`);

function osprey(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/osprey.js'), ...args], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'osprey-eval-'));
/** Every 15th row of bank-full (≈3,000 rows): small enough for a unit test, real enough to learn. */
function bankSample(): string {
  const lines = readFileSync(bankFull, 'utf8').split('\n').filter(Boolean);
  const sample = [lines[0], ...lines.slice(1).filter((_, i) => i % 15 === 0)];
  const p = join(dir, 'bank-sample.csv');
  writeFileSync(p, `${sample.join('\r\n')}\r\n`);
  return p;
}

const CLASSIFY_KEYS = [
  'model',
  'folds',
  'rows',
  'features',
  'auc',
  'auc_std',
  'logloss',
  'accuracy',
  'f1',
  'fit_seconds',
];

describe.skipIf(!haveBank)('osprey eval classify on bank marketing', () => {
  it('prints exactly the documented JSON line for gbdt on a subsample', () => {
    const r = osprey(
      'eval',
      'classify',
      '--data',
      bankSample(),
      '--target',
      'y',
      '--positive',
      'yes',
      '--drop',
      'duration',
      '--folds',
      '3',
      '--json',
    );
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]);
    expect(Object.keys(out)).toEqual(CLASSIFY_KEYS);
    expect(out).toMatchObject({ model: 'gbdt', folds: 3, rows: 3015, features: 15 });
    expect(out.auc).toBeGreaterThan(0.7);
    expect(out.accuracy).toBeGreaterThan(0.85);
    expect(out.fit_seconds).toBeGreaterThan(0);
  });

  it('runs on the full bank-full file (tree model; gbdt with OSPREY_FULL_EVAL=1)', () => {
    const model = process.env.OSPREY_FULL_EVAL === '1' ? 'gbdt' : 'tree';
    const r = osprey(
      'eval',
      'classify',
      '--data',
      bankFull,
      '--target',
      'y',
      '--positive',
      'yes',
      '--drop',
      'duration',
      '--model',
      model,
      '--json',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(CLASSIFY_KEYS);
    expect(out).toMatchObject({ model, folds: 5, rows: 45211, features: 15 });
    expect(out.auc).toBeGreaterThan(model === 'gbdt' ? 0.795 : 0.7);
  });

  it('eval regress prints the documented JSON line', () => {
    const r = osprey(
      'eval',
      'regress',
      '--data',
      bankSample(),
      '--target',
      'age',
      '--drop',
      'y,duration',
      '--model',
      'tree',
      '--folds',
      '3',
      '--json',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['model', 'folds', 'rows', 'rmse', 'mae', 'r2', 'fit_seconds']);
    expect(out.r2).toBeGreaterThan(0.1);
  });
});

describe('osprey eval errors', () => {
  const small = join(dir, 'small.csv');
  writeFileSync(small, 'a;b;label;flag\n1;x;u;0\n2;y;v;1\n3;x;w;0\n4;y;u;1\n');
  const cases: [string, string[], number, RegExp][] = [
    ['missing file', ['--data', join(dir, 'nope.csv'), '--target', 'flag'], 1, /does not exist/],
    ['unknown target', ['--data', small, '--target', 'zzz'], 1, /'zzz' is not in the file/],
    ['unknown --drop', ['--data', small, '--target', 'flag', '--drop', 'q'], 1, /--drop column 'q'/],
    ['non-binary target', ['--data', small, '--target', 'label', '--positive', 'u'], 1, /not binary/],
    ['two values but no --positive', ['--data', small, '--target', 'b'], 2, /values x, y: pass --positive/],
    ['unknown model', ['--data', small, '--target', 'flag', '--model', 'xgb'], 2, /--model must be one of/],
    ['bad --folds', ['--data', small, '--target', 'flag', '--folds', '1'], 2, /--folds must be/],
  ];
  for (const [name, args, code, message] of cases) {
    it(`${name} → exit ${code} with one line on stderr`, () => {
      const r = osprey('eval', 'classify', ...args, '--json');
      expect(r.code).toBe(code);
      expect(r.stdout).toBe('');
      const errLines = r.stderr.trim().split('\n');
      expect(errLines).toHaveLength(1);
      expect(errLines[0]).toMatch(message);
    });
  }
});
