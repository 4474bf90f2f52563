import type { FitOptions, ModelArtifact, ParamTable, Recommender } from '../ml/estimator.js';
import type { Csr } from '../ml/matrix.js';
import { transposeCsr } from '../ml/matrix.js';
import { type ItemSimilarityFitted, itemSimilarityRow, scoreFromItemSimilarity } from './item-similarity.js';
import {
  type BaseFitted,
  baseFromPlain,
  checkArtifact,
  f64,
  i32,
  type Plain,
  RecommenderBase,
} from './recommender-base.js';
import { TopNHeap } from './top-n.js';

export interface Rp3BetaParams {
  /** Exponent α on the random-walk transition probabilities. */
  alpha: number;
  /** Popularity penalty β: similarities to item j are divided by deg(j)^β. */
  beta: number;
  /** Neighbourhood size kept per item. */
  neighbours: number;
}

export type Rp3BetaFitted = ItemSimilarityFitted;

/**
 * RP3β (Paudel, Christoffel & Bernstein 2017, "Updatable, accurate, diverse, and scalable
 * recommendations for interactive applications", ACM TiiS 7(1)): a 3-step random walk item → user →
 * item, W_ij = Σ_u P(u|i)^α P(j|u)^α / deg(j)^β, sparsified to the strongest neighbours per item;
 * score_j = Σ_{i ∈ history} x_ui W_ij.
 */
export class Rp3Beta
  extends RecommenderBase<Rp3BetaParams, Rp3BetaFitted>
  implements Recommender<Rp3BetaParams, Plain<Rp3BetaFitted>>
{
  readonly kind = 'rp3beta';
  readonly version = 1;
  protected readonly paramTable: ParamTable<Rp3BetaParams> = {
    alpha: { type: 'number', min: 0 },
    beta: { type: 'number', min: 0 },
    neighbours: { type: 'number', integer: true, min: 1 },
  };

  constructor(params: Partial<Rp3BetaParams> = {}) {
    // defaults chosen by bench/tune-recommend.ts on validation data carved from training rows
    super({ alpha: 0.8, beta: 0.6, neighbours: 300, ...params });
  }

  static fromJSON(a: ModelArtifact<Rp3BetaParams, Plain<Rp3BetaFitted>>): Rp3Beta {
    checkArtifact(a, 'rp3beta', 1);
    const f = a.fitted;
    return new Rp3Beta(a.params).restore({
      ...baseFromPlain(f),
      simIndptr: i32(f.simIndptr),
      simIndices: i32(f.simIndices),
      simData: f64(f.simData),
    });
  }

  protected fitUnchecked(X: Csr, base: BaseFitted, _o: FitOptions): Rp3BetaFitted {
    const { alpha, beta, neighbours: k } = this.params;
    const n = X.cols;
    const XT = transposeCsr(X);
    const userDeg = new Float64Array(X.rows);
    const itemDeg = new Float64Array(n);
    for (let u = 0; u < X.rows; u++)
      for (let p = X.indptr[u]; p < X.indptr[u + 1]; p++) userDeg[u] += X.data[p];
    for (let i = 0; i < n; i++)
      for (let p = XT.indptr[i]; p < XT.indptr[i + 1]; p++) itemDeg[i] += XT.data[p];
    // P(j|u)^α for every stored (u, j), aligned with X.data
    const puj = new Float64Array(X.indptr[X.rows]);
    for (let u = 0; u < X.rows; u++) {
      for (let p = X.indptr[u]; p < X.indptr[u + 1]; p++) puj[p] = (X.data[p] / userDeg[u]) ** alpha;
    }
    const acc = new Float64Array(n);
    const touched = new Int32Array(n);
    const mark = new Uint8Array(n);
    const heap = new TopNHeap(k);
    const topItems = new Int32Array(k);
    const topScores = new Float64Array(k);
    const indptr = new Int32Array(n + 1);
    const indices: number[] = [];
    const data: number[] = [];
    for (let i = 0; i < n; i++) {
      let nt = 0;
      for (let q = XT.indptr[i]; q < XT.indptr[i + 1]; q++) {
        const u = XT.indices[q];
        const pui = (XT.data[q] / itemDeg[i]) ** alpha;
        for (let p = X.indptr[u]; p < X.indptr[u + 1]; p++) {
          const j = X.indices[p];
          if (j === i) continue;
          if (!mark[j]) {
            mark[j] = 1;
            touched[nt++] = j;
          }
          acc[j] += pui * puj[p];
        }
      }
      for (let t = 0; t < nt; t++) {
        const j = touched[t];
        heap.push(j, acc[j] / itemDeg[j] ** beta);
        acc[j] = 0;
        mark[j] = 0;
      }
      heap.drainInto(topItems, topScores, 0);
      const kept: [number, number][] = [];
      for (let t = 0; t < k && topItems[t] >= 0; t++) kept.push([topItems[t], topScores[t]]);
      kept.sort((a, b) => a[0] - b[0]);
      for (const [j, s] of kept) {
        indices.push(j);
        data.push(s);
      }
      indptr[i + 1] = indices.length;
    }
    return {
      ...base,
      simIndptr: indptr,
      simIndices: Int32Array.from(indices),
      simData: Float64Array.from(data),
    };
  }

  protected scoreUnchecked(user: number, out: Float64Array): void {
    scoreFromItemSimilarity(this.fitted, user, out);
  }

  protected override itemSimilarities(item: number, out: Float64Array): void {
    itemSimilarityRow(this.fitted, item, out);
  }
}
