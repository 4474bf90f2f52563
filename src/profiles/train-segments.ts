import { invalidInput } from '../core/errors.js';
import type { JsonObject } from '../core/types.js';
import { buildFeatureMatrix, type FeatureMatrix, resolveFeatureSpec } from '../features/index.js';
import { AgglomerativeClustering, chooseK, KMeans, PCA } from '../ml/cluster/index.js';
import { type Dense, dense, takeRows } from '../ml/matrix.js';
import { StandardScaler } from '../ml/preprocessing/standard-scaler.js';
import { Rng } from '../ml/random.js';
import type { SegmentInput, Store } from '../store/store.js';
import { type BaseStats, describeSegment, type SegmentDescription } from './describe-segment.js';
import { assignRfm, RFM_LABELS, RFM_SEGMENTS } from './rfm-segments.js';
import { refreshRuleSegments } from './rule-segments.js';
import { bigSpenderThreshold, TAGS, tagsOf } from './tags.js';

export interface TrainSegmentsOptions {
  /** Cut-off; default just after the newest stored event (so imported history is described as of its end). */
  asOf?: number;
  /** Number of clusters; default chosen by sampled silhouette over kMin..kMax. */
  k?: number;
  kMin?: number;
  kMax?: number;
  /** 'kmeans' (default) or 'agglomerative' (Ward, fitted on a sample of `maxHierarchicalRows`). */
  method?: 'kmeans' | 'agglomerative';
  seed?: number;
  /** Rows used to choose k and to fit (all rows are then assigned to the nearest centre). */
  sampleSize?: number;
  onProgress?: (fraction: number, message?: string) => void;
}

export interface ClusterInputs {
  names: string[];
  X: Dense;
}

/** Heavy-tailed counts and money go in as log1p so a few whales do not make their own clusters. */
const LOG_COLUMNS = new Set([
  'frequency',
  'monetary',
  'avg_order_value',
  'active_days',
  'recency_days',
  'tenure_days',
]);
const BASE_COLUMNS = [
  'recency_days',
  'frequency',
  'monetary',
  'avg_order_value',
  'tenure_days',
  'discount_share',
  'active_days',
];

/**
 * The clustering input: RFM, basket, tenure, discount share and the category spend shares — the
 * behaviour a marketer segments on — log1p'd where heavy-tailed. Never-bought recency is the longest
 * recency seen (+1 day), other missing values 0.
 */
export function clusterInputs(m: FeatureMatrix): ClusterInputs {
  const names = m.names.filter((n) => BASE_COLUMNS.includes(n) || n.startsWith('share_'));
  const idx = names.map((n) => m.names.indexOf(n));
  const X = dense(m.rows, names.length);
  names.forEach((name, j) => {
    const c = idx[j];
    let max = 0;
    for (let r = 0; r < m.rows; r++) {
      const v = m.data[r * m.cols + c];
      if (Number.isFinite(v) && v > max) max = v;
    }
    for (let r = 0; r < m.rows; r++) {
      let v = m.data[r * m.cols + c];
      if (!Number.isFinite(v)) v = name === 'recency_days' ? max + 1 : 0;
      if (LOG_COLUMNS.has(name)) v = Math.log1p(Math.max(0, v));
      X.data[r * names.length + j] = v;
    }
  });
  return { names, X };
}

function nanStats(values: number[]): { mean: number; std: number; median: number } {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return { mean: Number.NaN, std: 0, median: Number.NaN };
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  const std = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length);
  const mid = v.length >> 1;
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { mean, std, median };
}

