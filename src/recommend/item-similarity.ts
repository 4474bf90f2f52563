import type { BaseFitted } from './recommender-base.js';

/** Learned state of a model that scores through a sparse item × item similarity (item-kNN, RP3β). */
export interface ItemSimilarityFitted extends BaseFitted {
  /** item × item sparse similarity (CSR), strongest neighbours per item. */
  simIndptr: Int32Array;
  simIndices: Int32Array;
  simData: Float64Array;
}

/** score(user, j) = Σ_i history(user, i) · sim(i, j), written into `out`. */
export function scoreFromItemSimilarity(s: ItemSimilarityFitted, user: number, out: Float64Array): void {
  out.fill(0);
  for (let p = s.historyIndptr[user]; p < s.historyIndptr[user + 1]; p++) {
    const i = s.historyIndices[p];
    const x = s.historyData[p];
    for (let q = s.simIndptr[i]; q < s.simIndptr[i + 1]; q++) out[s.simIndices[q]] += x * s.simData[q];
  }
}

/** Row `item` of the similarity matrix, densified into `out`. */
export function itemSimilarityRow(s: ItemSimilarityFitted, item: number, out: Float64Array): void {
  out.fill(0);
  for (let q = s.simIndptr[item]; q < s.simIndptr[item + 1]; q++) out[s.simIndices[q]] = s.simData[q];
}
