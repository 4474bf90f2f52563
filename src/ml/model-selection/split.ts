import { invalidInput } from '../../core/errors.js';
import type { Labels } from '../estimator.js';
import { Rng } from '../random.js';

export interface Split {
  train: Int32Array;
  test: Int32Array;
}

export interface TrainTestSplitOptions {
  /** Fraction in (0, 1) or an absolute row count ≥ 1. Default 0.25 (sklearn). */
  testSize?: number;
  seed?: number;
  /** Shuffle before splitting; false keeps the first rows for training. Default true. */
  shuffle?: boolean;
  /** Class labels: keep each class's share equal in train and test. */
  stratify?: Labels;
}

/** Test-set size as sklearn's _validate_shuffle_split: ceil(fraction · n), train gets the rest. */
function testCount(n: number, testSize: number): number {
  if (!(testSize > 0)) throw invalidInput(`testSize must be > 0; got ${testSize}`);
  const t = testSize < 1 ? Math.ceil(testSize * n) : testSize;
  if (!Number.isInteger(t) || t >= n)
    throw invalidInput(`testSize ${testSize} leaves no training rows out of ${n}`);
  return t;
}

/** Random (optionally stratified) train/test split of row indices 0..n-1; both parts sorted ascending. */
export function trainTestSplit(n: number, o: TrainTestSplitOptions = {}): Split {
  if (!Number.isInteger(n) || n < 2) throw invalidInput(`trainTestSplit needs at least 2 rows; got ${n}`);
  const nTest = testCount(n, o.testSize ?? 0.25);
  const rng = new Rng(o.seed ?? 42);
  const isTest = new Uint8Array(n);
  if (o.stratify) {
    if (o.stratify.length !== n) throw invalidInput(`stratify has ${o.stratify.length} labels for ${n} rows`);
    const groups = groupByClass(o.stratify);
    // Largest-remainder allocation of the test rows over classes (ties to the larger class, then first seen).
    const quotas = groups.map((g) => (g.length * nTest) / n);
    const alloc = quotas.map(Math.floor);
    let left = nTest - alloc.reduce((a, b) => a + b, 0);
    const order = groups
      .map((_, k) => k)
      .sort(
        (a, b) =>
          quotas[b] - alloc[b] - (quotas[a] - alloc[a]) || groups[b].length - groups[a].length || a - b,
      );
    for (const k of order) {
      if (left === 0) break;
      alloc[k]++;
      left--;
    }
    groups.forEach((g, k) => {
      const rows = o.shuffle === false ? g : rng.shuffle(g.slice());
      for (let i = 0; i < alloc[k]; i++) isTest[rows[rows.length - 1 - i]] = 1;
    });
  } else if (o.shuffle === false) {
    for (let i = n - nTest; i < n; i++) isTest[i] = 1;
  } else {
    const perm = rng.permutation(n);
    for (let i = 0; i < nTest; i++) isTest[perm[i]] = 1;
  }
  return fromMask(isTest);
}

export interface TimeSplitOptions {
  /** Rows with time ≥ cutoff are the test set. */
  cutoff?: number;
  /** Otherwise the latest fraction (or count) of rows; ties at the boundary go to test. */
  testSize?: number;
}

/** Train on the past, test on the future: no row in train is later than any row in test. */
export function timeSplit(times: ArrayLike<number>, o: TimeSplitOptions = {}): Split {
  const n = times.length;
  for (let i = 0; i < n; i++)
    if (!Number.isFinite(times[i])) throw invalidInput(`times row ${i}: value ${times[i]} is not finite`);
  let cutoff = o.cutoff;
  if (cutoff === undefined) {
    const sorted = Float64Array.from(times).sort();
    cutoff = sorted[n - testCount(n, o.testSize ?? 0.25)];
  }
  const isTest = new Uint8Array(n);
  for (let i = 0; i < n; i++) isTest[i] = times[i] >= cutoff ? 1 : 0;
  const s = fromMask(isTest);
  if (s.train.length === 0 || s.test.length === 0)
    throw invalidInput(`time cutoff ${cutoff} leaves an empty train or test set`);
  return s;
}

/** Row indices per class, classes in order of first appearance. */
export function groupByClass(y: Labels): number[][] {
  const map = new Map<number, number[]>();
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) throw invalidInput(`y row ${i}: value ${v} is not finite`);
    let g = map.get(v);
    if (!g) map.set(v, (g = []));
    g.push(i);
  }
  return Array.from(map.values());
}

function fromMask(isTest: Uint8Array): Split {
  let t = 0;
  for (let i = 0; i < isTest.length; i++) t += isTest[i];
  const train = new Int32Array(isTest.length - t);
  const test = new Int32Array(t);
  let a = 0;
  let b = 0;
  for (let i = 0; i < isTest.length; i++) {
    if (isTest[i]) test[b++] = i;
    else train[a++] = i;
  }
  return { train, test };
}

/** Folds from a per-row fold number (0..k-1): test = rows of that fold, train = the rest. */
export function foldsFromAssignment(fold: Int32Array, k: number): Split[] {
  const out: Split[] = [];
  for (let f = 0; f < k; f++) {
    const mask = new Uint8Array(fold.length);
    for (let i = 0; i < fold.length; i++) mask[i] = fold[i] === f ? 1 : 0;
    out.push(fromMask(mask));
  }
  return out;
}
