import { invalidInput } from '../../core/errors.js';
import type { Dense } from '../matrix.js';
import { Rng } from '../random.js';
import { checkFinite } from './check.js';

function checkLabels(X: Dense, labels: ArrayLike<number>): { k: number; codes: Int32Array; sizes: number[] } {
  if (X.rows === 0) throw invalidInput('X is empty: at least one row is required');
  if (labels.length !== X.rows)
    throw invalidInput(`labels has ${labels.length} entries but X has ${X.rows} rows`);
  checkFinite(X.data, 'X');
  const map = new Map<number, number>();
  const codes = new Int32Array(X.rows);
  const sizes: number[] = [];
  for (let i = 0; i < X.rows; i++) {
    const l = labels[i];
    if (!Number.isInteger(l)) throw invalidInput(`labels row ${i}: value ${l} is not an integer`);
    let c = map.get(l);
    if (c === undefined) {
      map.set(l, (c = map.size));
      sizes.push(0);
    }
    codes[i] = c;
    sizes[c]++;
  }
  return { k: map.size, codes, sizes };
}

function centroids(X: Dense, codes: Int32Array, k: number, sizes: number[]): Float64Array {
  const p = X.cols;
  const c = new Float64Array(k * p);
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < p; j++) c[codes[i] * p + j] += X.data[i * p + j];
  for (let g = 0; g < k; g++) for (let j = 0; j < p; j++) c[g * p + j] /= sizes[g];
  return c;
}

/** Sum of squared distances of rows to their cluster centre (the centroid of the cluster if `centers` is omitted). */
export function inertia(X: Dense, labels: ArrayLike<number>, centers?: Dense): number {
  const p = X.cols;
  let c: ArrayLike<number>;
  let code: ArrayLike<number>;
  if (centers) {
    checkFinite(X.data, 'X');
    if (labels.length !== X.rows)
      throw invalidInput(`labels has ${labels.length} entries but X has ${X.rows} rows`);
    if (centers.cols !== p) throw invalidInput(`centers has ${centers.cols} columns but X has ${p}`);
    c = centers.data;
    code = labels;
  } else {
    const { k, codes, sizes } = checkLabels(X, labels);
    c = centroids(X, codes, k, sizes);
    code = codes;
  }
  let s = 0;
  for (let i = 0; i < X.rows; i++) {
    const g = code[i];
    for (let j = 0; j < p; j++) s += (X.data[i * p + j] - c[g * p + j]) ** 2;
  }
  return s;
}

/**
 * Mean silhouette coefficient s = (b − a) / max(a, b) with Euclidean distance (Rousseeuw 1987); rows in
 * singleton clusters score 0, as sklearn. Exact: O(n² · d), each pair computed once.
 */
export function silhouetteScore(X: Dense, labels: ArrayLike<number>): number {
  const { k, codes, sizes } = checkLabels(X, labels);
  if (k < 2 || k > X.rows - 1)
    throw invalidInput(
      `silhouette needs 2 <= number of clusters <= rows - 1; got ${k} clusters for ${X.rows} rows`,
    );
  const n = X.rows;
  const p = X.cols;
  const d = X.data;
  // sums[i * k + g] = Σ distance from row i to rows of cluster g.
  const sums = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const io = i * p;
    const gi = codes[i];
    for (let j = i + 1; j < n; j++) {
      const jo = j * p;
      let s = 0;
      for (let t = 0; t < p; t++) {
        const diff = d[io + t] - d[jo + t];
        s += diff * diff;
      }
      const dist = Math.sqrt(s);
      sums[i * k + codes[j]] += dist;
      sums[j * k + gi] += dist;
    }
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const g = codes[i];
    if (sizes[g] === 1) continue;
    const a = sums[i * k + g] / (sizes[g] - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let h = 0; h < k; h++) if (h !== g) b = Math.min(b, sums[i * k + h] / sizes[h]);
    const m = Math.max(a, b);
    total += m > 0 ? (b - a) / m : 0;
  }
  return total / n;
}

