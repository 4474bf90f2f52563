/**
 * Dense BLAS-style kernels on row-major Float64Array. Each writes into a buffer the caller owns and
 * allocates nothing; loops are ordered so the innermost index walks memory contiguously (V8 does not
 * vectorise, so contiguous access and a few independent accumulators are what make these fast).
 */
type Vec = Float64Array | Float32Array;

/** x · y over n entries starting at offsets xo / yo. */
export function dot(n: number, x: Vec, xo: number, y: Vec, yo: number): number {
  // Four accumulators break the add dependency chain (≈2× faster than one in V8).
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += x[xo + i] * y[yo + i];
    s1 += x[xo + i + 1] * y[yo + i + 1];
    s2 += x[xo + i + 2] * y[yo + i + 2];
    s3 += x[xo + i + 3] * y[yo + i + 3];
  }
  for (; i < n; i++) s0 += x[xo + i] * y[yo + i];
  return s0 + s1 + (s2 + s3);
}

/** y[yo..yo+n) += alpha · x[xo..xo+n). */
export function axpy(n: number, alpha: number, x: Vec, xo: number, y: Vec, yo: number): void {
  if (alpha === 0) return;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    y[yo + i] += alpha * x[xo + i];
    y[yo + i + 1] += alpha * x[xo + i + 1];
    y[yo + i + 2] += alpha * x[xo + i + 2];
    y[yo + i + 3] += alpha * x[xo + i + 3];
  }
  for (; i < n; i++) y[yo + i] += alpha * x[xo + i];
}

/** x[xo..xo+n) *= alpha. */
export function scal(n: number, alpha: number, x: Vec, xo = 0): void {
  for (let i = 0; i < n; i++) x[xo + i] *= alpha;
}

/** y = alpha · A x + beta · y, with A rows × cols row-major. */
export function gemv(rows: number, cols: number, alpha: number, a: Vec, x: Vec, beta: number, y: Vec): void {
  for (let r = 0; r < rows; r++) {
    const s = dot(cols, a, r * cols, x, 0);
    y[r] = beta === 0 ? alpha * s : alpha * s + beta * y[r];
  }
}

/** y = alpha · Aᵀ x + beta · y, with A rows × cols row-major (y has cols entries). */
export function gemvT(rows: number, cols: number, alpha: number, a: Vec, x: Vec, beta: number, y: Vec): void {
  if (beta === 0) y.fill(0, 0, cols);
  else if (beta !== 1) scal(cols, beta, y);
  // Row-wise axpy keeps A's access contiguous.
  for (let r = 0; r < rows; r++) axpy(cols, alpha * x[r], a, r * cols, y, 0);
}

/**
 * C = alpha · A B + beta · C; A is m × k, B is k × n, C is m × n (all row-major).
 * i-k-j order: the inner loop is an axpy over a row of B into a row of C, both contiguous.
 */
export function gemm(
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Vec,
  b: Vec,
  beta: number,
  c: Vec,
): void {
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    if (beta === 0) c.fill(0, ci, ci + n);
    else if (beta !== 1) scal(n, beta, c, ci);
    for (let p = 0; p < k; p++) axpy(n, alpha * a[i * k + p], b, p * n, c, ci);
  }
}

/**
 * Gram matrix G = Aᵀ A (cols × cols, full symmetric) for A rows × cols row-major: a rank-1 update per
 * row on the upper triangle, mirrored at the end.
 */
export function gram(rows: number, cols: number, a: Vec, g: Float64Array): void {
  g.fill(0, 0, cols * cols);
  for (let r = 0; r < rows; r++) {
    const ro = r * cols;
    for (let i = 0; i < cols; i++) {
      const v = a[ro + i];
      if (v !== 0) axpy(cols - i, v, a, ro + i, g, i * cols + i);
    }
  }
  for (let i = 0; i < cols; i++) for (let j = 0; j < i; j++) g[i * cols + j] = g[j * cols + i];
}
