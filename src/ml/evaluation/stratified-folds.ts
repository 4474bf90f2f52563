import { invalidInput } from '../../core/errors.js';
import type { Labels } from '../estimator.js';
import { Rng } from '../random.js';

/**
 * Fold number (0..k-1) of every row, stratified: each class is shuffled with the seed and dealt
 * round-robin, continuing the deal across classes so fold sizes differ by at most one.
 */
export function stratifiedFolds(y: Labels, k: number, seed: number): Int32Array {
  if (!Number.isInteger(k) || k < 2) throw invalidInput(`folds must be an integer >= 2; got ${k}`);
  const n = y.length;
  if (n < k) throw invalidInput(`cannot split ${n} rows into ${k} folds`);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const list = byClass.get(y[i]);
    if (list) list.push(i);
    else byClass.set(y[i], [i]);
  }
  const rng = new Rng(seed);
  const fold = new Int32Array(n);
  let next = 0;
  for (const cls of [...byClass.keys()].sort((a, b) => a - b)) {
    const rows = rng.shuffle(Int32Array.from(byClass.get(cls) as number[]));
    for (const r of rows) {
      fold[r] = next;
      next = (next + 1) % k;
    }
  }
  return fold;
}

/** Train and test row indices of fold `f`. */
export function foldIndices(folds: Int32Array, f: number): { train: Int32Array; test: Int32Array } {
  let nTest = 0;
  for (let i = 0; i < folds.length; i++) if (folds[i] === f) nTest++;
  const train = new Int32Array(folds.length - nTest);
  const test = new Int32Array(nTest);
  let a = 0;
  let b = 0;
  for (let i = 0; i < folds.length; i++) {
    if (folds[i] === f) test[b++] = i;
    else train[a++] = i;
  }
  return { train, test };
}

/** Plain k-fold for regression: rows shuffled with the seed and dealt round-robin. */
export function shuffledFolds(n: number, k: number, seed: number): Int32Array {
  return stratifiedFolds(new Int32Array(n), k, seed);
}
