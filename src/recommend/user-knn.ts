import type { FitOptions, ModelArtifact, ParamTable, Recommender } from '../ml/estimator.js';
import type { Csr } from '../ml/matrix.js';
import { transposeCsr } from '../ml/matrix.js';
import { cosineNeighbours, type KnnParams } from './item-knn.js';
import {
  type BaseFitted,
  baseFromPlain,
  checkArtifact,
  f64,
  i32,
  type Plain,
  RecommenderBase,
} from './recommender-base.js';

export interface UserKnnFitted extends BaseFitted {
  /** user × user sparse similarity, `neighbours` strongest per user (CSR). */
  simIndptr: Int32Array;
  simIndices: Int32Array;
  simData: Float64Array;
}

/** User-based collaborative filtering: score_j = Σ_{v ∈ N(u)} sim(u, v) · x_vj. */
export class UserKnn
  extends RecommenderBase<KnnParams, UserKnnFitted>
  implements Recommender<KnnParams, Plain<UserKnnFitted>>
{
  readonly kind = 'user-knn';
  readonly version = 1;
  protected readonly paramTable: ParamTable<KnnParams> = {
    neighbours: { type: 'number', integer: true, min: 1 },
    shrinkage: { type: 'number', min: 0 },
  };

  constructor(params: Partial<KnnParams> = {}) {
    // defaults chosen by bench/tune-recommend.ts on validation data carved from training rows
    super({ neighbours: 100, shrinkage: 0, ...params });
  }

  static fromJSON(a: ModelArtifact<KnnParams, Plain<UserKnnFitted>>): UserKnn {
    checkArtifact(a, 'user-knn', 1);
    const f = a.fitted;
    return new UserKnn(a.params).restore({
      ...baseFromPlain(f),
      simIndptr: i32(f.simIndptr),
      simIndices: i32(f.simIndices),
      simData: f64(f.simData),
    });
  }

  protected fitUnchecked(X: Csr, base: BaseFitted, _o: FitOptions): UserKnnFitted {
    const S = cosineNeighbours(X, this.params.neighbours, this.params.shrinkage);
    return { ...base, simIndptr: S.indptr, simIndices: S.indices, simData: S.data as Float64Array };
  }

  protected scoreUnchecked(user: number, out: Float64Array): void {
    const s = this.fitted;
    out.fill(0);
    for (let q = s.simIndptr[user]; q < s.simIndptr[user + 1]; q++) {
      const v = s.simIndices[q];
      const w = s.simData[q];
      for (let p = s.historyIndptr[v]; p < s.historyIndptr[v + 1]; p++)
        out[s.historyIndices[p]] += w * s.historyData[p];
    }
  }

  /** Item similarity from co-occurrence in user histories (cosine over item columns). */
  protected override itemSimilarities(item: number, out: Float64Array): void {
    const s = this.fitted;
    const X: Csr = {
      rows: s.nUsers,
      cols: s.nItems,
      indptr: s.historyIndptr,
      indices: s.historyIndices,
      data: s.historyData,
    };
    const XT = transposeCsr(X);
    out.fill(0);
    let ni = 0;
    for (let p = XT.indptr[item]; p < XT.indptr[item + 1]; p++) ni += XT.data[p] ** 2;
    for (let p = XT.indptr[item]; p < XT.indptr[item + 1]; p++) {
      const u = XT.indices[p];
      for (let q = X.indptr[u]; q < X.indptr[u + 1]; q++) out[X.indices[q]] += XT.data[p] * X.data[q];
    }
    for (let j = 0; j < s.nItems; j++) {
      let nj = 0;
      for (let p = XT.indptr[j]; p < XT.indptr[j + 1]; p++) nj += XT.data[p] ** 2;
      const den = Math.sqrt(ni * nj);
      out[j] = den > 0 ? out[j] / den : 0;
    }
  }
}
