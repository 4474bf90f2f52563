import { invalidInput } from '../../core/errors.js';
import type { Labels } from '../estimator.js';
import { Rng } from '../random.js';
import { foldsFromAssignment, type Split } from './split.js';

export interface KFoldOptions {
  folds?: number;
  shuffle?: boolean;
  seed?: number;
}

/** Plain k-fold (sklearn KFold): the first n % k folds get one extra row. */
export function kFold(n: number, o: KFoldOptions = {}): Split[] {
  const k = o.folds ?? 5;
  if (!Number.isInteger(k) || k < 2) throw invalidInput(`folds must be an integer >= 2; got ${k}`);
  if (n < k) throw invalidInput(`cannot make ${k} folds from ${n} rows`);
  const order = o.shuffle
    ? new Rng(o.seed ?? 42).permutation(n)
    : Int32Array.from({ length: n }, (_, i) => i);
  const fold = new Int32Array(n);
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    for (let i = start; i < start + size; i++) fold[order[i]] = f;
    start += size;
  }
  return foldsFromAssignment(fold, k);
}

/**
 * Stratified k-fold with sklearn's StratifiedKFold semantics (≥ 0.22): classes are numbered in order of
 * first appearance; the sorted label vector is dealt round-robin into folds to get each fold's per-class
 * allocation, and the rows of each class (in their original order) receive that class's fold labels,
 * shuffled when `shuffle` is set. Fold sizes therefore match sklearn exactly; which rows land in which
 * fold depends on our RNG (numpy's cannot be reproduced), deterministic for a given seed.
 */
export function stratifiedKFold(y: Labels, o: KFoldOptions = {}): Split[] {
  const k = o.folds ?? 5;
  if (!Number.isInteger(k) || k < 2) throw invalidInput(`folds must be an integer >= 2; got ${k}`);
  const n = y.length;
  const code = new Map<number, number>();
  const yEnc = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i])) throw invalidInput(`y row ${i}: value ${y[i]} is not finite`);
    let c = code.get(y[i]);
    if (c === undefined) code.set(y[i], (c = code.size));
    yEnc[i] = c;
  }
  const nClasses = code.size;
  const counts = new Int32Array(nClasses);
  for (let i = 0; i < n; i++) counts[yEnc[i]]++;
  if (counts.every((c) => c < k))
    throw invalidInput(`folds=${k} cannot be greater than the number of members in each class`);
  // allocation[f][c] = how many of y_sorted[f::k] are class c.
  const sorted = Int32Array.from(yEnc).sort();
  const allocation = Array.from({ length: k }, () => new Int32Array(nClasses));
  for (let i = 0; i < n; i++) allocation[i % k][sorted[i]]++;
  const rng = new Rng(o.seed ?? 42);
  const fold = new Int32Array(n);
  for (let c = 0; c < nClasses; c++) {
    const labels = new Int32Array(counts[c]);
    let p = 0;
    for (let f = 0; f < k; f++) for (let j = 0; j < allocation[f][c]; j++) labels[p++] = f;
    if (o.shuffle) rng.shuffle(labels);
    p = 0;
    for (let i = 0; i < n; i++) if (yEnc[i] === c) fold[i] = labels[p++];
  }
  return foldsFromAssignment(fold, k);
}
