import type { Matrix } from '../matrix.js';
import { isCsr } from '../matrix.js';

/** out[i·K + c] = xᵢ · coef[c] + intercept[c] for K weight vectors stored row-major (K × p). */
export function linearScores(
  X: Matrix,
  coef: ArrayLike<number>,
  intercept: ArrayLike<number>,
  K: number,
): Float64Array {
  const p = X.cols;
  const out = new Float64Array(X.rows * K);
  for (let i = 0; i < X.rows; i++) {
    for (let c = 0; c < K; c++) {
      let s = intercept[c];
      const wo = c * p;
      if (isCsr(X))
        for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) s += X.data[k] * coef[wo + X.indices[k]];
      else for (let j = 0, o = i * p; j < p; j++) s += X.data[o + j] * coef[wo + j];
      out[i * K + c] = s;
    }
  }
  return out;
}
