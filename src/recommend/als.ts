import type { FitOptions, ModelArtifact, ParamTable, Recommender } from '../ml/estimator.js';
import type { Csr } from '../ml/matrix.js';
import { transposeCsr } from '../ml/matrix.js';
import { Rng } from '../ml/random.js';
import {
  type BaseFitted,
  baseFromPlain,
  checkArtifact,
  f64,
  type Plain,
  RecommenderBase,
} from './recommender-base.js';

export interface AlsParams {
  factors: number;
  /** L2 penalty λ. */
  regularization: number;
  /**
   * Frequency scaling ν of the penalty (Rendle et al. 2022, "Revisiting the performance of iALS on
   * item recommendation benchmarks", RecSys): row u gets λ·(w_u / w̄)^ν with w_u = n_u + N/(1+α),
   * its observed count plus the unobserved items' relative weight. ν = 0 is the plain penalty.
   */
  regularizationExponent: number;
  /** Confidence c_ui = 1 + α·x_ui (Hu, Koren & Volinsky 2008, eq. 6 with linear scaling). */
  alpha: number;
  iterations: number;
  /** Conjugate-gradient steps per row (Takács, Pilászy & Tikk 2011); ≥ factors gives the exact solve. */
  cgSteps: number;
  seed: number;
}

export interface AlsFitted extends BaseFitted {
  factors: number;
  /** nUsers × factors, row-major. */
  userFactors: Float64Array;
  /** nItems × factors, row-major. */
  itemFactors: Float64Array;
}

/** Chosen by bench/tune-recommend.ts on a validation split carved from MovieLens-100k training rows. */
export const ALS_DEFAULTS: AlsParams = {
  factors: 32,
  regularization: 30,
  regularizationExponent: 1.5,
  alpha: 4,
  iterations: 10,
  cgSteps: 3,
  seed: 42,
};

/**
 * One half-step of implicit ALS with conjugate gradient (Takács et al. 2011, "Applications of the
 * conjugate gradient method for implicit feedback collaborative filtering", RecSys; as in
 * implicit's cpu/als.py). For every row u of R it improves x_u towards the solution of
 * (YᵀY + λI + Yᵀ(C_u − I)Y) x_u = Yᵀ C_u p(u), p(u) = 1 on observed items, starting from the current x_u.
 * Writes X in place; `YtY` is the caller-owned f × f buffer of YᵀY + λI.
 */
export function alsConjugateGradientStep(
  R: Csr,
  X: Float64Array,
  Y: Float64Array,
  f: number,
  regularization: number,
  alpha: number,
  cgSteps: number,
  rowReg?: Float64Array,
): void {
  const YtY = gramPlusRidge(Y, f, regularization);
  const r = new Float64Array(f);
  const p = new Float64Array(f);
  const Ap = new Float64Array(f);
  for (let u = 0; u < R.rows; u++) {
    const xo = u * f;
    // r = b − A x, with b = Σ c_ui y_i and A x = YtY x + Σ (c_ui − 1)(y_i·x) y_i
    // extra penalty of this row beyond the λ already on YtY's diagonal
    const extra = rowReg ? rowReg[u] - regularization : 0;
    for (let a = 0; a < f; a++) {
      let s = extra * X[xo + a];
      for (let b = 0; b < f; b++) s += YtY[a * f + b] * X[xo + b];
      r[a] = -s;
    }
    for (let q = R.indptr[u]; q < R.indptr[u + 1]; q++) {
      const yo = R.indices[q] * f;
      const c1 = alpha * R.data[q]; // c − 1
      let dot = 0;
      for (let a = 0; a < f; a++) dot += Y[yo + a] * X[xo + a];
      const w = c1 + 1 - c1 * dot;
      for (let a = 0; a < f; a++) r[a] += w * Y[yo + a];
    }
    let rsOld = 0;
    for (let a = 0; a < f; a++) {
      p[a] = r[a];
      rsOld += r[a] * r[a];
    }
    if (rsOld < 1e-20) continue;
    for (let it = 0; it < cgSteps; it++) {
      for (let a = 0; a < f; a++) {
        let s = extra * p[a];
        for (let b = 0; b < f; b++) s += YtY[a * f + b] * p[b];
        Ap[a] = s;
      }
      for (let q = R.indptr[u]; q < R.indptr[u + 1]; q++) {
        const yo = R.indices[q] * f;
        const c1 = alpha * R.data[q];
        let dot = 0;
        for (let a = 0; a < f; a++) dot += Y[yo + a] * p[a];
        const w = c1 * dot;
        for (let a = 0; a < f; a++) Ap[a] += w * Y[yo + a];
      }
      let pAp = 0;
      for (let a = 0; a < f; a++) pAp += p[a] * Ap[a];
      const step = rsOld / pAp;
      let rsNew = 0;
      for (let a = 0; a < f; a++) {
        X[xo + a] += step * p[a];
        r[a] -= step * Ap[a];
        rsNew += r[a] * r[a];
      }
      if (rsNew < 1e-20) break;
      const beta = rsNew / rsOld;
      for (let a = 0; a < f; a++) p[a] = r[a] + beta * p[a];
      rsOld = rsNew;
    }
  }
}

