import { invalidInput } from '../core/errors.js';

/**
 * Inverse of a symmetric positive-definite matrix (row-major n × n), in place, via Cholesky:
 * A = L Lᵀ, M = L⁻¹, A⁻¹ = Mᵀ M (Golub & Van Loan, Matrix Computations, 4th ed., §4.2).
 * Every inner loop runs over contiguous memory, which is what makes it fast in V8: about n³/2
 * multiply-adds in total. Private to src/recommend until src/ml/linalg lands on main.
 * Throws INVALID_INPUT when the matrix is not positive definite (a non-positive pivot).
 */
export function spdInverseInPlace(a: Float64Array, n: number): void {
  if (a.length !== n * n) throw invalidInput(`matrix has ${a.length} values, expected ${n}×${n}`);
  // 1. Cholesky, lower triangle of `a` overwritten by L (row-oriented, dot products of rows).
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      // four accumulators: V8 does not vectorise, unrolling hides the add latency
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let k = 0;
      for (; k + 3 < j; k += 4) {
        s0 += a[ri + k] * a[rj + k];
        s1 += a[ri + k + 1] * a[rj + k + 1];
        s2 += a[ri + k + 2] * a[rj + k + 2];
        s3 += a[ri + k + 3] * a[rj + k + 3];
      }
      for (; k < j; k++) s0 += a[ri + k] * a[rj + k];
      const s = a[ri + j] - (s0 + s1 + s2 + s3);
      if (i === j) {
        if (!(s > 0)) throw invalidInput(`matrix is not positive definite (pivot ${i} is ${s})`);
        a[ri + i] = Math.sqrt(s);
      } else {
        a[ri + j] = s / a[rj + j];
      }
    }
  }
  // 2. M = L⁻¹ (lower), row by row: M[i] = (e_i − Σ_{k<i} L[i][k] M[k]) / L[i][i].
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let k = 0; k < i; k++) {
      const l = a[ri + k];
      if (l === 0) continue;
      const rk = k * n;
      axpy(m, ri, -l, m, rk, k + 1);
    }
    m[ri + i] += 1;
    const d = 1 / a[ri + i];
    for (let c = 0; c <= i; c++) m[ri + c] *= d;
  }
  // 3. A⁻¹ = Mᵀ M: sum of outer products of M's rows (row k is non-zero in columns 0..k).
  a.fill(0);
  for (let k = 0; k < n; k++) {
    const rk = k * n;
    for (let i = 0; i <= k; i++) {
      const v = m[rk + i];
      if (v === 0) continue;
      const ri = i * n;
      axpy(a, ri, v, m, rk, i + 1);
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[j * n + i] = a[i * n + j];
}

/** y[yo..yo+len) += alpha · x[xo..xo+len), unrolled by four. */
function axpy(y: Float64Array, yo: number, alpha: number, x: Float64Array, xo: number, len: number): void {
  let c = 0;
  for (; c + 3 < len; c += 4) {
    y[yo + c] += alpha * x[xo + c];
    y[yo + c + 1] += alpha * x[xo + c + 1];
    y[yo + c + 2] += alpha * x[xo + c + 2];
    y[yo + c + 3] += alpha * x[xo + c + 3];
  }
  for (; c < len; c++) y[yo + c] += alpha * x[xo + c];
}

/** Slow reference: Gauss–Jordan elimination with partial pivoting on a copy. Tested against the fast one. */
export function inverseGaussJordan(a: Float64Array, n: number): Float64Array {
  const w = Float64Array.from(a);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(w[r * n + c]) > Math.abs(w[p * n + c])) p = r;
    if (w[p * n + c] === 0) throw invalidInput('matrix is singular');
    if (p !== c) {
      for (let k = 0; k < n; k++) {
        [w[p * n + k], w[c * n + k]] = [w[c * n + k], w[p * n + k]];
        [inv[p * n + k], inv[c * n + k]] = [inv[c * n + k], inv[p * n + k]];
      }
    }
    const d = w[c * n + c];
    for (let k = 0; k < n; k++) {
      w[c * n + k] /= d;
      inv[c * n + k] /= d;
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = w[r * n + c];
      if (f === 0) continue;
      for (let k = 0; k < n; k++) {
        w[r * n + k] -= f * w[c * n + k];
        inv[r * n + k] -= f * inv[c * n + k];
      }
    }
  }
  return inv;
}
