import { invalidInput } from '../../core/errors.js';
import { axpy, dot } from './blas.js';

/**
 * In-place Cholesky factorisation A = L Lᵀ of a symmetric positive-definite n × n row-major matrix.
 * On return the lower triangle (diagonal included) holds L and the strict upper triangle is zeroed.
 * Row-oriented (Cholesky–Crout by rows): every inner loop is a dot product of contiguous row
 * prefixes, the cache-friendly order for row-major storage (Golub & Van Loan, alg. 4.2.1).
 * Throws INVALID_INPUT when A is not positive definite (names the failing pivot).
 */
export function choleskyInPlace(a: Float64Array, n: number): void {
  // Rows are produced two at a time and columns consumed two at a time: a 2 × 2 register block makes
  // four dot products share their loads (V8 emits scalar code, so loads are the bottleneck).
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const i0 = i * n;
    const i1 = i0 + n;
    let j = 0;
    for (; j + 1 < i; j += 2) {
      const j0 = j * n;
      const j1 = j0 + n;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let k = 0; k < j; k++) {
        const a0 = a[i0 + k];
        const a1 = a[i1 + k];
        const b0 = a[j0 + k];
        const b1 = a[j1 + k];
        s00 += a0 * b0;
        s01 += a0 * b1;
        s10 += a1 * b0;
        s11 += a1 * b1;
      }
      const l0 = (a[i0 + j] - s00) / a[j0 + j];
      const l1 = (a[i1 + j] - s10) / a[j0 + j];
      a[i0 + j] = l0;
      a[i1 + j] = l1;
      const b = a[j1 + j];
      a[i0 + j + 1] = (a[i0 + j + 1] - s01 - l0 * b) / a[j1 + j + 1];
      a[i1 + j + 1] = (a[i1 + j + 1] - s11 - l1 * b) / a[j1 + j + 1];
    }
    if (j < i) {
      const j0 = j * n;
      a[i0 + j] = (a[i0 + j] - dot(j, a, i0, a, j0)) / a[j0 + j];
      a[i1 + j] = (a[i1 + j] - dot(j, a, i1, a, j0)) / a[j0 + j];
    }
    a[i0 + i] = pivot(a[i0 + i] - dot(i, a, i0, a, i0), i);
    a[i1 + i] = (a[i1 + i] - dot(i, a, i1, a, i0)) / a[i0 + i];
    a[i1 + i + 1] = pivot(a[i1 + i + 1] - dot(i + 1, a, i1, a, i1), i + 1);
    a.fill(0, i0 + i + 1, i0 + n);
    a.fill(0, i1 + i + 2, i1 + n);
  }
  if (i < n) {
    const io = i * n;
    for (let j = 0; j < i; j++) a[io + j] = (a[io + j] - dot(j, a, io, a, j * n)) / a[j * n + j];
    a[io + i] = pivot(a[io + i] - dot(i, a, io, a, io), i);
  }
}

function pivot(d: number, i: number): number {
  if (!(d > 0))
    throw invalidInput(`matrix is not positive definite (pivot ${i} is ${d}); add regularisation`);
  return Math.sqrt(d);
}

/** Solve L Lᵀ x = b in place (b becomes x) given the factor from `choleskyInPlace`. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): void {
  // Forward: L y = b.
  for (let i = 0; i < n; i++) b[i] = (b[i] - dot(i, l, i * n, b, 0)) / l[i * n + i];
  // Backward: Lᵀ x = y, column-oriented so L is still read by rows.
  for (let i = n - 1; i >= 0; i--) {
    b[i] /= l[i * n + i];
    axpy(i, -b[i], l, i * n, b, 0);
  }
}

/**
 * Inverse of a symmetric positive-definite matrix, in place: A⁻¹ = L⁻ᵀ L⁻¹.
 * Three n³/6 passes (factor, triangular inverse, product), each with contiguous inner loops; the
 * product pass is register-blocked 2 × 2 (four dot products share their loads), which is where V8's
 * scalar code gains most. `work` (n × n) may be supplied to avoid an allocation.
 */
