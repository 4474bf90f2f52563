/**
 * Histogram kernel (LightGBM `dense_bin.hpp` ConstructHistogram): for the rows of one leaf, sum gradient,
 * hessian and count per bin into a caller-owned interleaved buffer `hist[(offset[f] + bin) * 3 + {0,1,2}]`.
 * Gradients arrive already gathered in leaf order (`orderedGrad[i]` belongs to `rowIdx[begin + i]`), so
 * the only scattered read is the uint8 bin. No allocation here.
 */
export function buildHistogram(
  bins: Uint8Array,
  nRows: number,
  features: Int32Array,
  nFeatures: number,
  offsets: Int32Array,
  rowIdx: Int32Array,
  begin: number,
  end: number,
  orderedGrad: Float64Array,
  orderedHess: Float64Array,
  hist: Float64Array,
): void {
  const n = end - begin;
  for (let k = 0; k < nFeatures; k++) {
    const f = features[k];
    const from = offsets[f] * 3;
    hist.fill(0, from, offsets[f + 1] * 3);
    const base = f * nRows;
    for (let i = 0; i < n; i++) {
      const h = from + bins[base + rowIdx[begin + i]] * 3;
      hist[h] += orderedGrad[i];
      hist[h + 1] += orderedHess[i];
      hist[h + 2] += 1;
    }
  }
}

/** In place: `target -= other` over the bins of the given features (larger child = parent − smaller). */
export function subtractHistogram(
  target: Float64Array,
  other: Float64Array,
  features: Int32Array,
  nFeatures: number,
  offsets: Int32Array,
): void {
  for (let k = 0; k < nFeatures; k++) {
    const f = features[k];
    const end = offsets[f + 1] * 3;
    for (let i = offsets[f] * 3; i < end; i++) target[i] -= other[i];
  }
}

/** Slow reference kernel kept beside the fast one (tested against it): one row at a time, no ordering. */
export function buildHistogramReference(
  bins: Uint8Array,
  nRows: number,
  features: ArrayLike<number>,
  offsets: Int32Array,
  rows: ArrayLike<number>,
  grad: Float64Array,
  hess: Float64Array,
  totalBins: number,
): Float64Array {
  const hist = new Float64Array(totalBins * 3);
  for (let k = 0; k < features.length; k++) {
    const f = features[k];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const h = (offsets[f] + bins[f * nRows + r]) * 3;
      hist[h] += grad[r];
      hist[h + 1] += hess[r];
      hist[h + 2] += 1;
    }
  }
  return hist;
}