/**
 * Silhouette on a seeded random subset of `sampleSize` rows (sklearn silhouette_score(sample_size=…)):
 * O(sampleSize² · d), for choosing k on large data.
 */
export function sampledSilhouetteScore(
  X: Dense,
  labels: ArrayLike<number>,
  o: { sampleSize: number; seed?: number },
): number {
  if (!Number.isInteger(o.sampleSize) || o.sampleSize < 2)
    throw invalidInput(`sampleSize must be an integer >= 2; got ${o.sampleSize}`);
  if (o.sampleSize >= X.rows) return silhouetteScore(X, labels);
  if (labels.length !== X.rows)
    throw invalidInput(`labels has ${labels.length} entries but X has ${X.rows} rows`);
  const idx = new Rng(o.seed ?? 42).permutation(X.rows).subarray(0, o.sampleSize).sort();
  const p = X.cols;
  const sub = new Float64Array(idx.length * p);
  const subLabels = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    sub.set(X.data.subarray(idx[i] * p, (idx[i] + 1) * p), i * p);
    subLabels[i] = labels[idx[i]];
  }
  return silhouetteScore({ rows: idx.length, cols: p, data: sub }, subLabels);
}

/** Davies–Bouldin index (Davies & Bouldin 1979): mean over clusters of the worst (Sᵢ + Sⱼ) / d(cᵢ, cⱼ). Lower is better. */
export function daviesBouldinScore(X: Dense, labels: ArrayLike<number>): number {
  const { k, codes, sizes } = checkLabels(X, labels);
  if (k < 2 || k > X.rows - 1)
    throw invalidInput(`Davies–Bouldin needs 2 <= number of clusters <= rows - 1; got ${k}`);
  const p = X.cols;
  const c = centroids(X, codes, k, sizes);
  const scatter = new Float64Array(k);
  for (let i = 0; i < X.rows; i++) {
    const g = codes[i];
    let s = 0;
    for (let j = 0; j < p; j++) s += (X.data[i * p + j] - c[g * p + j]) ** 2;
    scatter[g] += Math.sqrt(s);
  }
  for (let g = 0; g < k; g++) scatter[g] /= sizes[g];
  let total = 0;
  for (let g = 0; g < k; g++) {
    let worst = 0;
    for (let h = 0; h < k; h++) {
      if (h === g) continue;
      let s = 0;
      for (let j = 0; j < p; j++) s += (c[g * p + j] - c[h * p + j]) ** 2;
      const dist = Math.sqrt(s);
      // sklearn treats coincident centroids as infinitely far apart (ratio 0).
      if (dist > 0) worst = Math.max(worst, (scatter[g] + scatter[h]) / dist);
    }
    total += worst;
  }
  return total / k;
}

/** Adjusted Rand index (Hubert & Arabie 1985) between two labelings; 1 = identical partitions. */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length)
    throw invalidInput(`labelsTrue has ${a.length} entries but labelsPred has ${b.length}`);
  const n = a.length;
  if (n === 0) throw invalidInput('labelsTrue is empty');
  checkFinite(a, 'labelsTrue');
  checkFinite(b, 'labelsPred');
  const cells = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]}\u0000${b[i]}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rows.set(a[i], (rows.get(a[i]) ?? 0) + 1);
    cols.set(b[i], (cols.get(b[i]) ?? 0) + 1);
  }
  const c2 = (x: number): number => (x * (x - 1)) / 2;
  let index = 0;
  for (const v of cells.values()) index += c2(v);
  let sa = 0;
  for (const v of rows.values()) sa += c2(v);
  let sb = 0;
  for (const v of cols.values()) sb += c2(v);
  const expected = (sa * sb) / c2(n);
  const max = (sa + sb) / 2;
  // sklearn: identical trivial partitions (all one cluster or all singletons) score 1.
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}
