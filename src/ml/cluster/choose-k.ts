import { invalidInput } from '../../core/errors.js';
import type { FitOptions } from '../estimator.js';
import type { Dense } from '../matrix.js';
import { sampledSilhouetteScore } from '../metrics/clustering.js';
import { KMeans, type KMeansParams } from './k-means.js';

export interface ChooseKOptions {
  kMin?: number;
  kMax?: number;
  /** 'silhouette': highest sampled silhouette; 'elbow': knee of the inertia curve. */
  method?: 'silhouette' | 'elbow';
  /** Rows sampled for the silhouette (O(sampleSize²)); default 3000. */
  sampleSize?: number;
  seed?: number;
  kMeans?: Partial<Omit<KMeansParams, 'k' | 'seed'>>;
}

export interface KCandidate {
  k: number;
  inertia: number;
  silhouette: number;
}

/** Fit K-Means for each k in [kMin, kMax] and pick k by sampled silhouette or by the elbow. */
export function chooseK(
  X: Dense,
  o: ChooseKOptions = {},
  fit: FitOptions = {},
): { k: number; candidates: KCandidate[]; model: KMeans } {
  const kMin = o.kMin ?? 2;
  const kMax = Math.min(o.kMax ?? 10, X.rows - 1);
  if (!Number.isInteger(kMin) || kMin < 2) throw invalidInput(`kMin must be an integer >= 2; got ${kMin}`);
  if (kMax < kMin)
    throw invalidInput(`kMax (${kMax}) must be >= kMin (${kMin}) and below the number of rows`);
  const seed = o.seed ?? 42;
  const candidates: KCandidate[] = [];
  const models: KMeans[] = [];
  for (let k = kMin; k <= kMax; k++) {
    const m = new KMeans({ ...o.kMeans, k, seed }).fit(X, undefined, fit);
    models.push(m);
    // Degenerate fits (a cluster with all rows) have no silhouette: score them −1.
    const distinct = new Set(m.labels).size;
    const silhouette =
      distinct >= 2 ? sampledSilhouetteScore(X, m.labels, { sampleSize: o.sampleSize ?? 3000, seed }) : -1;
    candidates.push({ k, inertia: m.fitted.inertia, silhouette });
    fit.onProgress?.((k - kMin + 1) / (kMax - kMin + 1), `k = ${k}`);
  }
  const idx =
    (o.method ?? 'silhouette') === 'silhouette' ? argmaxSilhouette(candidates) : elbowIndex(candidates);
  return { k: candidates[idx].k, candidates, model: models[idx] };
}

function argmaxSilhouette(c: KCandidate[]): number {
  let best = 0;
  for (let i = 1; i < c.length; i++) if (c[i].silhouette > c[best].silhouette) best = i;
  return best;
}

/**
 * Knee of the inertia curve: the point farthest below the chord joining the first and last points,
 * after scaling both axes to [0, 1] (the "Kneedle" idea, Satopää et al. 2011).
 */
export function elbowIndex(c: readonly { k: number; inertia: number }[]): number {
  if (c.length <= 2) return 0;
  const k0 = c[0].k;
  const k1 = c[c.length - 1].k;
  const hi = Math.max(...c.map((x) => x.inertia));
  const lo = Math.min(...c.map((x) => x.inertia));
  const span = hi - lo || 1;
  let best = 0;
  let bestGap = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < c.length; i++) {
    const x = (c[i].k - k0) / (k1 - k0);
    const y = (c[i].inertia - lo) / span;
    const chord = 1 - x; // line from (0, 1) to (1, 0) for a decreasing curve
    const gap = chord - y;
    if (gap > bestGap) {
      bestGap = gap;
      best = i;
    }
  }
  return best;
}
