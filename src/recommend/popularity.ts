import type { FitOptions, ModelArtifact, ParamTable, Recommender } from '../ml/estimator.js';
import type { Csr } from '../ml/matrix.js';
import {
  type BaseFitted,
  baseFromPlain,
  checkArtifact,
  f64,
  type Plain,
  RecommenderBase,
} from './recommender-base.js';

export interface PopularityParams {
  /** `weight`: sum of interaction weights (time-decayed when the weights are); `users`: distinct users. */
  measure: 'weight' | 'users';
}

export interface PopularityFitted extends BaseFitted {
  scores: Float64Array;
}

/** Most popular items first, the same list for everyone: the baseline and the cold-start fallback. */
export class Popularity
  extends RecommenderBase<PopularityParams, PopularityFitted>
  implements Recommender<PopularityParams, Plain<PopularityFitted>>
{
  readonly kind = 'popularity';
  readonly version = 1;
  protected readonly paramTable: ParamTable<PopularityParams> = {
    measure: { type: 'enum', values: ['weight', 'users'] },
  };

  constructor(params: Partial<PopularityParams> = {}) {
    super({ measure: 'users', ...params });
  }

  static fromJSON(a: ModelArtifact<PopularityParams, Plain<PopularityFitted>>): Popularity {
    checkArtifact(a, 'popularity', 1);
    return new Popularity(a.params).restore({ ...baseFromPlain(a.fitted), scores: f64(a.fitted.scores) });
  }

  protected fitUnchecked(X: Csr, base: BaseFitted, _o: FitOptions): PopularityFitted {
    const scores = new Float64Array(X.cols);
    if (this.params.measure === 'weight') scores.set(base.popularity);
    else for (let p = 0; p < X.indptr[X.rows]; p++) if (X.data[p] > 0) scores[X.indices[p]] += 1;
    return { ...base, scores };
  }

  protected scoreUnchecked(_user: number, out: Float64Array): void {
    out.set(this.fitted.scores);
  }

  /** Items "similar" to any item are simply the most popular others. */
  protected override itemSimilarities(_item: number, out: Float64Array): void {
    out.set(this.fitted.scores);
  }
}
