import { invalidInput } from '../core/errors.js';
import { buildFeatureMatrix, columnIndex, type FeatureMatrix, type FeatureSpec } from '../features/index.js';
import type { Store } from '../store/store.js';

const DAY = 86_400_000;

export const PREDICTION_KINDS = ['churn', 'propensity', 'clv'] as const;
export type PredictionKind = (typeof PREDICTION_KINDS)[number];

export interface LabelOptions {
  /** Outcome window length H: labels come from [cut-off, cut-off + H days). */
  horizonDays: number;
  /** Churn means no purchase (default) or no activity at all in the window. */
  churnOn?: 'purchase' | 'activity';
  /** Propensity only: buying within this category counts, other purchases do not. */
  category?: string;
}

/** Feature rows of the population at one cut-off with their labels from the window after it. */
export interface LabelledSet {
  asOf: number;
  matrix: FeatureMatrix;
  /** churn / propensity: 0 or 1; clv: spend in the window */
  y: Float64Array;
}

export function isPredictionKind(k: string): k is PredictionKind {
  return (PREDICTION_KINDS as readonly string[]).includes(k);
}

/** Keep the given rows of a feature matrix, in the given order. */
export function selectRows(m: FeatureMatrix, idx: ArrayLike<number>): FeatureMatrix {
  const n = idx.length;
  const data = new Float64Array(n * m.cols);
  const profileIds = new Int32Array(n);
  const userIds: (string | null)[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const r = idx[k];
    data.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), k * m.cols);
    profileIds[k] = m.profileIds[r];
    userIds[k] = m.userIds[r];
  }
  return { ...m, rows: n, data, profileIds, userIds };
}

/**
 * The population a prediction is made for at a cut-off: identified users (a userId) with at least one
 * order before it — for churn in 'activity' mode, with any event in the 90 days before it instead.
 */
export function populationRows(m: FeatureMatrix, kind: PredictionKind, o: LabelOptions): number[] {
  const freq = columnIndex(m, 'frequency');
  const lastEvent = columnIndex(m, 'days_since_last_event');
  const rows: number[] = [];
  for (let r = 0; r < m.rows; r++) {
    if (m.userIds[r] === null) continue;
    const active =
      kind === 'churn' && o.churnOn === 'activity'
        ? m.data[r * m.cols + lastEvent] < 90
        : m.data[r * m.cols + freq] >= 1;
    if (active) rows.push(r);
  }
  return rows;
}

/**
 * Features as of `asOf` (events strictly before it) and labels from [asOf, asOf + H) only: the two never
 * overlap, so no outcome leaks into the features.
 */
export async function buildLabelledSet(o: {
  store: Store;
  kind: PredictionKind;
  asOf: number;
  spec: FeatureSpec;
  labels: LabelOptions;
}): Promise<LabelledSet> {
  const { store, kind, asOf, labels } = o;
  if (!(labels.horizonDays > 0)) throw invalidInput(`horizonDays must be a positive number of days`);
  const all = await buildFeatureMatrix({ store, asOf, spec: o.spec });
  const matrix = selectRows(all, populationRows(all, kind, labels));
  const outcomes = await store.features.outcomes({
    from: asOf,
    to: asOf + labels.horizonDays * DAY,
    category: kind === 'propensity' ? labels.category : undefined,
  });
  const byProfile = new Map(outcomes.map((r) => [r.profileId, r]));
  const y = new Float64Array(matrix.rows);
  for (let i = 0; i < matrix.rows; i++) {
    const out = byProfile.get(matrix.profileIds[i]);
    if (kind === 'churn') {
      const did = labels.churnOn === 'activity' ? (out?.events ?? 0) : (out?.orders ?? 0);
      y[i] = did > 0 ? 0 : 1;
    } else if (kind === 'propensity') {
      const did = labels.category !== undefined ? (out?.categoryOrders ?? 0) : (out?.orders ?? 0);
      y[i] = did > 0 ? 1 : 0;
    } else {
      y[i] = out?.revenue ?? 0;
    }
  }
  return { asOf, matrix, y };
}
