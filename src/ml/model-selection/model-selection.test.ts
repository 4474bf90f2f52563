import { describe, expect, it } from 'vitest';
import { crossValidate, crossValidateInWorkers, meanStd } from './cross-validate.js';
import { kFold, stratifiedKFold } from './k-fold.js';
import { timeSplit, trainTestSplit } from './split.js';

const y = [0, 0, 1, 1, 1, 2, 2, 2, 2, 0, 1, 1, 0, 2, 1, 1, 1, 0];

describe('stratifiedKFold', () => {
  it('matches sklearn StratifiedKFold(4) (no shuffle) fold for fold', () => {
    const folds = stratifiedKFold(y, { folds: 4 });
    expect(folds.map((f) => Array.from(f.test))).toEqual([
      [0, 1, 2, 3, 5],
      [4, 6, 7, 9, 10],
      [8, 11, 12, 14],
      [13, 15, 16, 17],
    ]);
  });

  it('with shuffle keeps sklearn fold sizes and per-class counts, deterministic per seed', () => {
    const a = stratifiedKFold(y, { folds: 4, shuffle: true, seed: 1 });
    const counts = a.map((f) => [0, 1, 2].map((c) => Array.from(f.test).filter((i) => y[i] === c).length));
    expect(counts).toEqual([
      [2, 2, 1],
      [1, 2, 2],
      [1, 2, 1],
      [1, 2, 1],
    ]);
    expect(stratifiedKFold(y, { folds: 4, shuffle: true, seed: 1 })).toEqual(a);
    expect(stratifiedKFold(y, { folds: 4, shuffle: true, seed: 2 })).not.toEqual(a);
    for (const f of a) expect(f.train.length + f.test.length).toBe(y.length);
  });

  it('rejects more folds than members of every class', () => {
    expect(() => stratifiedKFold([0, 1, 0, 1], { folds: 3 })).toThrow(/cannot be greater/);
  });
});

describe('kFold', () => {
  it('gives sklearn KFold sizes and partitions the rows', () => {
    const folds = kFold(10, { folds: 3 });
    expect(folds.map((f) => Array.from(f.test))).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    const all = kFold(10, { folds: 3, shuffle: true, seed: 3 }).flatMap((f) => Array.from(f.test));
    expect(all.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('trainTestSplit', () => {
  it('uses ceil(testSize · n) test rows like sklearn', () => {
    const s = trainTestSplit(10, { testSize: 0.25, seed: 1 });
    expect(s.test.length).toBe(3);
    expect(s.train.length).toBe(7);
    expect(trainTestSplit(10, { testSize: 0.25, seed: 1 })).toEqual(s);
    expect(Array.from(trainTestSplit(10, { testSize: 3, shuffle: false }).test)).toEqual([7, 8, 9]);
  });

  it('stratifies: each class keeps its share', () => {
    const labels = Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? 1 : 0));
    const s = trainTestSplit(100, { testSize: 0.2, stratify: labels, seed: 5 });
    expect(s.test.length).toBe(20);
    expect(Array.from(s.test).filter((i) => labels[i] === 1).length).toBe(2);
  });

  it('rejects a test size that leaves nothing to train on', () => {
    expect(() => trainTestSplit(4, { testSize: 4 })).toThrow(/no training rows/);
  });
});

describe('timeSplit', () => {
  it('puts the latest rows in test', () => {
    const times = [5, 1, 9, 3, 7, 2, 8, 4, 6, 10];
    expect(Array.from(timeSplit(times, { testSize: 0.3 }).test)).toEqual([2, 6, 9]);
    expect(Array.from(timeSplit(times, { cutoff: 9 }).test)).toEqual([2, 9]);
    expect(() => timeSplit(times, { cutoff: 100 })).toThrow(/empty/);
  });
});

describe('crossValidate', () => {
  const target = Float64Array.from({ length: 40 }, (_, i) => i);
  const folds = kFold(40, { folds: 4, shuffle: true, seed: 9 });
  const expected = folds.map((f) => Array.from(f.test).reduce((a, i) => a + target[i], 0));

  it('runs folds in order in-process', () => {
    expect(crossValidate(folds, (f) => Array.from(f.test).reduce((a, i) => a + target[i], 0))).toEqual(
      expected,
    );
    const { mean, std } = meanStd([1, 2, 3, 4]);
    expect(mean).toBe(2.5);
    expect(std).toBeCloseTo(1.118033988749895, 14);
  });

  it('runs folds on worker threads and returns results in fold order whatever threads is', async () => {
    for (const threads of [1, 3]) {
      const r = await crossValidateInWorkers<{ y: Float64Array }, { index: number; sum: number }>({
        folds,
        module: new URL('./cv-fixture-task.ts', import.meta.url),
        exportName: 'sumTestTargets',
        shared: { y: target },
        threads,
      });
      expect(r.map((x) => x.index)).toEqual([0, 1, 2, 3]);
      expect(r.map((x) => x.sum)).toEqual(expected);
    }
  });
});
