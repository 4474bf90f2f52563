import type { FitOptions, TopK } from '../../ml/estimator.js';
import type { Csr } from '../../ml/matrix.js';
import { catalogueCoverage, rankingMetrics } from '../../ml/metrics/ranking.js';
import type { RecommendOptions } from '../recommender-base.js';
import { type InteractionLog, interactionMatrix } from './interactions.js';
import type { Split } from './split.js';

/** What the evaluator needs of a model: the public API only (as implicit's evaluation does). */
export interface EvaluableRecommender {
  fit(X: Csr, y?: undefined, o?: FitOptions): unknown;
  recommend(users: Int32Array, n: number, o?: RecommendOptions): TopK;
}

export interface RecommenderEvaluation {
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  hitRate: number;
  coverage: number;
  /** Wall-clock seconds of fit. */
  trainSeconds: number;
  /** CPU seconds of fit (user + system): what fit costs when the machine is shared. */
  trainCpuSeconds: number;
  recommendMsPerUser: number;
  /** Test users evaluated: users with at least one training and one test interaction. */
  users: number;
  /** Catalogue size: distinct items in the whole log. */
  items: number;
}

/** Training matrix, test users and their relevant items, built once and shared by every algorithm. */
export interface EvaluationData {
  train: Csr;
  /** Items with at least one training interaction: the only ones a model can rank. */
  trainItems: Int32Array;
  users: Int32Array;
  relevant: Set<number>[];
  nItems: number;
}

/**
 * The Microsoft Recommenders ranking protocol: every test interaction is relevant whatever its
 * rating; models rank items seen in training, with each user's training items removed; metrics are
 * averaged over users present in both train and test (`merge_ranking_true_pred`'s common users).
 */
export function prepareEvaluation(
  log: InteractionLog,
  split: Split,
  weight: 'binary' | 'rating' = 'binary',
): EvaluationData {
  const train = interactionMatrix(log, split.train, weight);
  const nItems = log.itemIds.length;
  const seen = new Uint8Array(nItems);
  for (let p = 0; p < train.indptr[train.rows]; p++) seen[train.indices[p]] = 1;
  const trainItems: number[] = [];
  for (let i = 0; i < nItems; i++) if (seen[i]) trainItems.push(i);
  const relevantByUser = new Map<number, Set<number>>();
  for (const r of split.test) {
    const u = log.user[r];
    if (train.indptr[u + 1] === train.indptr[u]) continue; // not a common user
    let s = relevantByUser.get(u);
    if (!s) relevantByUser.set(u, (s = new Set()));
    s.add(log.item[r]);
  }
  const users = Int32Array.from([...relevantByUser.keys()].sort((a, b) => a - b));
  return {
    train,
    trainItems: Int32Array.from(trainItems),
    users,
    relevant: Array.from(users, (u) => relevantByUser.get(u)!),
    nItems,
  };
}

/** Fit on the training matrix, recommend k items to every test user and score the lists. */
export function evaluateRecommender(
  model: EvaluableRecommender,
  data: EvaluationData,
  k: number,
  o: FitOptions = {},
): RecommenderEvaluation {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  model.fit(data.train, undefined, o);
  const t1 = performance.now();
  const cpu = process.cpuUsage(c0);
  const top = model.recommend(data.users, k, { exclude: data.train, items: data.trainItems });
  const t2 = performance.now();
  const lists: Int32Array[] = [];
  for (let i = 0; i < data.users.length; i++) lists.push(top.items.subarray(i * k, (i + 1) * k));
  const m = rankingMetrics(lists, data.relevant, k);
  return {
    precision: m.precision,
    recall: m.recall,
    ndcg: m.ndcg,
    map: m.map,
    hitRate: m.hitRate,
    coverage: catalogueCoverage(lists, k, data.nItems),
    trainSeconds: (t1 - t0) / 1000,
    trainCpuSeconds: (cpu.user + cpu.system) / 1e6,
    recommendMsPerUser: data.users.length ? (t2 - t1) / data.users.length : 0,
    users: data.users.length,
    items: data.nItems,
  };
}
