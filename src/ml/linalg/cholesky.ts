import { invalidInput } from '../../core/errors.js';
import { axpy, dot } from './blas.js';

/**
 * In-place Cholesky factorisation A = L Lᵀ of a symmetric positive-definite n × n row-major matrix.
 * On return the lower triangle (diagonal included) holds L and the strict upper triangle is zeroed.
 * Row-oriented (Cholesky–Crout by rows): every inner loop is a dot product of two contiguous row
 * prefixes, which is the cache-friendly order for row-major storage. Golub & Van Loan, alg. 4.2.1.
 * Throws INVALID_INPUT when A is not positive definite (names the failing pivot).
 */
export function choleskyInPlace(a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const io = i * n;
    for (let j = 0; j < i; j++) {
      const jo = j * n;
      a[io + j] = (a[io + j] - dot(j, a, io, a, jo)) / a[jo + j];
    }
    const d = a[io + i] - dot(i, a, io, a, io);
    if (!(d > 0)) {
      throw invalidInput(`matrix is not positive definite (pivot ${i} is ${d}); add regularisation`);
    }
    a[io + i] = Math.sqrt(d);
    a.fill(0, io + i + 1, io + n);
  }
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
 * Three n³/6 passes (factor, triangular inverse, product), each with contiguous inner loops.
 * `work` (n × n) may be supplied to avoid an allocation.
 */
export function spdInverseInPlace(a: Float64Array, n: number, work?: Float64Array): void {
  choleskyInPlace(a, n);
  // M = L⁻¹ (lower) by rows: M[i,:] = (e_i − Σ_{k<i} L[i,k] M[k,:]) / L[i,i]; each axpy is contiguous.
  const m = work ?? new Float64Array(n * n);
  m.fill(0);
  for (let i = 0; i < n; i++) {
    const io = i * n;
    for (let k = 0; k < i; k++) axpy(k + 1, -a[io + k], m, k * n, m, io);
    m[io + i] += 1;
    const inv = 1 / a[io + i];
    for (let j = 0; j <= i; j++) m[io + j] *= inv;
  }
  // U = Mᵀ (upper), so (A⁻¹)[i,j] = Σ_k M[k,i] M[k,j] = U[i,:] · U[j,:] over k ≥ max(i, j).
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[j * n + i] = m[i * n + j];
  for (let i = 0; i < n; i++) {
    const io = i * n;
    for (let j = i; j < n; j++) {
      const v = dot(n - j, a, io + j, a, j * n + j);
      m[io + j] = v;
      m[j * n + i] = v;
    }
  }
  a.set(m.subarray(0, n * n));
}
