import type { Matrix } from '../matrix.js';
import { isCsr } from '../matrix.js';

/**
 * Σᵢ swᵢ · log(1 + exp(−ỹᵢ zᵢ)) with zᵢ = xᵢ·w + b and ỹ ∈ {−1, +1}, and its gradient, in ONE pass over
 * X: each row's margin is a dot product and its residual is scattered back with an axpy while the row is
 * still in cache. `w` holds p coefficients then (if fitIntercept) the intercept; `grad` has the same
 * layout and is overwritten. The caller adds the penalty.
 */
export function binaryLogisticLossGrad(
  X: Matrix,
  ySign: Int8Array,
  sw: Float64Array | undefined,
  w: Float64Array,
  fitIntercept: boolean,
  grad: Float64Array,
): number {
  const p = X.cols;
  const b = fitIntercept ? w[p] : 0;
  grad.fill(0);
  let loss = 0;
  let gb = 0;
  const rows = X.rows;
  if (isCsr(X)) {
    const { indptr, indices, data } = X;
    for (let i = 0; i < rows; i++) {
      const start = indptr[i];
      const end = indptr[i + 1];
      let z = b;
      for (let k = start; k < end; k++) z += data[k] * w[indices[k]];
      const yz = ySign[i] * z;
      const wi = sw ? sw[i] : 1;
      // log(1 + e^{−yz}) and −y·σ(−yz), computed without overflow on either side.
      let r: number;
      if (yz > 0) {
        const e = Math.exp(-yz);
        loss += wi * Math.log1p(e);
        r = (-ySign[i] * wi * e) / (1 + e);
      } else {
        const e = Math.exp(yz);
        loss += wi * (Math.log1p(e) - yz);
        r = (-ySign[i] * wi) / (1 + e);
      }
      if (r === 0) continue;
      for (let k = start; k < end; k++) grad[indices[k]] += r * data[k];
      gb += r;
    }
  } else {
    // Four rows at a time: four margins (dot products), four residuals, then ONE fused update of the
    // gradient with all four rows while they are still in L1 — four multiply-adds per load/store of
    // grad[j] instead of one.
    const data = X.data;
    const r = [0, 0, 0, 0];
    let i = 0;
    for (; i + 3 < rows; i += 4) {
      for (let q = 0; q < 4; q++) {
        const row = i + q;
        const z = b + rowDot(data, row * p, w, p);
        const ys = ySign[row];
        const yz = ys * z;
        const wi = sw ? sw[row] : 1;
        if (yz > 0) {
          const e = Math.exp(-yz);
          loss += wi * Math.log1p(e);
          r[q] = (-ys * wi * e) / (1 + e);
        } else {
          const e = Math.exp(yz);
          loss += wi * (Math.log1p(e) - yz);
          r[q] = (-ys * wi) / (1 + e);
        }
      }
      const r0 = r[0];
      const r1 = r[1];
      const r2 = r[2];
      const r3 = r[3];
      gb += r0 + r1 + (r2 + r3);
      const o0 = i * p;
      const o1 = o0 + p;
      const o2 = o1 + p;
      const o3 = o2 + p;
      for (let j = 0; j < p; j++)
        grad[j] += r0 * data[o0 + j] + r1 * data[o1 + j] + (r2 * data[o2 + j] + r3 * data[o3 + j]);
    }
    for (; i < rows; i++) {
      const z = b + rowDot(data, i * p, w, p);
      const ys = ySign[i];
      const yz = ys * z;
      const wi = sw ? sw[i] : 1;
      let ri: number;
      if (yz > 0) {
        const e = Math.exp(-yz);
        loss += wi * Math.log1p(e);
        ri = (-ys * wi * e) / (1 + e);
      } else {
        const e = Math.exp(yz);
        loss += wi * (Math.log1p(e) - yz);
        ri = (-ys * wi) / (1 + e);
      }
      gb += ri;
      for (let j = 0; j < p; j++) grad[j] += ri * data[i * p + j];
    }
  }
  if (fitIntercept) grad[p] = gb;
  return loss;
}

/**
 * Multinomial (softmax) cross-entropy Σᵢ swᵢ · (logΣₖ e^{zᵢₖ} − zᵢ,yᵢ) and gradient, one pass over X.
 * `w` is K blocks of (p coefficients [+ intercept]); `z` is a K-length scratch buffer.
 */
export function multinomialLossGrad(
  X: Matrix,
  y: Int32Array,
  K: number,
  sw: Float64Array | undefined,
  w: Float64Array,
  fitIntercept: boolean,
  grad: Float64Array,
  z: Float64Array,
): number {
  const p = X.cols;
  const stride = p + (fitIntercept ? 1 : 0);
  grad.fill(0);
  let loss = 0;
  const csr = isCsr(X);
  for (let i = 0; i < X.rows; i++) {
    let start = 0;
    let end = 0;
    if (csr) {
      start = X.indptr[i];
      end = X.indptr[i + 1];
    }
    for (let c = 0; c < K; c++) {
      const wo = c * stride;
      let s = fitIntercept ? w[wo + p] : 0;
      if (csr) for (let k = start; k < end; k++) s += X.data[k] * w[wo + X.indices[k]];
      else for (let j = 0, o = i * p; j < p; j++) s += X.data[o + j] * w[wo + j];
      z[c] = s;
    }
    let max = z[0];
    for (let c = 1; c < K; c++) if (z[c] > max) max = z[c];
    let sum = 0;
    for (let c = 0; c < K; c++) {
      z[c] = Math.exp(z[c] - max);
      sum += z[c];
    }
    const wi = sw ? sw[i] : 1;
    loss += wi * (Math.log(sum) + max - (Math.log(z[y[i]]) + max));
    for (let c = 0; c < K; c++) {
      const r = wi * (z[c] / sum - (c === y[i] ? 1 : 0));
      if (r === 0) continue;
      const wo = c * stride;
      if (csr) for (let k = start; k < end; k++) grad[wo + X.indices[k]] += r * X.data[k];
      else for (let j = 0, o = i * p; j < p; j++) grad[wo + j] += r * X.data[o + j];
      if (fitIntercept) grad[wo + p] += r;
    }
  }
  return loss;
}

/** x_row · w with four accumulators. */
function rowDot(data: Float64Array | Float32Array, o: number, w: Float64Array, p: number): number {
  let z0 = 0;
  let z1 = 0;
  let z2 = 0;
  let z3 = 0;
  let j = 0;
  for (; j + 3 < p; j += 4) {
    z0 += data[o + j] * w[j];
    z1 += data[o + j + 1] * w[j + 1];
    z2 += data[o + j + 2] * w[j + 2];
    z3 += data[o + j + 3] * w[j + 3];
  }
  for (; j < p; j++) z0 += data[o + j] * w[j];
  return z0 + z1 + (z2 + z3);
}