export function spdInverseInPlace(a: Float64Array, n: number, work?: Float64Array): void {
  choleskyInPlace(a, n);
  // M = L⁻¹ (lower) by rows: M[i,:] = (e_i − Σ_{k<i} L[i,k] M[k,:]) / L[i,i]; four k at a time so each
  // pass over M[i,:] does four multiply-adds per store.
  const m = work ?? new Float64Array(n * n);
  m.fill(0);
  for (let i = 0; i < n; i++) {
    const io = i * n;
    let k = 0;
    for (; k + 3 < i; k += 4) {
      const c0 = -a[io + k];
      const c1 = -a[io + k + 1];
      const c2 = -a[io + k + 2];
      const c3 = -a[io + k + 3];
      const k0 = k * n;
      const k1 = k0 + n;
      const k2 = k1 + n;
      const k3 = k2 + n;
      for (let j = 0; j <= k; j++)
        m[io + j] += c0 * m[k0 + j] + c1 * m[k1 + j] + (c2 * m[k2 + j] + c3 * m[k3 + j]);
      // Row k+r is non-zero up to column k+r.
      m[io + k + 1] += c1 * m[k1 + k + 1] + c2 * m[k2 + k + 1] + c3 * m[k3 + k + 1];
      m[io + k + 2] += c2 * m[k2 + k + 2] + c3 * m[k3 + k + 2];
      m[io + k + 3] += c3 * m[k3 + k + 3];
    }
    for (; k + 1 < i; k += 2) {
      const c0 = -a[io + k];
      const c1 = -a[io + k + 1];
      const k0 = k * n;
      const k1 = k0 + n;
      // M[k, j] = 0 for j > k, so row k contributes to j ≤ k and row k+1 to j ≤ k+1.
      for (let j = 0; j <= k; j++) m[io + j] += c0 * m[k0 + j] + c1 * m[k1 + j];
      m[io + k + 1] += c1 * m[k1 + k + 1];
    }
    if (k < i) axpy(k + 1, -a[io + k], m, k * n, m, io);
    m[io + i] += 1;
    const inv = 1 / a[io + i];
    for (let j = 0; j <= i; j++) m[io + j] *= inv;
  }
  // U = Mᵀ (upper), so (A⁻¹)[i,j] = Σ_k M[k,i] M[k,j] = U[i,:] · U[j,:] over k ≥ max(i, j).
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[j * n + i] = m[i * n + j];
  upperGram(a, n, m);
  a.set(m.subarray(0, n * n));
}

/**
 * out = U Uᵀ for U upper triangular (row-major, in `u`), full symmetric result. Entry (i, j), i ≤ j, is
 * U[i, j:] · U[j, j:]; pairs of rows i, i+1 against pairs j, j+1 share loads (2 × 2 register block).
 */
function upperGram(u: Float64Array, n: number, out: Float64Array): void {
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const i0 = i * n;
    const i1 = i0 + n;
    // Column pairs (j, j+1) with j ≥ i + 2 are fully inside both rows' non-zero range from j on.
    // Diagonal block first: (i, i), (i, i+1), (i+1, i+1).
    out[i0 + i] = dot(n - i, u, i0 + i, u, i0 + i);
    const d01 = dot(n - i - 1, u, i0 + i + 1, u, i1 + i + 1);
    out[i0 + i + 1] = d01;
    out[i1 + i] = d01;
    out[i1 + i + 1] = dot(n - i - 1, u, i1 + i + 1, u, i1 + i + 1);
    let j = i + 2;
    for (; j + 1 < n; j += 2) {
      const j0 = j * n;
      const j1 = j0 + n;
      // (·, j) sums over t ≥ j, (·, j+1) over t ≥ j+1: the t = j term first (the strict lower
      // triangle of u still holds L, so U[j+1, j] must not be read).
      const bj = u[j0 + j];
      let s00 = u[i0 + j] * bj;
      let s01 = 0;
      let s10 = u[i1 + j] * bj;
      let s11 = 0;
      for (let t = j + 1; t < n; t++) {
        const a0 = u[i0 + t];
        const a1 = u[i1 + t];
        const b0 = u[j0 + t];
        const b1 = u[j1 + t];
        s00 += a0 * b0;
        s01 += a0 * b1;
        s10 += a1 * b0;
        s11 += a1 * b1;
      }
      out[i0 + j] = s00;
      out[j0 + i] = s00;
      out[i0 + j + 1] = s01;
      out[j1 + i] = s01;
      out[i1 + j] = s10;
      out[j0 + i + 1] = s10;
      out[i1 + j + 1] = s11;
      out[j1 + i + 1] = s11;
    }
    if (j < n) {
      const j0 = j * n;
      const s0 = dot(n - j, u, i0 + j, u, j0 + j);
      const s1 = dot(n - j, u, i1 + j, u, j0 + j);
      out[i0 + j] = s0;
      out[j0 + i] = s0;
      out[i1 + j] = s1;
      out[j0 + i + 1] = s1;
    }
  }
  if (i < n) out[i * n + i] = dot(n - i, u, i * n + i, u, i * n + i);
}
