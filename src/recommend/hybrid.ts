import { invalidInput } from '../core/errors.js';
import type { FitOptions, ModelArtifact, ParamTable, Recommender } from '../ml/estimator.js';
import type { Csr } from '../ml/matrix.js';
import { type AnyRecommender, createSingleRecommender, singleRecommenderFromJSON } from './members.js';
import {
  type BaseFitted,
  baseFromPlain,
  checkArtifact,
  type Plain,
  RecommenderBase,
} from './recommender-base.js';
import { TopNHeap } from './top-n.js';

export interface HybridMember {
  kind: string;
  params: object;
  weight: number;
}

export interface HybridParams {
  members: HybridMember[];
  /**
   * `zscore`: weighted sum of each member's scores standardised over the catalogue, per user;
   * `rrf`: weighted reciprocal-rank fusion Σ w/(60 + rank) over each member's top `fusionDepth`
   * (Cormack, Clarke & Büttcher 2009).
   */
  fusion: 'zscore' | 'rrf';
  fusionDepth: number;
}

export interface HybridFitted extends BaseFitted {
  members: ModelArtifact<unknown, unknown>[];
}

/**
 * The default blend, chosen by bench/tune-recommend.ts on a validation split carved from
 * MovieLens-100k training data (never the test split): forward selection kept only the members that
 * raised validation nDCG@10.
 */
export const HYBRID_DEFAULT_MEMBERS: HybridMember[] = [
  // validation nDCG@10 as each member was added: ALS 0.2821 → +RP3β 0.2843 → +item-kNN 0.2845; EASE,
  // BPR, user-kNN and popularity were tried at every step with weights 0.05–1 and never helped.
  {
    kind: 'als',
    params: {
      factors: 32,
      regularization: 30,
      regularizationExponent: 1.5,
      alpha: 4,
      iterations: 10,
      cgSteps: 3,
      seed: 42,
    },
    weight: 1,
  },
  { kind: 'rp3beta', params: { alpha: 0.8, beta: 0.6, neighbours: 300 }, weight: 0.1 },
  { kind: 'item-knn', params: { neighbours: 400, shrinkage: 10 }, weight: 0.1 },
];

/** out += weight · (scores − mean) / sd, the member's scores standardised over the catalogue. */
export function addStandardised(scores: Float64Array, weight: number, out: Float64Array): void {
  const n = scores.length;
  let mean = 0;
  for (let j = 0; j < n; j++) mean += scores[j];
  mean /= n;
  let v = 0;
  for (let j = 0; j < n; j++) v += (scores[j] - mean) ** 2;
  const sd = Math.sqrt(v / n) || 1;
  for (let j = 0; j < n; j++) out[j] += (weight * (scores[j] - mean)) / sd;
}

/** Weighted blend or rank fusion of member recommenders, each fitted on the same interactions. */
export class Hybrid
  extends RecommenderBase<HybridParams, HybridFitted>
  implements Recommender<HybridParams, Plain<HybridFitted>>
{
  readonly kind = 'hybrid';
  readonly version = 1;
  protected readonly paramTable: ParamTable<HybridParams> = {
    members: { type: 'any' },
    fusion: { type: 'enum', values: ['zscore', 'rrf'] },
    fusionDepth: { type: 'number', integer: true, min: 1 },
  };
  private models: AnyRecommender[] = [];
  /** Scratch for one member's scores, reused across users (kernels do not allocate per call). */
  private buffer?: Float64Array;

  constructor(params: Partial<HybridParams> = {}) {
    super({ members: HYBRID_DEFAULT_MEMBERS, fusion: 'zscore', fusionDepth: 200, ...params });
  }

  static fromJSON(a: ModelArtifact<HybridParams, Plain<HybridFitted>>): Hybrid {
    checkArtifact(a, 'hybrid', 1);
    const h = new Hybrid(a.params);
    h.models = a.fitted.members.map((m) => singleRecommenderFromJSON(m));
    return h.restore({ ...baseFromPlain(a.fitted), members: a.fitted.members });
  }

  /** The fitted member models (same order as params.members). */
  get memberModels(): readonly AnyRecommender[] {
    this.fitted;
    return this.models;
  }

  protected fitUnchecked(X: Csr, base: BaseFitted, o: FitOptions): HybridFitted {
    const { members } = this.params;
    if (!Array.isArray(members) || members.length === 0)
      throw invalidInput('hybrid: members must be a non-empty list');
    members.forEach((m, i) => {
      if (!(typeof m.weight === 'number' && Number.isFinite(m.weight) && m.weight >= 0)) {
        throw invalidInput(`hybrid: members[${i}].weight must be a number >= 0`);
      }
    });
    this.models = members.map((m, i) => {
      const model = createSingleRecommender(m.kind, m.params);
      model.fit(X, undefined, {
        signal: o.signal,
        onProgress: (fr, msg) => o.onProgress?.((i + fr) / members.length, `${m.kind}: ${msg ?? ''}`),
      });
      return model;
    });
    return { ...base, members: this.models.map((m) => m.toJSON() as ModelArtifact<unknown, unknown>) };
  }

  protected scoreUnchecked(user: number, out: Float64Array): void {
    const n = this.fitted.nItems;
    if (this.buffer?.length !== n) this.buffer = new Float64Array(n);
    const buf = this.buffer;
    out.fill(0);
    const { members, fusion, fusionDepth } = this.params;
    for (let m = 0; m < this.models.length; m++) {
      const w = members[m].weight;
      if (w === 0) continue;
      this.models[m].scoreUser(user, buf);
      if (fusion === 'zscore') {
        addStandardised(buf, w, out);
      } else {
        const depth = Math.min(fusionDepth, n);
        const heap = new TopNHeap(depth);
        for (let j = 0; j < n; j++) heap.push(j, buf[j]);
        const items = new Int32Array(depth);
        const scores = new Float64Array(depth);
        heap.drainInto(items, scores, 0);
        for (let r = 0; r < depth && items[r] >= 0; r++) out[items[r]] += w / (60 + r + 1);
      }
    }
  }

  /** Item similarity of the first member that provides one. */
  protected override itemSimilarities(item: number, out: Float64Array): void {
    const top = this.models[0].similarItems(Int32Array.of(item), this.fitted.nItems - 1);
    out.fill(0);
    for (let r = 0; r < top.n; r++) if (top.items[r] >= 0) out[top.items[r]] = top.scores[r];
  }
}