/** Base statistics of every raw feature (NaN ignored) and the per-cluster centroids in raw units. */
export function describeClusters(m: FeatureMatrix, labels: Int32Array, k: number): SegmentDescription[] {
  const base: BaseStats = {
    names: m.names,
    mean: new Float64Array(m.cols),
    std: new Float64Array(m.cols),
    median: new Float64Array(m.cols),
  };
  const centroids = Array.from({ length: k }, () => new Float64Array(m.cols));
  for (let c = 0; c < m.cols; c++) {
    const all: number[] = [];
    const sums = new Float64Array(k);
    const counts = new Float64Array(k);
    for (let r = 0; r < m.rows; r++) {
      const v = m.data[r * m.cols + c];
      all.push(v);
      if (Number.isFinite(v)) {
        sums[labels[r]] += v;
        counts[labels[r]]++;
      }
    }
    const s = nanStats(all);
    base.mean[c] = s.mean;
    base.std[c] = s.std;
    base.median[c] = s.median;
    for (let j = 0; j < k; j++) centroids[j][c] = counts[j] > 0 ? sums[j] / counts[j] : Number.NaN;
  }
  const descriptions = centroids.map((c) => describeSegment(c, base));
  // Unique names: a repeated name gets its ordinal, in the sentence as well.
  const seen = new Map<string, number>();
  return descriptions.map((d) => {
    const n = (seen.get(d.name.en) ?? 0) + 1;
    seen.set(d.name.en, n);
    if (n === 1) return d;
    const name = { en: `${d.name.en} ${n}`, zh: `${d.name.zh}${n}` };
    return {
      ...d,
      name,
      description: {
        en: name.en + d.description.en.slice(d.name.en.length),
        zh: name.zh + d.description.zh.slice(d.name.zh.length),
      },
    };
  });
}

/** Labels, k and the 2-D PCA coordinates of the scaled inputs. */
export function clusterRows(
  X: Dense,
  o: Pick<TrainSegmentsOptions, 'k' | 'kMin' | 'kMax' | 'method' | 'seed' | 'sampleSize'>,
): { labels: Int32Array; k: number; candidates: JsonObject[]; coords: Dense } {
  const seed = o.seed ?? 42;
  const scaled = new StandardScaler().fit(X).transform(X);
  const sampleSize = Math.min(scaled.rows, o.sampleSize ?? 20_000);
  const sampleIdx =
    sampleSize < scaled.rows ? new Rng(seed).permutation(scaled.rows).subarray(0, sampleSize) : undefined;
  const sample = sampleIdx ? takeRows(scaled, sampleIdx) : scaled;
  let k = o.k;
  let candidates: JsonObject[] = [];
  let kmeans: KMeans | undefined;
  if (k === undefined) {
    const chosen = chooseK(sample, { kMin: o.kMin ?? 3, kMax: o.kMax ?? 8, seed, sampleSize: 2000 });
    k = chosen.k;
    kmeans = chosen.model;
    candidates = chosen.candidates.map((c) => ({ ...c }));
  }
  let labels: Int32Array;
  if (o.method === 'agglomerative') {
    // Ward is O(n²): fit the hierarchy on at most 4000 rows and assign the rest to its centroids.
    const n = Math.min(sample.rows, 4000);
    const small =
      n < sample.rows ? takeRows(sample, new Rng(seed + 1).permutation(sample.rows).subarray(0, n)) : sample;
    labels = new AgglomerativeClustering({ k, linkage: 'ward' }).fit(small).predict(scaled);
  } else {
    kmeans ??= new KMeans({ k, seed }).fit(sample);
    labels = kmeans.predict(scaled);
  }
  const pca = new PCA({ nComponents: 2 }).fit(sample);
  return { labels, k, candidates, coords: pca.transform(scaled) };
}

async function newestEventTime(store: Store): Promise<number | undefined> {
  const page = await store.events.list({ limit: 1, order: 'desc' });
  return page.items[0]?.timestamp;
}

/**
 * Train the segments of a store: K-Means (or Ward) clusters with names and sentences in English and
 * Chinese, the 8 RFM segments, and the profile tags; memberships are replaced (entries and exits kept),
 * then every rule segment is refreshed. Returns a summary for the job result and the CLI.
 */
