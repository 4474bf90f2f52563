import { invalidInput } from '../core/errors.js';
import type { Store } from '../store/store.js';
import {
  DEFAULT_CATEGORICAL_TRAITS,
  DEFAULT_EVENT_NAMES,
  DEFAULT_NUMERIC_TRAITS,
  DEFAULT_ORDER_WINDOWS,
  DEFAULT_WINDOWS_DAYS,
  type FeatureColumn,
  type FeatureSpec,
  featureColumns,
} from './feature-spec.js';

const DAY = 86_400_000;

/**
 * Users × features as of one cut-off, columnar: `data[r * cols + c]`. Missing values are NaN (recency of
 * someone who never bought, age not declared); gradient boosting learns where they go, linear models
 * impute them (src/predict).
 */
export interface FeatureMatrix {
  asOf: number;
  spec: FeatureSpec;
  profileIds: Int32Array;
  userIds: (string | null)[];
  names: string[];
  /** One per column, with a `{value}` placeholder, for explanations in words. */
  columns: FeatureColumn[];
  rows: number;
  cols: number;
  data: Float64Array;
}

export interface BuildFeaturesOptions {
  store: Store;
  /** Cut-off (epoch ms): only events strictly before it are read. */
  asOf: number;
  /** Omitted: resolved from the data before `asOf` (see `resolveFeatureSpec`). */
  spec?: FeatureSpec;
  /** Only these profiles (e.g. one user to score); default every profile with an event before `asOf`. */
  profileIds?: number[];
  /** Profile ids per store round trip; bounds memory on large stores. */
  pageSize?: number;
  onProgress?: (fraction: number, message?: string) => void;
}

/**
 * The spec for a store as of a cut-off: default windows and events, the 10 most bought categories and the
 * most common values (up to 12) of the categorical traits among profiles seen before the cut-off.
 */
export async function resolveFeatureSpec(
  store: Store,
  asOf: number,
  o: Partial<FeatureSpec> & { pageSize?: number } = {},
): Promise<FeatureSpec> {
  const categories = o.categories ?? (await store.features.topCategories(asOf, 10));
  let categoricalTraits = o.categoricalTraits;
  if (!categoricalTraits) {
    const counts = new Map<string, Map<string, number>>(
      DEFAULT_CATEGORICAL_TRAITS.map((t) => [t, new Map()]),
    );
    const span = await store.features.profileSpan(asOf);
    const page = o.pageSize ?? 50_000;
    if (span) {
      for (let lo = span.min; lo <= span.max; lo += page) {
        for (const r of await store.features.traits({ fromProfileId: lo, toProfileId: lo + page })) {
          for (const [t, m] of counts) {
            const v = r.traits[t];
            if (typeof v === 'string' && v !== '') m.set(v, (m.get(v) ?? 0) + 1);
          }
        }
      }
    }
    categoricalTraits = {};
    for (const [t, m] of counts) {
      const top = [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 12);
      if (top.length > 0) categoricalTraits[t] = top.map(([v]) => v);
    }
  }
  return {
    windowsDays: o.windowsDays ?? DEFAULT_WINDOWS_DAYS,
    eventNames: o.eventNames ?? DEFAULT_EVENT_NAMES,
    categories,
    categoricalTraits,
    numericTraits: o.numericTraits ?? DEFAULT_NUMERIC_TRAITS,
    orderWindows: o.orderWindows ?? DEFAULT_ORDER_WINDOWS,
  };
}

/** Compute the feature matrix from stored events before `asOf` (aggregates run in the store). */
export async function buildFeatureMatrix(o: BuildFeaturesOptions): Promise<FeatureMatrix> {
  const { store, asOf } = o;
  if (!Number.isFinite(asOf)) throw invalidInput(`asOf is not a time: ${asOf}`);
  const spec = o.spec ?? (await resolveFeatureSpec(store, asOf));
  const columns = featureColumns(spec);
  const cols = columns.length;
  const page = o.pageSize ?? 20_000;
  if (!Number.isInteger(page) || page < 1) throw invalidInput(`pageSize must be a positive integer`);

  let ranges: { fromProfileId: number; toProfileId: number }[];
  if (o.profileIds) {
    ranges = [...new Set(o.profileIds)]
      .sort((a, b) => a - b)
      .map((id) => ({ fromProfileId: id, toProfileId: id + 1 }));
  } else {
    const span = await store.features.profileSpan(asOf);
    ranges = [];
    if (span)
      for (let lo = span.min; lo <= span.max; lo += page)
        ranges.push({ fromProfileId: lo, toProfileId: lo + page });
  }

  const chunks: { data: Float64Array; profileIds: number[]; userIds: (string | null)[] }[] = [];
  let total = 0;
  for (let i = 0; i < ranges.length; i++) {
    const chunk = await buildRange(store, asOf, spec, cols, ranges[i]);
    chunks.push(chunk);
    total += chunk.profileIds.length;
    o.onProgress?.((i + 1) / ranges.length, `features: ${total} users`);
  }
  const data = new Float64Array(total * cols);
  const profileIds = new Int32Array(total);
  const userIds: (string | null)[] = new Array(total);
  let r = 0;
  for (const c of chunks) {
    data.set(c.data, r * cols);
    for (let k = 0; k < c.profileIds.length; k++) {
      profileIds[r + k] = c.profileIds[k];
      userIds[r + k] = c.userIds[k];
    }
    r += c.profileIds.length;
  }
  return {
    asOf,
    spec,
    profileIds,
    userIds,
    names: columns.map((c) => c.name),
    columns,
    rows: total,
    cols,
    data,
  };
}

