import { OspreyError } from '../core/errors.js';
import type { JsonObject } from '../core/types.js';
import {
  buildFeatureMatrix,
  type FeatureMatrix,
  type FeatureSpec,
  featureColumns,
} from '../features/index.js';
import type { ModelRecord, ScoreRecord, Store } from '../store/store.js';
import { PREDICTION_KINDS, type PredictionKind, populationRows, selectRows } from './labels.js';
import { PredictionModel } from './prediction-model.js';
import { NO_HISTORY, NO_PURCHASE_HISTORY, type Reason, topReasons } from './reasons.js';

/** What a registry artifact holds besides the estimator: enough to rebuild the exact training columns. */
export interface ServedArtifact {
  model: JsonObject;
  spec: FeatureSpec;
  horizonDays: number;
  /** training positive rate (classifiers) or mean spend (CLV): the answer for a user with no history */
  prior: number;
  churnOn?: 'purchase' | 'activity';
}

export interface ServedModel {
  record: ModelRecord;
  model: PredictionModel;
  spec: FeatureSpec;
  horizonDays: number;
  prior: number;
  churnOn?: 'purchase' | 'activity';
}

export interface Prediction {
  kind: PredictionKind;
  /** churn / propensity: probability; clv: expected spend over the horizon */
  value: number;
  modelVersion: number;
  algorithm: string;
  horizonDays: number;
  reasons: Reason[];
  scoredAt: number;
}

const cache = new WeakMap<Store, Map<string, ServedModel>>();

/** The active model of a kind, deserialised once per version. */
export async function activeModel(store: Store, kind: PredictionKind): Promise<ServedModel | undefined> {
  const rec = await store.models.active(kind);
  if (!rec) return undefined;
  let byKey = cache.get(store);
  if (!byKey) cache.set(store, (byKey = new Map()));
  const key = `${kind}:${rec.version}`;
  const hit = byKey.get(key);
  if (hit) return hit;
  const { artifact, ...record } = rec;
  const a = artifact as unknown as ServedArtifact;
  const served: ServedModel = {
    record,
    model: PredictionModel.fromJSON(a.model),
    spec: a.spec,
    horizonDays: a.horizonDays,
    prior: a.prior,
    churnOn: a.churnOn,
  };
  byKey.set(key, served);
  return served;
}

/** Predictions with reasons for the rows of a matrix built with the model's own spec. */
export function predictRows(
  served: ServedModel,
  m: FeatureMatrix,
  top = 3,
): { values: Float64Array; reasons: Reason[][] } {
  const columns = featureColumns(served.spec);
  const values = served.model.predict(m);
  const contrib = served.model.contributions(m);
  const raw = served.model.raw(m);
  const reasons: Reason[][] = [];
  const w = contrib.cols;
  for (let i = 0; i < m.rows; i++) {
    const base = contrib.data[i * w + w - 1];
    let scale = 1;
    if (served.model.task === 'classification') {
      // Slope of the (calibrated) link between the base value and this row: effects then add up to
      // the row's probability minus the probability at the base value.
      const p0 = served.model.link(base);
      const dz = raw[i] - base;
      scale = Math.abs(dz) > 1e-9 ? (values[i] - p0) / dz : 0;
    }
    reasons.push(
      topReasons({
        columns,
        values: m.data.subarray(i * m.cols, (i + 1) * m.cols),
        contrib: contrib.data.subarray(i * w, i * w + w - 1),
        scale,
        top,
      }),
    );
  }
  return { values, reasons };
}

/**
 * Score every identified user with history as of `now` with the active model of `kind` and store the
 * scores (value, model version, reasons). Returns how many were scored.
 */