export async function trainSegments(store: Store, o: TrainSegmentsOptions = {}): Promise<JsonObject> {
  const progress = o.onProgress ?? (() => {});
  const newest = await newestEventTime(store);
  if (newest === undefined)
    throw invalidInput('no events stored: import or ingest data before training segments');
  const asOf = o.asOf ?? newest + 1;
  if (o.k !== undefined && (!Number.isInteger(o.k) || o.k < 2 || o.k > 50)) {
    throw invalidInput(`k must be a whole number from 2 to 50; got ${o.k}`);
  }
  progress(0, 'features');
  const spec = await resolveFeatureSpec(store, asOf);
  const m = await buildFeatureMatrix({ store, asOf, spec, onProgress: (f) => progress(0.5 * f, 'features') });
  if (m.rows < 20)
    throw invalidInput(`too few customers to segment: ${m.rows} with events before the cut-off; need 20`);
  const col = (name: string) => m.names.indexOf(name);
  const at = Date.now();
  const summary: JsonObject = { asOf: new Date(asOf).toISOString(), customers: m.rows };

  // Clusters
  progress(0.5, 'clusters');
  const inputs = clusterInputs(m);
  const clustered = clusterRows(inputs.X, o);
  const descriptions = describeClusters(m, clustered.labels, clustered.k);
  const clusters: JsonObject[] = [];
  for (let j = 0; j < clustered.k; j++) {
    const d = descriptions[j];
    const seg: SegmentInput = {
      id: `cluster-${j}`,
      kind: 'cluster',
      name: d.name.en,
      nameZh: d.name.zh,
      description: d.description.en,
      descriptionZh: d.description.zh,
      details: {
        method: o.method ?? 'kmeans',
        standouts: d.standouts.map((s) => ({ ...s })),
        features: inputs.names,
      },
    };
    await store.segments.upsert(seg, at);
    const members: { profileId: number; x: number; y: number }[] = [];
    for (let r = 0; r < m.rows; r++) {
      if (clustered.labels[r] !== j) continue;
      members.push({
        profileId: m.profileIds[r],
        x: clustered.coords.data[r * 2],
        y: clustered.coords.data[r * 2 + 1],
      });
    }
    const res = await store.segments.replaceMembers(seg.id, members, at);
    clusters.push({
      id: seg.id,
      name: d.name.en,
      nameZh: d.name.zh,
      size: res.size,
      description: d.description.en,
      descriptionZh: d.description.zh,
    });
  }
  for (const s of await store.segments.list({ kind: 'cluster' })) {
    const j = Number(s.id.slice('cluster-'.length));
    if (!(j < clustered.k)) await store.segments.delete(s.id);
  }
  summary.k = clustered.k;
  summary.method = o.method ?? 'kmeans';
  summary.kCandidates = clustered.candidates;
  summary.clusters = clusters;

  // RFM among buyers
  progress(0.8, 'RFM');
  const buyers: number[] = [];
  for (let r = 0; r < m.rows; r++) {
    if (
      m.data[r * m.cols + col('frequency')] > 0 &&
      Number.isFinite(m.data[r * m.cols + col('recency_days')])
    )
      buyers.push(r);
  }
  const pick = (name: string) => Float64Array.from(buyers, (r) => m.data[r * m.cols + col(name)]);
  const rfm = assignRfm(pick('recency_days'), pick('frequency'), pick('monetary'));
  const rfmOut: JsonObject[] = [];
  for (const name of RFM_SEGMENTS) {
    const l = RFM_LABELS[name];
    const id = `rfm-${name.replace(/_/g, '-')}`;
    await store.segments.upsert(
      {
        id,
        kind: 'rfm',
        name: l.en,
        nameZh: l.zh,
        description: `${l.en} — ${l.descriptionEn}`,
        descriptionZh: `${l.zh} — ${l.descriptionZh}`,
      },
      at,
    );
    const members = buyers
      .filter((_, i) => rfm.segments[i] === name)
      .map((r) => ({ profileId: m.profileIds[r] }));
    const res = await store.segments.replaceMembers(id, members, at);
    rfmOut.push({ id, name: l.en, size: res.size });
  }
  summary.rfm = rfmOut;

  // Tags
  progress(0.9, 'tags');
  const big = bigSpenderThreshold(pick('monetary'));
  const tagMembers = new Map<string, { profileId: number }[]>(TAGS.map((t) => [t.id, []]));
  for (let r = 0; r < m.rows; r++) {
    const row = m.data.subarray(r * m.cols, (r + 1) * m.cols);
    for (const t of tagsOf(row, col, big)) tagMembers.get(t)!.push({ profileId: m.profileIds[r] });
  }
  const tagOut: JsonObject[] = [];
  for (const t of TAGS) {
    const id = `tag-${t.id}`;
    await store.segments.upsert(
      {
        id,
        kind: 'tag',
        name: t.en,
        nameZh: t.zh,
        description: t.rule,
        descriptionZh: t.zh,
        details: { rule: t.rule },
      },
      at,
    );
    const res = await store.segments.replaceMembers(id, tagMembers.get(t.id)!, at);
    tagOut.push({ id, name: t.en, size: res.size });
  }
  summary.tags = tagOut;

  progress(0.95, 'rule segments');
  summary.ruleSegments = (await refreshRuleSegments(store, at)) as unknown as JsonObject[];
  progress(1, 'done');
  return summary;
}
