import type { FitOptions, ModelArtifact, ParamTable, Recommender } from '../ml/estimator.js';
import type { Csr } from '../ml/matrix.js';
import { Rng } from '../ml/random.js';
import {
  type BaseFitted,
  baseFromPlain,
  checkArtifact,
  f64,
  type Plain,
  RecommenderBase,
} from './recommender-base.js';

export interface BprParams {
  factors: number;
  learningRate: number;
  regularization: number;
  /** Passes over the training interactions; each pass draws as many (u, i, j) triples as there are interactions. */
  epochs: number;
  seed: number;
}

export interface BprFitted extends BaseFitted {
  factors: number;
  userFactors: Float64Array;
  itemFactors: Float64Array;
  itemBias: Float64Array;
}

/** Chosen by bench/tune-recommend.ts on a validation split carved from MovieLens-100k training rows. */
export const BPR_DEFAULTS: BprParams = {
  factors: 64,
  learningRate: 0.05,
  regularization: 0.01,
  epochs: 40,
  seed: 42,
};

/**
 * Bayesian Personalised Ranking (Rendle et al. 2009, UAI), LearnBPR: stochastic gradient ascent on
 * ln σ(x̂_ui − x̂_uj) for a sampled observed item i and unobserved item j, x̂ = w_u·h_i + b_i.
 * One seeded generator drives sampling, so the same seed gives the same model.
 */
export class Bpr
  extends RecommenderBase<BprParams, BprFitted>
  implements Recommender<BprParams, Plain<BprFitted>>
{
  readonly kind = 'bpr';
  readonly version = 1;
  protected readonly paramTable: ParamTable<BprParams> = {
    factors: { type: 'number', integer: true, min: 1 },
    learningRate: { type: 'number', min: 0, exclusiveMin: true },
    regularization: { type: 'number', min: 0 },
    epochs: { type: 'number', integer: true, min: 1 },
    seed: { type: 'number', integer: true },
  };

  constructor(params: Partial<BprParams> = {}) {
    super({ ...BPR_DEFAULTS, ...params });
  }

  static fromJSON(a: ModelArtifact<BprParams, Plain<BprFitted>>): Bpr {
    checkArtifact(a, 'bpr', 1);
    const f = a.fitted;
    return new Bpr(a.params).restore({
      ...baseFromPlain(f),
      factors: f.factors,
      userFactors: f64(f.userFactors),
      itemFactors: f64(f.itemFactors),
      itemBias: f64(f.itemBias),
    });
  }

  protected fitUnchecked(X: Csr, base: BaseFitted, o: FitOptions): BprFitted {
    const { factors: f, learningRate: lr, regularization: reg, epochs, seed } = this.params;
    const rng = new Rng(seed);
    const m = X.rows;
    const n = X.cols;
    const W = new Float64Array(m * f);
    const H = new Float64Array(n * f);
    const bias = new Float64Array(n);
    // cornac/LightFM-style small uniform start scaled by 1/f
    for (let i = 0; i < W.length; i++) W[i] = (rng.next() - 0.5) / f;
    for (let i = 0; i < H.length; i++) H[i] = (rng.next() - 0.5) / f;
    const nnz = X.indptr[m];
    // row of each stored interaction, to sample (u, i) uniformly over interactions
    const rowOf = new Int32Array(nnz);
    for (let u = 0; u < m; u++) for (let p = X.indptr[u]; p < X.indptr[u + 1]; p++) rowOf[p] = u;
    const isPos = (u: number, j: number): boolean => {
      // binary search in the sorted row
      let lo = X.indptr[u];
      let hi = X.indptr[u + 1] - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const v = X.indices[mid];
        if (v === j) return true;
        if (v < j) lo = mid + 1;
        else hi = mid - 1;
      }
      return false;
    };
    for (let e = 0; e < epochs; e++) {
      o.signal?.throwIfAborted();
      for (let s = 0; s < nnz; s++) {
        const p = rng.int(nnz);
        const u = rowOf[p];
        if (X.indptr[u + 1] - X.indptr[u] >= n) continue; // user has seen everything
        const i = X.indices[p];
        let j = rng.int(n);
        while (isPos(u, j)) j = rng.int(n);
        const uo = u * f;
        const io = i * f;
        const jo = j * f;
        let x = bias[i] - bias[j];
        for (let a = 0; a < f; a++) x += W[uo + a] * (H[io + a] - H[jo + a]);
        // d/dθ ln σ(x) = σ(−x)
        const g = 1 / (1 + Math.exp(x));
        bias[i] += lr * (g - reg * bias[i]);
        bias[j] += lr * (-g - reg * bias[j]);
        for (let a = 0; a < f; a++) {
          const wu = W[uo + a];
          const hi = H[io + a];
          const hj = H[jo + a];
          W[uo + a] += lr * (g * (hi - hj) - reg * wu);
          H[io + a] += lr * (g * wu - reg * hi);
          H[jo + a] += lr * (-g * wu - reg * hj);
        }
      }
      o.onProgress?.((e + 1) / epochs, `epoch ${e + 1}/${epochs}`);
    }
    return { ...base, factors: f, userFactors: W, itemFactors: H, itemBias: bias };
  }

  protected scoreUnchecked(user: number, out: Float64Array): void {
    const s = this.fitted;
    const f = s.factors;
    const uo = user * f;
    for (let j = 0; j < s.nItems; j++) {
      let dot = s.itemBias[j];
      const jo = j * f;
      for (let a = 0; a < f; a++) dot += s.userFactors[uo + a] * s.itemFactors[jo + a];
      out[j] = dot;
    }
  }

  protected override itemVectors(): { data: Float64Array; dim: number } {
    return { data: this.fitted.itemFactors, dim: this.fitted.factors };
  }
}
