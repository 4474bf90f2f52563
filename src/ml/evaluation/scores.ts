import { invalidInput } from '../../core/errors.js';

/*
 * The few scores the evaluators report. ml-core's `metrics` module owns the full catalogue; these stay
 * small and exact so the evaluators do not wait for it.
 */

/** ROC AUC by the rank-sum (Mann–Whitney U) formula, ties given their mean rank. */
export function rocAuc(y: ArrayLike<number>, score: ArrayLike<number>): number {
  const n = y.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a] - score[b]);
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && score[order[j]] === score[order[i]]) j++;
    const meanRank = (i + 1 + j) / 2;
    for (let t = i; t < j; t++) {
      if (y[order[t]] === 1) {
        pos++;
        rankSum += meanRank;
      }
    }
    i = j;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) throw invalidInput('ROC AUC needs both classes in y');
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Mean binary cross-entropy, probabilities clipped to [1e-15, 1 − 1e-15] as scikit-learn does. */
export function logLoss(y: ArrayLike<number>, p: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(Math.max(p[i], 1e-15), 1 - 1e-15);
    s -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return s / y.length;
}

/** Accuracy and F1 of the positive class at a probability threshold. */
export function thresholdScores(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  threshold = 0.5,
): { accuracy: number; f1: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let correct = 0;
  for (let i = 0; i < y.length; i++) {
    const pred = p[i] >= threshold ? 1 : 0;
    if (pred === y[i]) correct++;
    if (pred === 1 && y[i] === 1) tp++;
    else if (pred === 1) fp++;
    else if (y[i] === 1) fn++;
  }
  return { accuracy: correct / y.length, f1: tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn) };
}

export function regressionScores(
  y: ArrayLike<number>,
  pred: ArrayLike<number>,
): { rmse: number; mae: number; r2: number } {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean /= n;
  let sse = 0;
  let sae = 0;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    const e = y[i] - pred[i];
    sse += e * e;
    sae += Math.abs(e);
    sst += (y[i] - mean) ** 2;
  }
  return { rmse: Math.sqrt(sse / n), mae: sae / n, r2: sst === 0 ? 0 : 1 - sse / sst };
}
