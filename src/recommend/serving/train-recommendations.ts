import type { Json, JsonObject } from '../../core/types.js';
import { csrFromCoo } from '../../ml/matrix.js';
import type { Store } from '../../store/store.js';
import { type InteractionWeighting, interactionWeight } from '../interaction-weights.js';
import { cosineNeighbours } from '../item-knn.js';
import { createRecommender } from '../registry.js';
import { buildInteractionMatrix, itemColumns, itemCosine } from './interaction-matrix.js';
import { becauseYou, SIMILAR_SHOPPERS, VERB_CODE, verbOf } from './reasons.js';

/** Model kind in the registry and the strategy name of the precomputed personal lists. */
export const RECOMMEND_MODEL_KIND = 'recommend';
export const PERSONAL_STRATEGY = 'personal';

/**
 * The default: the tuned hybrid of src/recommend (ALS + EASE + RP3β, chosen on validation data). EASE is
 * a dense item × item model, so beyond `denseItemLimit` items the job falls back to ALS alone, the
 * strongest member that needs no item × item matrix.
 */
export const SERVING_DEFAULTS = {
  algorithm: 'hybrid',
  params: {} as object,
  /** personal list length kept per user: room for read-time filters to remove items */
  topN: 50,
  /** neighbours kept per item for "similar items", cold-start co-occurrence and reasons */
  similarN: 30,
  /** items in the "popular right now" list */
  popularN: 200,
  /** half-life (days) of the decay behind "popular right now" */
  popularHalfLifeDays: 7,
  denseItemLimit: 5_000,
};

export interface TrainRecommendationsOptions {
  /** cut-off: events at or after it are not used (default: now) */
  now?: number;
  algorithm?: string;
  params?: object;
  weighting?: InteractionWeighting;
  topN?: number;
  similarN?: number;
  onProgress?: (fraction: number, message: string) => void;
  signal?: AbortSignal;
}

export interface TrainRecommendationsResult {
  modelVersion: number | null;
  algorithm: string;
  users: number;
  items: number;
  interactions: number;
  fitSeconds: number;
  precomputeSeconds: number;
  precomputed: number;
}

/**
 * What the read path needs besides the per-user lists, stored as the model's artifact: item neighbours
 * (similar items, cold-start co-occurrence, reasons) and the time-decayed popularity list.
 */
export interface ServingArtifact {
  [k: string]: Json;
  /** itemId → [[neighbourId, cosine], ...] best first */
  similar: { [itemId: string]: [string, number][] };
  /** [[itemId, decayed weight], ...] best first */
  popular: [string, number][];
}

/**
 * Train the default recommender on stored interactions, then store its top-N per user with a reason for
 * each item, plus the serving artifact, as a new active model version. Run as the `recommend-train` job
 * (after the demo load and on a schedule); scoring is offline so a request is one key lookup.
 */
