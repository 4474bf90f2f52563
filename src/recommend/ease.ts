import type { FitOptions, ModelArtifact, ParamTable, Recommender } from '../ml/estimator.js';
import { spdInverseInPlace } from '../ml/linalg/index.js';
import type { Csr } from '../ml/matrix.js';
import { transposeCsr } from '../ml/matrix.js';
import {
  type BaseFitted,
  baseFromPlain,
  checkArtifact,
  f32,
  type Plain,
  RecommenderBase,
} from './recommender-base.js';

export interface EaseParams {
  /** L2 penalty λ on the item-item weights (Steck 2019). */
  lambda: number;
  /**
   * Emphasised-denoising dropout p ∈ [0, 1): adds p/(1−p)·G_ii to the diagonal (EDLAE, Steck 2020,
   * "Autoencoders that don't overfit towards the identity", NeurIPS), penalising popular items more.
   */
  dropout: number;
}

export interface EaseFitted extends BaseFitted {
  /** nItems × nItems row-major item-item weights B, zero diagonal. */
  weights: Float32Array;
}

/** Chosen by bench/tune-recommend.ts on a validation split carved from MovieLens-100k training rows. */
export const EASE_DEFAULTS: EaseParams = { lambda: 500, dropout: 0.15 };

/**
 * EASE (Steck 2019, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW): closed form
 * B = I − P·diagMat(1/diag(P)), P = (XᵀX + Λ)⁻¹, i.e. B_ij = −P_ij / P_jj and B_jj = 0.
 * The item × item inverse costs O(items³); when there are fewer users than items it is computed
 * through the Woodbury identity on the users × users matrix instead, which gives the same P.
 */
export class Ease
  extends RecommenderBase<EaseParams, EaseFitted>
  implements Recommender<EaseParams, Plain<EaseFitted>>
{
  readonly kind = 'ease';
  readonly version = 1;
  protected readonly paramTable: ParamTable<EaseParams> = {
    lambda: { type: 'number', min: 0, exclusiveMin: true },
    dropout: { type: 'number', min: 0, max: 0.99 },
  };

  constructor(params: Partial<EaseParams> = {}) {
    super({ ...EASE_DEFAULTS, ...params });
  }

  static fromJSON(a: ModelArtifact<EaseParams, Plain<EaseFitted>>): Ease {
    checkArtifact(a, 'ease', 1);
    return new Ease(a.params).restore({ ...baseFromPlain(a.fitted), weights: f32(a.fitted.weights) });
  }

  protected fitUnchecked(X: Csr, base: BaseFitted, o: FitOptions): EaseFitted {
    const n = X.cols;
    const { lambda, dropout } = this.params;
    // Diagonal of the Gram matrix: Σ_u x_ui².
    const gDiag = new Float64Array(n);
    for (let p = 0; p < X.indptr[X.rows]; p++) gDiag[X.indices[p]] += X.data[p] * X.data[p];
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) d[i] = lambda + (dropout / (1 - dropout)) * gDiag[i];
    o.onProgress?.(0.1, 'inverting');
    const P = X.rows < n ? precisionWoodbury(X, d) : precisionDirect(X, d);
    o.signal?.throwIfAborted();
    const weights = new Float32Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) weights[i * n + j] = i === j ? 0 : -P[i * n + j] / P[j * n + j];
    }
    return { ...base, weights };
  }

  protected scoreUnchecked(user: number, out: Float64Array): void {
    const s = this.fitted;
    const n = s.nItems;
    const B = s.weights;
    out.fill(0);
    for (let p = s.historyIndptr[user]; p < s.historyIndptr[user + 1]; p++) {
      const x = s.historyData[p];
      const r = s.historyIndices[p] * n;
      for (let j = 0; j < n; j++) out[j] += x * B[r + j];
    }
  }

  protected override itemSimilarities(item: number, out: Float64Array): void {
    const s = this.fitted;
    const n = s.nItems;
    for (let j = 0; j < n; j++) out[j] = s.weights[item * n + j];
  }
}

/** P = (XᵀX + diag(d))⁻¹ by forming the item Gram matrix and inverting it. */
export function precisionDirect(X: Csr, d: Float64Array): Float64Array {
  const n = X.cols;
  const G = new Float64Array(n * n);
  for (let u = 0; u < X.rows; u++) {
    for (let p = X.indptr[u]; p < X.indptr[u + 1]; p++) {
      const i = X.indices[p];
      const xi = X.data[p];
      for (let q = X.indptr[u]; q < X.indptr[u + 1]; q++) G[i * n + X.indices[q]] += xi * X.data[q];
    }
  }
  for (let i = 0; i < n; i++) G[i * n + i] += d[i];
  spdInverseInPlace(G, n);
  return G;
}

/**
 * Same P through the Woodbury identity (Golub & Van Loan §2.1.4):
 * (D + XᵀX)⁻¹ = D⁻¹ − Zᵀ (I + Z Xᵀ)⁻¹ Z with Z = X D⁻¹ — an m × m inverse for m users.
 */
export function precisionWoodbury(X: Csr, d: Float64Array): Float64Array {
  const m = X.rows;
  const n = X.cols;
  const nnz = X.indptr[m];
  const zData = new Float64Array(nnz);
  for (let p = 0; p < nnz; p++) zData[p] = X.data[p] / d[X.indices[p]];
  // H = I + Z Xᵀ, accumulated item by item over the pairs of users who share it.
  const XT = transposeCsr(X);
  const H = new Float64Array(m * m);
  for (let i = 0; i < n; i++) {
    const inv = 1 / d[i];
    for (let p = XT.indptr[i]; p < XT.indptr[i + 1]; p++) {
      const u = XT.indices[p];
      const xu = XT.data[p] * inv;
      for (let q = XT.indptr[i]; q < XT.indptr[i + 1]; q++) H[u * m + XT.indices[q]] += xu * XT.data[q];
    }
  }
  for (let u = 0; u < m; u++) H[u * m + u] += 1;
  spdInverseInPlace(H, m);
  // W = K Z (m × n dense).
  const W = new Float64Array(m * n);
  for (let u = 0; u < m; u++) {
    const ru = u * n;
    for (let v = 0; v < m; v++) {
      const k = H[u * m + v];
      for (let p = X.indptr[v]; p < X.indptr[v + 1]; p++) W[ru + X.indices[p]] += k * zData[p];
    }
  }
  // P = D⁻¹ − Zᵀ W.
  const P = new Float64Array(n * n);
  for (let i = 0; i < n; i++) P[i * n + i] = 1 / d[i];
  for (let v = 0; v < m; v++) {
    const rv = v * n;
    for (let p = X.indptr[v]; p < X.indptr[v + 1]; p++) {
      const ri = X.indices[p] * n;
      const z = zData[p];
      let j = 0;
      for (; j + 3 < n; j += 4) {
        P[ri + j] -= z * W[rv + j];
        P[ri + j + 1] -= z * W[rv + j + 1];
        P[ri + j + 2] -= z * W[rv + j + 2];
        P[ri + j + 3] -= z * W[rv + j + 3];
      }
      for (; j < n; j++) P[ri + j] -= z * W[rv + j];
    }
  }
  return P;
}
