import { invalidInput } from '../../core/errors.js';
import { Rng } from '../../ml/random.js';

/**
 * Binary classification metrics and stratified folds used by the sentiment evaluator. (src/ml's metrics
 * module, when it lands, is the home for these; they are small and kept here so the evaluator does not wait.)
 */
export function accuracy(y: ArrayLike<number>, pred: ArrayLike<number>): number {
  let ok = 0;
  for (let i = 0; i < y.length; i++) if (y[i] === pred[i]) ok++;
  return y.length ? ok / y.length : 0;
}

/** F1 of the positive class (label 1). */
export function f1Score(y: ArrayLike<number>, pred: ArrayLike<number>): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < y.length; i++) {
    if (pred[i] === 1 && y[i] === 1) tp++;
    else if (pred[i] === 1) fp++;
    else if (y[i] === 1) fn++;
  }
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/** ROC AUC = P(score of a random positive > score of a random negative), ties counting ½ (Mann–Whitney U). */
export function rocAuc(y: ArrayLike<number>, score: ArrayLike<number>): number {
  const n = y.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a] - score[b]);
  let nPos = 0;
  let rankSumPos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && score[order[j + 1]] === score[order[i]]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (y[order[k]] === 1) {
        nPos++;
        rankSumPos += avgRank;
      }
    }
    i = j + 1;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/**
 * Stratified k-fold: each class is shuffled with the seeded generator and dealt round-robin to the folds,
 * so every fold keeps the class balance. Returns the test-row indices of each fold (sorted).
 */
export function stratifiedFolds(y: ArrayLike<number>, k: number, seed: number): Int32Array[] {
  if (!Number.isInteger(k) || k < 2) throw invalidInput(`folds must be an integer >= 2; got ${k}`);
  const rng = new Rng(seed);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < y.length; i++) {
    const list = byClass.get(y[i]) ?? [];
    list.push(i);
    byClass.set(y[i], list);
  }
  const folds: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const cls of [...byClass.keys()].sort((a, b) => a - b)) {
    const rows = rng.shuffle(byClass.get(cls)!.slice());
    if (rows.length < k) throw invalidInput(`class ${cls} has ${rows.length} rows, fewer than ${k} folds`);
    for (const r of rows) {
      folds[next].push(r);
      next = (next + 1) % k;
    }
  }
  return folds.map((f) => Int32Array.from(f.sort((a, b) => a - b)));
}

/** Rows not in `test`, in order. */
export function complement(n: number, test: Int32Array): Int32Array {
  const mark = new Uint8Array(n);
  for (const i of test) mark[i] = 1;
  const out = new Int32Array(n - test.length);
  let w = 0;
  for (let i = 0; i < n; i++) if (!mark[i]) out[w++] = i;
  return out;
}