async function buildRange(
  store: Store,
  asOf: number,
  spec: FeatureSpec,
  cols: number,
  range: { fromProfileId: number; toProfileId: number },
): Promise<{ data: Float64Array; profileIds: number[]; userIds: (string | null)[] }> {
  const activity = await store.features.activity({
    ...range,
    asOf,
    windowsDays: spec.windowsDays,
    eventNames: spec.eventNames,
    orderWindows: spec.orderWindows,
  });
  const n = activity.length;
  const data = new Float64Array(n * cols);
  if (n === 0) return { data, profileIds: [], userIds: [] };
  const rowOf = new Map<number, number>();
  for (let i = 0; i < n; i++) rowOf.set(activity[i].profileId, i);
  const lines = await store.features.purchaseLines({ ...range, asOf });
  const traits = await store.features.traits(range);

  const nw = spec.windowsDays.length;
  const lastW = spec.windowsDays.indexOf(Math.max(...spec.windowsDays));
  const opened = spec.eventNames.indexOf('Email Opened');
  const clicked = spec.eventNames.indexOf('Email Link Clicked');
  const hasEmailRate = opened >= 0 && clicked >= 0;
  const catBase =
    16 + spec.eventNames.length * nw + nw + 2 * spec.orderWindows.length + (hasEmailRate ? 1 : 0);
  const traitBase = catBase + spec.categories.length;
  const catIndex = new Map(spec.categories.map((c, i) => [c, i]));

  for (let i = 0; i < n; i++) {
    const a = activity[i];
    const o = i * cols;
    const days = (t: number | null): number => (t === null ? Number.NaN : (asOf - t) / DAY);
    data[o] = days(a.lastOrderAt);
    data[o + 1] = days(a.lastAt);
    data[o + 2] = a.orders;
    data[o + 3] = a.revenue;
    data[o + 4] = a.orders > 0 ? a.revenue / a.orders : Number.NaN;
    data[o + 5] = days(a.firstAt);
    data[o + 6] = days(a.firstOrderAt);
    data[o + 7] =
      a.orders > 1 && a.firstOrderAt !== null && a.lastOrderAt !== null
        ? (a.lastOrderAt - a.firstOrderAt) / DAY / (a.orders - 1)
        : Number.NaN;
    // Purchase rate (Fader, Hardie & Lee 2005's x / T) and recency relative to the customer's own rhythm.
    data[o + 8] = a.orders > 0 ? (a.orders / Math.max(1, data[o + 6])) * 30 : 0;
    data[o + 9] = a.orders > 1 ? data[o] / Math.max(1, data[o + 7]) : Number.NaN;
    data[o + 10] = a.refunds;
    data[o + 11] = a.orders > 0 ? a.discountedOrders / a.orders : Number.NaN;
    data[o + 12] = a.discount;
    data[o + 13] = a.activeDays;
    // 14, 15: distinct items and categories, filled from the purchase lines below (0 without orders).
    let c = 16;
    for (let k = 0; k < a.windowCounts.length; k++) data[o + c++] = a.windowCounts[k];
    for (let k = 0; k < nw; k++) data[o + c++] = a.windowRevenue[k];
    for (let k = 0; k < spec.orderWindows.length; k++) {
      data[o + c++] = a.orderWindowCounts[k];
      data[o + c++] = a.orderWindowRevenue[k];
    }
    if (hasEmailRate) {
      const op = a.windowCounts[opened * nw + lastW];
      const cl = a.windowCounts[clicked * nw + lastW];
      data[o + c++] = op > 0 ? Math.min(1, cl / op) : Number.NaN;
    }
    // Traits default to missing / not-this-value.
    for (let k = 0; k < spec.numericTraits.length; k++) data[o + traitBase + k] = Number.NaN;
  }

  for (const d of lines.distinct) {
    const i = rowOf.get(d.profileId);
    if (i === undefined) continue;
    data[i * cols + 14] = d.items;
    data[i * cols + 15] = d.categories;
  }
  const spend = new Float64Array(n);
  for (const l of lines.byCategory) {
    const i = rowOf.get(l.profileId);
    if (i !== undefined) spend[i] += Math.max(0, l.amount);
  }
  for (const l of lines.byCategory) {
    const i = rowOf.get(l.profileId);
    const k = catIndex.get(l.category);
    if (i === undefined || k === undefined || spend[i] <= 0) continue;
    data[i * cols + catBase + k] = Math.max(0, l.amount) / spend[i];
  }

  for (const t of traits) {
    const i = rowOf.get(t.profileId);
    if (i === undefined) continue;
    let c = i * cols + traitBase;
    for (const name of spec.numericTraits) {
      const v = t.traits[name];
      data[c++] = typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN;
    }
    for (const [name, values] of Object.entries(spec.categoricalTraits)) {
      const v = t.traits[name];
      for (const value of values) data[c++] = v === value ? 1 : 0;
    }
  }

  return { data, profileIds: activity.map((a) => a.profileId), userIds: activity.map((a) => a.userId) };
}

/** Column index by name (INVALID_INPUT naming the column when absent). */
export function columnIndex(m: Pick<FeatureMatrix, 'names'>, name: string): number {
  const i = m.names.indexOf(name);
  if (i < 0) throw invalidInput(`feature column '${name}' is not in the matrix`);
  return i;
}