/** Slow reference half-step: forms A_u explicitly and solves it exactly (Gaussian elimination). */
export function alsExactStep(
  R: Csr,
  X: Float64Array,
  Y: Float64Array,
  f: number,
  regularization: number,
  alpha: number,
  rowReg?: Float64Array,
): void {
  const YtY = gramPlusRidge(Y, f, regularization);
  for (let u = 0; u < R.rows; u++) {
    const A = Float64Array.from(YtY);
    if (rowReg) for (let a = 0; a < f; a++) A[a * f + a] += rowReg[u] - regularization;
    const b = new Float64Array(f);
    for (let q = R.indptr[u]; q < R.indptr[u + 1]; q++) {
      const yo = R.indices[q] * f;
      const c = 1 + alpha * R.data[q];
      for (let a = 0; a < f; a++) {
        b[a] += c * Y[yo + a];
        for (let k = 0; k < f; k++) A[a * f + k] += (c - 1) * Y[yo + a] * Y[yo + k];
      }
    }
    // Gaussian elimination (A is SPD, no pivoting needed)
    for (let c = 0; c < f; c++) {
      for (let r2 = c + 1; r2 < f; r2++) {
        const m = A[r2 * f + c] / A[c * f + c];
        for (let k = c; k < f; k++) A[r2 * f + k] -= m * A[c * f + k];
        b[r2] -= m * b[c];
      }
    }
    for (let c = f - 1; c >= 0; c--) {
      let s = b[c];
      for (let k = c + 1; k < f; k++) s -= A[c * f + k] * X[u * f + k];
      X[u * f + c] = s / A[c * f + c];
    }
  }
}

/** λ·(w_r / w̄)^ν per row, w_r = stored count of row r + other/(1+α) (see AlsParams.regularizationExponent). */
function scaledPenalty(R: Csr, other: number, lambda: number, nu: number, alpha: number): Float64Array {
  const w = new Float64Array(R.rows);
  let mean = 0;
  for (let r = 0; r < R.rows; r++) {
    w[r] = R.indptr[r + 1] - R.indptr[r] + other / (1 + alpha);
    mean += w[r];
  }
  mean /= R.rows;
  for (let r = 0; r < R.rows; r++) w[r] = lambda * (w[r] / mean) ** nu;
  return w;
}

function gramPlusRidge(Y: Float64Array, f: number, regularization: number): Float64Array {
  const G = new Float64Array(f * f);
  const n = Y.length / f;
  for (let i = 0; i < n; i++) {
    const o = i * f;
    for (let a = 0; a < f; a++) {
      const ya = Y[o + a];
      if (ya === 0) continue;
      for (let b = 0; b < f; b++) G[a * f + b] += ya * Y[o + b];
    }
  }
  for (let a = 0; a < f; a++) G[a * f + a] += regularization;
  return G;
}

/** Implicit-feedback matrix factorisation, alternating least squares solved by conjugate gradient. */
export class ImplicitAls
  extends RecommenderBase<AlsParams, AlsFitted>
  implements Recommender<AlsParams, Plain<AlsFitted>>
{
  readonly kind = 'als';
  readonly version = 1;
  protected readonly paramTable: ParamTable<AlsParams> = {
    factors: { type: 'number', integer: true, min: 1 },
    regularization: { type: 'number', min: 0 },
    regularizationExponent: { type: 'number', min: 0, max: 2 },
    alpha: { type: 'number', min: 0 },
    iterations: { type: 'number', integer: true, min: 1 },
    cgSteps: { type: 'number', integer: true, min: 1 },
    seed: { type: 'number', integer: true },
  };

  constructor(params: Partial<AlsParams> = {}) {
    super({ ...ALS_DEFAULTS, ...params });
  }

  static fromJSON(a: ModelArtifact<AlsParams, Plain<AlsFitted>>): ImplicitAls {
    checkArtifact(a, 'als', 1);
    const f = a.fitted;
    return new ImplicitAls(a.params).restore({
      ...baseFromPlain(f),
      factors: f.factors,
      userFactors: f64(f.userFactors),
      itemFactors: f64(f.itemFactors),
    });
  }

  protected fitUnchecked(X: Csr, base: BaseFitted, o: FitOptions): AlsFitted {
    const {
      factors: f,
      regularization,
      regularizationExponent: nu,
      alpha,
      iterations,
      cgSteps,
      seed,
    } = this.params;
    const rng = new Rng(seed);
    const U = new Float64Array(X.rows * f);
    const V = new Float64Array(X.cols * f);
    // Small random start (implicit uses uniform * 0.01); users start at zero and are solved first.
    for (let i = 0; i < V.length; i++) V[i] = (rng.next() - 0.5) * 0.02;
    const XT = transposeCsr(X);
    const userReg = nu === 0 ? undefined : scaledPenalty(X, X.cols, regularization, nu, alpha);
    const itemReg = nu === 0 ? undefined : scaledPenalty(XT, X.rows, regularization, nu, alpha);
    for (let it = 0; it < iterations; it++) {
      o.signal?.throwIfAborted();
      alsConjugateGradientStep(X, U, V, f, regularization, alpha, cgSteps, userReg);
      alsConjugateGradientStep(XT, V, U, f, regularization, alpha, cgSteps, itemReg);
      o.onProgress?.((it + 1) / iterations, `iteration ${it + 1}/${iterations}`);
    }
    return { ...base, factors: f, userFactors: U, itemFactors: V };
  }

  protected scoreUnchecked(user: number, out: Float64Array): void {
    const s = this.fitted;
    const f = s.factors;
    const uo = user * f;
    for (let j = 0; j < s.nItems; j++) {
      let dot = 0;
      const jo = j * f;
      for (let a = 0; a < f; a++) dot += s.userFactors[uo + a] * s.itemFactors[jo + a];
      out[j] = dot;
    }
  }

  protected override itemVectors(): { data: Float64Array; dim: number } {
    return { data: this.fitted.itemFactors, dim: this.fitted.factors };
  }
}
