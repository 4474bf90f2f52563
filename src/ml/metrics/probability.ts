import { invalidInput } from '../../core/errors.js';
import { checkBinary, checkPair } from './check.js';

function checkProb(p: ArrayLike<number>): void {
  for (let i = 0; i < p.length; i++)
    if (p[i] < 0 || p[i] > 1)
      throw invalidInput(`yProb row ${i}: value ${p[i]} is not a probability in [0, 1]`);
}

/**
 * Binary log loss (cross-entropy), probabilities clipped to [ε, 1 − ε] with ε = 2⁻⁵² as sklearn's
 * eps='auto' for float64.
 */
export function logLoss(yTrue: ArrayLike<number>, yProb: ArrayLike<number>): number {
  const n = checkPair(yTrue, yProb, 'yTrue', 'yProb');
  checkBinary(yTrue);
  checkProb(yProb);
  const eps = Number.EPSILON;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(Math.max(yProb[i], eps), 1 - eps);
    s -= yTrue[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return s / n;
}

/** Mean squared difference between probability and outcome (sklearn brier_score_loss). */
export function brierScore(yTrue: ArrayLike<number>, yProb: ArrayLike<number>): number {
  const n = checkPair(yTrue, yProb, 'yTrue', 'yProb');
  checkBinary(yTrue);
  checkProb(yProb);
  let s = 0;
  for (let i = 0; i < n; i++) s += (yProb[i] - yTrue[i]) ** 2;
  return s / n;
}

export interface CalibrationCurve {
  /** Observed positive rate per non-empty bin. */
  fractionPositive: number[];
  /** Mean predicted probability per non-empty bin. */
  meanPredicted: number[];
  /** Rows per non-empty bin. */
  count: number[];
}

/**
 * Reliability diagram points (sklearn calibration_curve): 'uniform' bins of equal width on [0, 1] or
 * 'quantile' bins of equal count; empty bins are dropped.
 */
export function calibrationCurve(
  yTrue: ArrayLike<number>,
  yProb: ArrayLike<number>,
  o: { bins?: number; strategy?: 'uniform' | 'quantile' } = {},
): CalibrationCurve {
  const n = checkPair(yTrue, yProb, 'yTrue', 'yProb');
  checkBinary(yTrue);
  checkProb(yProb);
  const bins = o.bins ?? 5;
  if (!Number.isInteger(bins) || bins < 1) throw invalidInput(`bins must be an integer >= 1; got ${bins}`);
  let edges: number[];
  if (o.strategy === 'quantile') {
    const sorted = Float64Array.from(yProb).sort();
    edges = Array.from({ length: bins + 1 }, (_, i) => quantile(sorted, i / bins));
  } else edges = Array.from({ length: bins + 1 }, (_, i) => i * (1 / bins)); // as np.linspace
  const sumY = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const cnt = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    // np.searchsorted(edges[1:-1], p) (side 'left'), as sklearn 1.2: a value on an edge goes to the lower bin.
    let b = 0;
    while (b < bins - 1 && yProb[i] > edges[b + 1]) b++;
    sumY[b] += yTrue[i];
    sumP[b] += yProb[i];
    cnt[b]++;
  }
  const out: CalibrationCurve = { fractionPositive: [], meanPredicted: [], count: [] };
  for (let b = 0; b < bins; b++) {
    if (cnt[b] === 0) continue;
    out.fractionPositive.push(sumY[b] / cnt[b]);
    out.meanPredicted.push(sumP[b] / cnt[b]);
    out.count.push(cnt[b]);
  }
  return out;
}

/** Linear-interpolation quantile of sorted data (numpy's default 'linear' method). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
