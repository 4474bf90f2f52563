import { invalidInput } from '../../core/errors.js';
import { checkBinary, checkPair } from './check.js';

/** Row order by descending score (stable), shared by the curve metrics. */
function byScoreDesc(score: ArrayLike<number>): Int32Array {
  const idx = Int32Array.from({ length: score.length }, (_, i) => i);
  return idx.sort((a, b) => score[b] - score[a] || a - b);
}

function prepare(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): { n: number; pos: number } {
  const n = checkPair(yTrue, yScore, 'yTrue', 'yScore');
  checkBinary(yTrue);
  let pos = 0;
  for (let i = 0; i < n; i++) pos += yTrue[i];
  return { n, pos };
}

/**
 * Area under the ROC curve by the Mann–Whitney U statistic with midranks, so tied scores count ½
 * (equals sklearn roc_auc_score). O(n log n).
 */
export function rocAuc(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): number {
  const { n, pos } = prepare(yTrue, yScore);
  const neg = n - pos;
  if (pos === 0 || neg === 0) throw invalidInput('ROC AUC is undefined when yTrue has only one class');
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => yScore[a] - yScore[b]);
  let rankSumPos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && yScore[order[j]] === yScore[order[i]]) j++;
    const midrank = (i + j + 1) / 2; // ranks are 1-based
    for (let k = i; k < j; k++) if (yTrue[order[k]] === 1) rankSumPos += midrank;
    i = j;
  }
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

export interface RocCurve {
  fpr: number[];
  tpr: number[];
  /** Score thresholds, descending; the first is +Infinity (no row predicted positive). */
  thresholds: number[];
}

/**
 * ROC curve points at every distinct score (sklearn roc_curve with drop_intermediate=False, except the
 * first threshold is +Infinity rather than max + 1 as in sklearn ≥ 1.3).
 */
export function rocCurve(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): RocCurve {
  const { n, pos } = prepare(yTrue, yScore);
  const neg = n - pos;
  const order = byScoreDesc(yScore);
  const fpr = [0];
  const tpr = [0];
  const thresholds = [Number.POSITIVE_INFINITY];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < n; i++) {
    if (yTrue[order[i]] === 1) tp++;
    else fp++;
    if (i === n - 1 || yScore[order[i + 1]] !== yScore[order[i]]) {
      fpr.push(neg ? fp / neg : Number.NaN);
      tpr.push(pos ? tp / pos : Number.NaN);
      thresholds.push(yScore[order[i]]);
    }
  }
  return { fpr, tpr, thresholds };
}

export interface PrecisionRecallCurve {
  precision: number[];
  recall: number[];
  /** Ascending, as sklearn precision_recall_curve; the final point (precision 1, recall 0) has none. */
  thresholds: number[];
}

/** Precision–recall points at every distinct score (sklearn precision_recall_curve). */
export function precisionRecallCurve(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
): PrecisionRecallCurve {
  const { n, pos } = prepare(yTrue, yScore);
  if (pos === 0) throw invalidInput('precision-recall curve needs at least one positive in yTrue');
  const order = byScoreDesc(yScore);
  const p: number[] = [];
  const r: number[] = [];
  const t: number[] = [];
  let tp = 0;
  for (let i = 0; i < n; i++) {
    tp += yTrue[order[i]];
    if (i === n - 1 || yScore[order[i + 1]] !== yScore[order[i]]) {
      p.push(tp / (i + 1));
      r.push(tp / pos);
      t.push(yScore[order[i]]);
      if (tp === pos) break; // sklearn stops once full recall is reached
    }
  }
  p.reverse();
  r.reverse();
  t.reverse();
  p.push(1);
  r.push(0);
  return { precision: p, recall: r, thresholds: t };
}

/**
 * PR AUC as average precision, AP = Σ (Rₙ − Rₙ₋₁) Pₙ (sklearn average_precision_score; no trapezoid,
 * which would be optimistic).
 */
export function averagePrecision(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): number {
  const { precision, recall } = precisionRecallCurve(yTrue, yScore);
  let ap = 0;
  for (let i = 0; i < precision.length - 1; i++) ap += (recall[i] - recall[i + 1]) * precision[i];
  return ap;
}

export const prAuc = averagePrecision;

/**
 * Lift at k %: positive rate among the top `fraction` of rows by score divided by the overall positive
 * rate. The cut takes ceil(fraction · n) rows; ties at the cut are broken by row order.
 */
export function liftAtK(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, fraction: number): number {
  const { n, pos } = prepare(yTrue, yScore);
  if (!(fraction > 0 && fraction <= 1))
    throw invalidInput(`lift fraction must be in (0, 1]; got ${fraction}`);
  if (pos === 0) throw invalidInput('lift is undefined when yTrue has no positives');
  const order = byScoreDesc(yScore);
  const top = Math.max(1, Math.ceil(fraction * n));
  let hit = 0;
  for (let i = 0; i < top; i++) hit += yTrue[order[i]];
  return hit / top / (pos / n);
}
