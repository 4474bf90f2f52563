import { invalidInput } from '../../core/errors.js';

/**
 * Ranking metrics for top-k recommendation lists, defined as in Microsoft Recommenders
 * (`recommenders/evaluation/python_evaluation.py`) so Osprey's figures are comparable with its
 * published MovieLens benchmark:
 *  - precision@k = hits in the top k ÷ k (k, not the list length, even when fewer were recommended);
 *  - recall@k = hits ÷ number of relevant items;
 *  - nDCG@k with binary relevance, DCG = Σ 1/ln(1+rank), ideal DCG over min(k, |relevant|) hits;
 *  - MAP@k = Σ over hits of (hits so far ÷ rank) ÷ number of relevant items (the "map" of
 *    Recommenders ≤ 1.1, which divides by all relevant items, not min(k, |relevant|));
 *  - hit rate@k = share of users with at least one hit.
 * Every mean is over the users given (users without any relevant item must be left out by the caller).
 * `ranked` lists may be padded with -1 (fewer items available than k).
 */
export interface RankingMetrics {
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  hitRate: number;
  /** Users the means are over. */
  users: number;
}

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw invalidInput(`k must be an integer >= 1; got ${k}`);
}

/** Number of items of the top k that are relevant. */
export function hitsAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  let hits = 0;
  const m = Math.min(k, ranked.length);
  for (let i = 0; i < m; i++) if (ranked[i] >= 0 && relevant.has(ranked[i])) hits++;
  return hits;
}

export function precisionAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  checkK(k);
  return hitsAtK(ranked, relevant, k) / k;
}

export function recallAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  checkK(k);
  return relevant.size === 0 ? 0 : hitsAtK(ranked, relevant, k) / relevant.size;
}

/** Binary-relevance nDCG@k (Järvelin & Kekäläinen 2002), natural-log discount as in Recommenders. */
export function ndcgAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  checkK(k);
  if (relevant.size === 0) return 0;
  let dcg = 0;
  const m = Math.min(k, ranked.length);
  for (let i = 0; i < m; i++) if (ranked[i] >= 0 && relevant.has(ranked[i])) dcg += 1 / Math.log(2 + i);
  let idcg = 0;
  const ideal = Math.min(k, relevant.size);
  for (let i = 0; i < ideal; i++) idcg += 1 / Math.log(2 + i);
  return dcg / idcg;
}

/** Average precision@k divided by the number of relevant items (Recommenders' MAP). */
export function averagePrecisionAtK(
  ranked: ArrayLike<number>,
  relevant: ReadonlySet<number>,
  k: number,
): number {
  checkK(k);
  if (relevant.size === 0) return 0;
  let hits = 0;
  let sum = 0;
  const m = Math.min(k, ranked.length);
  for (let i = 0; i < m; i++) {
    if (ranked[i] >= 0 && relevant.has(ranked[i])) {
      hits++;
      sum += hits / (i + 1);
    }
  }
  return sum / relevant.size;
}

/** Mean of every metric over users; `ranked[u]` is the list for the user whose relevant set is `relevant[u]`. */
export function rankingMetrics(
  ranked: readonly ArrayLike<number>[],
  relevant: readonly ReadonlySet<number>[],
  k: number,
): RankingMetrics {
  checkK(k);
  if (ranked.length !== relevant.length) {
    throw invalidInput(`ranked has ${ranked.length} lists but relevant has ${relevant.length} sets`);
  }
  const n = ranked.length;
  const out: RankingMetrics = { precision: 0, recall: 0, ndcg: 0, map: 0, hitRate: 0, users: n };
  if (n === 0) return out;
  for (let u = 0; u < n; u++) {
    const hits = hitsAtK(ranked[u], relevant[u], k);
    out.precision += hits / k;
    out.recall += relevant[u].size === 0 ? 0 : hits / relevant[u].size;
    out.ndcg += ndcgAtK(ranked[u], relevant[u], k);
    out.map += averagePrecisionAtK(ranked[u], relevant[u], k);
    out.hitRate += hits > 0 ? 1 : 0;
  }
  out.precision /= n;
  out.recall /= n;
  out.ndcg /= n;
  out.map /= n;
  out.hitRate /= n;
  return out;
}

/** Catalogue coverage: distinct items recommended (top k of every list) ÷ catalogue size. */
export function catalogueCoverage(ranked: readonly ArrayLike<number>[], k: number, nItems: number): number {
  checkK(k);
  if (!Number.isInteger(nItems) || nItems < 1)
    throw invalidInput(`nItems must be an integer >= 1; got ${nItems}`);
  const seen = new Uint8Array(nItems);
  let distinct = 0;
  for (const list of ranked) {
    const m = Math.min(k, list.length);
    for (let i = 0; i < m; i++) {
      const it = list[i];
      if (it < 0) continue;
      if (it >= nItems) throw invalidInput(`recommended item ${it} is outside the catalogue of ${nItems}`);
      if (!seen[it]) {
        seen[it] = 1;
        distinct++;
      }
    }
  }
  return distinct / nItems;
}
