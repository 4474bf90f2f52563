import { isCsr, type Matrix } from '../matrix.js';

/**
 * Per-column count of non-missing values, mean, population variance, min and max, skipping NaN
 * (so the imputer can share it). Welford's update for numerical stability (Welford 1962).
 */
export function columnStats(X: Matrix): {
  count: Float64Array;
  mean: Float64Array;
  variance: Float64Array;
  min: Float64Array;
  max: Float64Array;
} {
  const p = X.cols;
  const count = new Float64Array(p);
  const mean = new Float64Array(p);
  const m2 = new Float64Array(p);
  const min = new Float64Array(p).fill(Number.POSITIVE_INFINITY);
  const max = new Float64Array(p).fill(Number.NEGATIVE_INFINITY);
  const add = (j: number, v: number): void => {
    if (Number.isNaN(v)) return;
    const c = ++count[j];
    const d = v - mean[j];
    mean[j] += d / c;
    m2[j] += d * (v - mean[j]);
    if (v < min[j]) min[j] = v;
    if (v > max[j]) max[j] = v;
  };
  if (isCsr(X)) {
    // Implicit zeros count as values: fold them in afterwards with the parallel-variance formula
    // (Chan, Golub & LeVeque 1979).
    for (let r = 0; r < X.rows; r++)
      for (let k = X.indptr[r]; k < X.indptr[r + 1]; k++) add(X.indices[k], X.data[k]);
    const stored = new Float64Array(p);
    for (let k = 0; k < X.indptr[X.rows]; k++) stored[X.indices[k]]++;
    for (let j = 0; j < p; j++) {
      const zeros = X.rows - stored[j];
      if (zeros <= 0) continue;
      const n = count[j] + zeros;
      const d = 0 - mean[j];
      m2[j] += (d * d * count[j] * zeros) / n;
      mean[j] = (mean[j] * count[j]) / n;
      count[j] = n;
      if (min[j] > 0) min[j] = 0;
      if (max[j] < 0) max[j] = 0;
    }
  } else {
    const { data } = X;
    for (let i = 0; i < data.length; i += p) for (let j = 0; j < p; j++) add(j, data[i + j]);
  }
  const variance = new Float64Array(p);
  for (let j = 0; j < p; j++) variance[j] = count[j] > 0 ? m2[j] / count[j] : 0;
  return { count, mean, variance, min, max };
}
