import { invalidInput } from '../../core/errors.js';
import { checkPair } from './check.js';

/** Fraction of exact matches. */
export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = checkPair(yTrue, yPred, 'yTrue', 'yPred');
  let hit = 0;
  for (let i = 0; i < n; i++) if (yTrue[i] === yPred[i]) hit++;
  return hit / n;
}

export interface ConfusionMatrix {
  /** Sorted union of labels seen in yTrue and yPred (or the labels given). */
  labels: number[];
  /** counts[t][p]: rows = true label, columns = predicted label (sklearn layout). */
  counts: number[][];
}

export function confusionMatrix(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  labels?: readonly number[],
): ConfusionMatrix {
  const n = checkPair(yTrue, yPred, 'yTrue', 'yPred');
  const ls = labels
    ? [...labels]
    : Array.from(new Set([...Array.from(yTrue), ...Array.from(yPred)])).sort((a, b) => a - b);
  const at = new Map(ls.map((l, i) => [l, i]));
  const counts = ls.map(() => new Array<number>(ls.length).fill(0));
  for (let i = 0; i < n; i++) {
    const t = at.get(yTrue[i]);
    const p = at.get(yPred[i]);
    if (t !== undefined && p !== undefined) counts[t][p]++;
  }
  return { labels: ls, counts };
}

export interface AveragingOptions {
  /** 'binary' scores only `positive` (default 1); 'macro' averages per-label scores unweighted;
   *  'weighted' by support; 'micro' pools counts. */
  average?: 'binary' | 'macro' | 'weighted' | 'micro';
  positive?: number;
}

type Score = (tp: number, fp: number, fn: number) => number;
// sklearn's zero_division default ("warn") returns 0 where the denominator is 0.
const div = (a: number, b: number): number => (b === 0 ? 0 : a / b);
const precisionOf: Score = (tp, fp) => div(tp, tp + fp);
const recallOf: Score = (tp, _fp, fn) => div(tp, tp + fn);
const f1Of: Score = (tp, fp, fn) => div(2 * tp, 2 * tp + fp + fn);

function averaged(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  o: AveragingOptions,
  score: Score,
): number {
  const { labels, counts } = confusionMatrix(yTrue, yPred);
  const avg = o.average ?? 'binary';
  const k = labels.length;
  const tpOf = (j: number): number => counts[j][j];
  const fpOf = (j: number): number => counts.reduce((s, row, t) => s + (t === j ? 0 : row[j]), 0);
  const fnOf = (j: number): number => counts[j].reduce((s, v, p) => s + (p === j ? 0 : v), 0);
  if (avg === 'binary') {
    const pos = o.positive ?? 1;
    if (k > 2) throw invalidInput(`average 'binary' needs at most 2 labels; found ${k} (use 'macro')`);
    const j = labels.indexOf(pos);
    return j < 0 ? 0 : score(tpOf(j), fpOf(j), fnOf(j));
  }
  if (avg === 'micro') {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let j = 0; j < k; j++) {
      tp += tpOf(j);
      fp += fpOf(j);
      fn += fnOf(j);
    }
    return score(tp, fp, fn);
  }
  let s = 0;
  let w = 0;
  for (let j = 0; j < k; j++) {
    const support = counts[j].reduce((a, b) => a + b, 0);
    const weight = avg === 'weighted' ? support : 1;
    s += weight * score(tpOf(j), fpOf(j), fnOf(j));
    w += weight;
  }
  return div(s, w);
}

export const precision = (
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  o: AveragingOptions = {},
): number => averaged(yTrue, yPred, o, precisionOf);
export const recall = (
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  o: AveragingOptions = {},
): number => averaged(yTrue, yPred, o, recallOf);
export const f1 = (yTrue: ArrayLike<number>, yPred: ArrayLike<number>, o: AveragingOptions = {}): number =>
  averaged(yTrue, yPred, o, f1Of);
