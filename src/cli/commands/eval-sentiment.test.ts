import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readLabelledTexts } from './eval-sentiment.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dir = mkdtempSync(join(tmpdir(), 'osprey-eval-sentiment-'));

function osprey(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/osprey.js'), ...args], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const positive = ['Great phone, love it', 'Excellent value', 'Works perfectly, very happy', 'Best case ever'];
const negative = [
  'Terrible battery',
  'Awful, broke in a day',
  'Worst purchase, very bad',
  'Disappointed, poor quality',
];

describe('osprey eval sentiment', () => {
  it('reads header-less TSV split on tab and \\n only (U+0085 and unbalanced quotes stay inside the text)', () => {
    const p = join(dir, 'uci.txt');
    writeFileSync(p, 'A "quoted\u0085 line\t1\nplain bad\t0\r\n\n');
    const { texts, labels } = readLabelledTexts({ data: p, format: 'tsv', text: '0', label: '1' });
    expect(texts).toEqual(['A "quoted\u0085 line', 'plain bad']);
    expect(Array.from(labels)).toEqual([1, 0]);
  });

  it('reads gzipped CSV with a header, strips a leading U+FEFF and maps --positive', () => {
    const p = join(dir, 'reviews.csv.gz');
    writeFileSync(p, gzipSync('cat,label,review\n书籍,pos,\uFEFF很好\n书籍,neg,"差,退货"\n'));
    const { texts, labels } = readLabelledTexts({
      data: p,
      format: 'csv',
      text: 'review',
      label: 'label',
      positive: 'pos',
    });
    expect(texts).toEqual(['很好', '差,退货']);
    expect(Array.from(labels)).toEqual([1, 0]);
    expect(() => readLabelledTexts({ data: p, format: 'csv', text: 'body', label: 'label' })).toThrow(
      /column 'body' is not in the header/,
    );
    const yn = join(dir, 'yes-no.csv');
    writeFileSync(yn, 'label,review\nyes,good\nno,bad\n');
    expect(() => readLabelledTexts({ data: yn, format: 'csv', text: 'review', label: 'label' })).toThrow(
      /same label.*--positive/,
    );
  });

  it('prints exactly the documented JSON line, and exits 2 on a usage error', () => {
    const p = join(dir, 'tiny.tsv');
    writeFileSync(
      p,
      `${[...positive.map((t) => `${t}\t1`), ...negative.map((t) => `${t}\t0`)].join('\n')}\n`,
    );
    const r = osprey(
      'eval',
      'sentiment',
      '--data',
      p,
      '--format',
      'tsv',
      '--text',
      '0',
      '--label',
      '1',
      '--model',
      'lexicon',
      '--folds',
      '2',
      '--json',
    );
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]);
    expect(Object.keys(out)).toEqual([
      'model',
      'lang',
      'folds',
      'rows',
      'accuracy',
      'f1',
      'auc',
      'fit_seconds',
    ]);
    expect(out).toMatchObject({
      model: 'lexicon',
      lang: 'en',
      folds: 2,
      rows: 8,
      accuracy: 1,
      fit_seconds: 0,
    });
    const bad = osprey(
      'eval',
      'sentiment',
      '--data',
      p,
      '--format',
      'tsv',
      '--text',
      '0',
      '--label',
      '1',
      '--model',
      'bert',
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