export async function trainRecommendations(
  store: Store,
  o: TrainRecommendationsOptions = {},
): Promise<TrainRecommendationsResult> {
  const now = o.now ?? Date.now();
  const topN = o.topN ?? SERVING_DEFAULTS.topN;
  const similarN = o.similarN ?? SERVING_DEFAULTS.similarN;
  const rows = await store.recommendations.interactions({ to: now });
  const M = buildInteractionMatrix(rows, { now, weighting: o.weighting });
  let algorithm = o.algorithm ?? SERVING_DEFAULTS.algorithm;
  let params = o.params ?? SERVING_DEFAULTS.params;
  if (algorithm === 'hybrid' && o.params === undefined && M.items.length > SERVING_DEFAULTS.denseItemLimit) {
    algorithm = 'als';
    params = { factors: 32, regularization: 30, alpha: 2, iterations: 10, cgSteps: 3, seed: 42 };
  }
  const empty: TrainRecommendationsResult = {
    modelVersion: null,
    algorithm,
    users: M.profiles.length,
    items: M.items.length,
    interactions: rows.length,
    fitSeconds: 0,
    precomputeSeconds: 0,
    precomputed: 0,
  };
  if (rows.length === 0) return empty;

  // Strongest event per (user, item), for the verb of a reason.
  const verbCodes = new Float64Array(rows.length);
  const ru = new Int32Array(rows.length);
  const ri = new Int32Array(rows.length);
  const popularity = new Map<string, number>();
  const decay = { eventWeights: {}, defaultWeight: 1, halfLifeDays: SERVING_DEFAULTS.popularHalfLifeDays };
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    ru[k] = M.profileRow.get(r.profileId) as number;
    ri[k] = M.itemColumn.get(r.itemId) as number;
    verbCodes[k] = VERB_CODE[r.event] ?? 1;
    popularity.set(
      r.itemId,
      (popularity.get(r.itemId) ?? 0) + interactionWeight(r.event, r.timestamp, now, decay),
    );
  }
  const verbs = csrFromCoo(M.matrix.rows, M.matrix.cols, ru, ri, verbCodes);

  o.onProgress?.(0.05, `fitting ${algorithm} on ${M.profiles.length} users × ${M.items.length} items`);
  const fitStarted = performance.now();
  const model = createRecommender(algorithm, params).fit(M.matrix, undefined, { signal: o.signal });
  const fitSeconds = (performance.now() - fitStarted) / 1000;

  const pre = performance.now();
  const { itemUser, norms } = itemColumns(M.matrix);
  const neighbours = cosineNeighbours(itemUser, similarN, 0);
  const similar: ServingArtifact['similar'] = {};
  for (let i = 0; i < M.items.length; i++) {
    const list: [string, number][] = [];
    for (let p = neighbours.indptr[i]; p < neighbours.indptr[i + 1]; p++) {
      if (neighbours.data[p] > 0) list.push([M.items[neighbours.indices[p]], round(neighbours.data[p])]);
    }
    if (list.length) similar[M.items[i]] = list;
  }
  const popular = [...popularity.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, SERVING_DEFAULTS.popularN)
    .map(([id, w]): [string, number] => [id, round(w)]);

  const titles = new Map<string, string>();
  for (let i = 0; i < M.items.length; i += 500) {
    const ids = M.items.slice(i, i + 500);
    for (const id of ids) {
      const it = await store.items.get(id);
      if (it?.title) titles.set(id, it.title);
    }
  }

  const record = await store.models.create(
    {
      kind: RECOMMEND_MODEL_KIND,
      algorithm,
      params: params as JsonObject,
      training: { to: now, users: M.profiles.length, items: M.items.length, interactions: rows.length },
      metrics: { fitSeconds },
      active: false,
      artifact: { similar, popular } satisfies ServingArtifact,
    },
    now,
  );

  const batch = 1000;
  let precomputed = 0;
  for (let start = 0; start < M.profiles.length; start += batch) {
    o.signal?.throwIfAborted();
    const users = new Int32Array(Math.min(batch, M.profiles.length - start));
    for (let k = 0; k < users.length; k++) users[k] = start + k;
    const top = model.recommend(users, Math.min(topN, M.items.length), { exclude: M.matrix });
    const records = [];
    for (let k = 0; k < users.length; k++) {
      const u = users[k];
      const items: Json[] = [];
      for (let r = 0; r < top.n; r++) {
        const j = top.items[k * top.n + r];
        const score = top.scores[k * top.n + r];
        if (j < 0 || !Number.isFinite(score)) continue;
        // The history item most like j (cosine of user columns) is the reason; ties keep the earlier one.
        let best = -1;
        let bestSim = 0;
        for (let p = verbs.indptr[u]; p < verbs.indptr[u + 1]; p++) {
          const s = itemCosine(itemUser, norms, verbs.indices[p], j);
          if (s > bestSim) {
            bestSim = s;
            best = p;
          }
        }
        const title =
          best >= 0 ? (titles.get(M.items[verbs.indices[best]]) ?? M.items[verbs.indices[best]]) : '';
        items.push({
          itemId: M.items[j],
          score: round(score),
          reason: best >= 0 ? becauseYou(verbOf(verbs.data[best]), title) : SIMILAR_SHOPPERS,
        });
      }
      records.push({
        profileId: M.profiles[u],
        strategy: PERSONAL_STRATEGY,
        items,
        modelVersion: record.version,
        computedAt: now,
      });
    }
    await store.recommendations.upsertMany(records);
    precomputed += records.length;
    o.onProgress?.(0.1 + (0.9 * precomputed) / M.profiles.length, `${precomputed} users precomputed`);
  }
  // Activated last: readers switch to the new version only once all its lists are stored.
  await store.models.activate(RECOMMEND_MODEL_KIND, record.version);
  return {
    ...empty,
    modelVersion: record.version,
    fitSeconds,
    precomputeSeconds: (performance.now() - pre) / 1000,
    precomputed,
  };
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