export async function scoreAll(o: {
  store: Store;
  kind: PredictionKind;
  now: number;
  onProgress?: (fraction: number, message?: string) => void;
}): Promise<number> {
  const served = await activeModel(o.store, o.kind);
  if (!served)
    throw new OspreyError('NOT_FOUND', `no active ${o.kind} model: train one first (osprey train ${o.kind})`);
  const all = await buildFeatureMatrix({
    store: o.store,
    asOf: o.now,
    spec: served.spec,
    onProgress: o.onProgress,
  });
  // The model knows the population it was trained on (customers, or recently active users for activity
  // churn); other identified users get the prior, saying why, instead of an extrapolation.
  const inPopulation = new Set(
    populationRows(all, o.kind, { horizonDays: served.horizonDays, churnOn: served.churnOn }),
  );
  const rows: number[] = [];
  const outside: ScoreRecord[] = [];
  for (let r = 0; r < all.rows; r++) {
    if (all.userIds[r] === null) continue;
    if (inPopulation.has(r)) rows.push(r);
    else outside.push(priorScore(served, o.kind, all.profileIds[r], o.now));
  }
  await o.store.scores.upsertMany(outside);
  const m = selectRows(all, rows);
  const batch = 2000;
  let done = 0;
  for (let lo = 0; lo < m.rows; lo += batch) {
    const part = selectRows(
      m,
      Array.from({ length: Math.min(batch, m.rows - lo) }, (_, k) => lo + k),
    );
    const { values, reasons } = predictRows(served, part);
    const scores: ScoreRecord[] = [];
    for (let i = 0; i < part.rows; i++) {
      scores.push({
        profileId: part.profileIds[i],
        kind: o.kind,
        modelVersion: served.record.version,
        value: values[i],
        reasons: reasons[i] as unknown as JsonObject[],
        scoredAt: o.now,
      });
    }
    await o.store.scores.upsertMany(scores);
    done += part.rows;
  }
  return done + outside.length;
}

function priorScore(served: ServedModel, kind: PredictionKind, profileId: number, now: number): ScoreRecord {
  return {
    profileId,
    kind,
    modelVersion: served.record.version,
    value: served.prior,
    reasons: [NO_PURCHASE_HISTORY] as unknown as JsonObject[],
    scoredAt: now,
  };
}

/**
 * Every active model's prediction for one profile: the stored score when there is one, else computed now
 * (and stored); a profile with no events gets the population prior with the reason "no history".
 */
export async function predictionsForProfile(
  store: Store,
  profileId: number,
  now: number,
): Promise<Prediction[]> {
  const stored = new Map((await store.scores.forProfile(profileId)).map((s) => [s.kind, s]));
  const out: Prediction[] = [];
  for (const kind of PREDICTION_KINDS) {
    const served = await activeModel(store, kind);
    if (!served) continue;
    const base = {
      kind,
      modelVersion: served.record.version,
      algorithm: served.record.algorithm,
      horizonDays: served.horizonDays,
    };
    const s = stored.get(kind);
    if (s && s.modelVersion === served.record.version) {
      out.push({ ...base, value: s.value, reasons: s.reasons as unknown as Reason[], scoredAt: s.scoredAt });
      continue;
    }
    const m = await buildFeatureMatrix({ store, asOf: now, spec: served.spec, profileIds: [profileId] });
    if (m.rows === 0) {
      out.push({ ...base, value: served.prior, reasons: [NO_HISTORY], scoredAt: now });
      continue;
    }
    if (populationRows(m, kind, { horizonDays: served.horizonDays, churnOn: served.churnOn }).length === 0) {
      const p = priorScore(served, kind, profileId, now);
      await store.scores.upsertMany([p]);
      out.push({ ...base, value: p.value, reasons: [NO_PURCHASE_HISTORY], scoredAt: now });
      continue;
    }
    const { values, reasons } = predictRows(served, m);
    await store.scores.upsertMany([
      {
        profileId,
        kind,
        modelVersion: served.record.version,
        value: values[0],
        reasons: reasons[0] as unknown as JsonObject[],
        scoredAt: now,
      },
    ]);
    out.push({ ...base, value: values[0], reasons: reasons[0], scoredAt: now });
  }
  return out;
}
