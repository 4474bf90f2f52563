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

export interface KnnParams {
  /** Neighbourhood size: similarities kept per row. */
  neighbours: number;
  /** Shrinkage s: sim = dot / (‖a‖‖b‖ + s), damping similarities built on little co-occurrence. */
  shrinkage: number;
}

export type ItemKnnFitted = ItemSimilarityFitted;

/**
 * Cosine similarity with shrinkage between the rows of R (Sarwar et al. 2001; shrinkage as in
 * Koren 2008 §2.2), keeping the k strongest neighbours of each row, as a CSR matrix.
 * Dot products are accumulated through the shared columns, so the cost is Σ (row co-occurrences).
 */
export function cosineNeighbours(R: Csr, k: number, shrinkage: number): Csr {
  const n = R.rows;
  const RT = transposeCsr(R);
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let q = 0;
    for (let p = R.indptr[i]; p < R.indptr[i + 1]; p++) q += R.data[p] * R.data[p];
    norms[i] = Math.sqrt(q);
  }
  const acc = new Float64Array(n);
  const touched = new Int32Array(n);
  const mark = new Uint8Array(n);
  const heap = new TopNHeap(k);
  const outItems = new Int32Array(k);
  const outScores = new Float64Array(k);
  const indptr = new Int32Array(n + 1);
  const indices: number[] = [];
  const data: number[] = [];
  for (let i = 0; i < n; i++) {
    let nt = 0;
    for (let p = R.indptr[i]; p < R.indptr[i + 1]; p++) {
      const c = R.indices[p];
      const v = R.data[p];
      for (let q = RT.indptr[c]; q < RT.indptr[c + 1]; q++) {
        const j = RT.indices[q];
        if (j === i) continue;
        if (!mark[j]) {
          mark[j] = 1;
          touched[nt++] = j;
        }
        acc[j] += v * RT.data[q];
      }
    }
    for (let t = 0; t < nt; t++) {
      const j = touched[t];
      const sim = acc[j] / (norms[i] * norms[j] + shrinkage);
      if (sim > 0) heap.push(j, sim);
      acc[j] = 0;
      mark[j] = 0;
    }
    heap.drainInto(outItems, outScores, 0);
    // keep neighbours sorted by index so the CSR is canonical
    const kept: [number, number][] = [];
    for (let t = 0; t < k && outItems[t] >= 0; t++) kept.push([outItems[t], outScores[t]]);
    kept.sort((a, b) => a[0] - b[0]);
    for (const [j, s] of kept) {
      indices.push(j);
      data.push(s);
    }
    indptr[i + 1] = indices.length;
  }
  return { rows: n, cols: n, indptr, indices: Int32Array.from(indices), data: Float64Array.from(data) };
}

/** Item-based collaborative filtering: score_j = Σ_{i ∈ history} x_ui · sim(i, j). */
export class ItemKnn
  extends RecommenderBase<KnnParams, ItemKnnFitted>
  implements Recommender<KnnParams, Plain<ItemKnnFitted>>
{
  readonly kind = 'item-knn';
  readonly version = 1;
  protected readonly paramTable: ParamTable<KnnParams> = {
    neighbours: { type: 'number', integer: true, min: 1 },
    shrinkage: { type: 'number', min: 0 },
  };

  constructor(params: Partial<KnnParams> = {}) {
    // defaults chosen by bench/tune-recommend.ts on validation data carved from training rows
    super({ neighbours: 400, shrinkage: 10, ...params });
  }

  static fromJSON(a: ModelArtifact<KnnParams, Plain<ItemKnnFitted>>): ItemKnn {
    checkArtifact(a, 'item-knn', 1);
    const f = a.fitted;
    return new ItemKnn(a.params).restore({
      ...baseFromPlain(f),
      simIndptr: i32(f.simIndptr),
      simIndices: i32(f.simIndices),
      simData: f64(f.simData),
    });
  }

  protected fitUnchecked(X: Csr, base: BaseFitted, _o: FitOptions): ItemKnnFitted {
    const S = cosineNeighbours(transposeCsr(X), this.params.neighbours, this.params.shrinkage);
    return { ...base, simIndptr: S.indptr, simIndices: S.indices, simData: S.data as Float64Array };
  }

  protected scoreUnchecked(user: number, out: Float64Array): void {
    scoreFromItemSimilarity(this.fitted, user, out);
  }

  protected override itemSimilarities(item: number, out: Float64Array): void {
    itemSimilarityRow(this.fitted, item, out);
  }
}
