import { invalidInput } from '../../core/errors.js';
import {
  type Clusterer,
  type FitOptions,
  type Labels,
  type ModelArtifact,
  type ParamTable,
  requireFitted,
  validateParams,
} from '../estimator.js';
import { isCsr, type Matrix } from '../matrix.js';
import { checkMatrix } from '../validation.js';
import { nearestCenter } from './k-means.js';

export interface AgglomerativeParams {
  k: number;
  linkage: 'ward' | 'average' | 'complete';
}

export interface AgglomerativeFitted {
  cols: number;
  /** Centroid of each of the k clusters (k × cols), used to assign new rows. */
  centers: number[];
  sizes: number[];
  /**
   * The dendrogram as n − 1 merges sorted by height, each [a, b, height, size], where a and b are
   * representative row indices of the merged clusters (scipy's linkage heights: Euclidean, Ward as
   * sqrt(2·|A||B|/(|A|+|B|))·‖c_A − c_B‖).
   */
  merges: number[][];
}

/** Average/complete linkage keep a float32 condensed distance matrix: n(n−1)/2 · 4 bytes. */
const MAX_ROWS_WITH_MATRIX = 16_000;

/**
 * Agglomerative hierarchical clustering by the nearest-neighbour chain algorithm (Murtagh 1983;
 * Müllner 2011), O(n²) time. Ward works from centroids and sizes (O(n·d) memory, fine beyond 20k
 * rows); average and complete use Lance–Williams updates on a float32 distance matrix (≤ 16k rows).
 * `predict` assigns new rows to the nearest cluster centroid (the hierarchy itself only labels the
 * training rows, available as `labels`).
 */
export class AgglomerativeClustering implements Clusterer<AgglomerativeParams, AgglomerativeFitted> {
  static readonly kind = 'AgglomerativeClustering';
  static readonly paramTable: ParamTable<AgglomerativeParams> = {
    k: { type: 'number', min: 1, integer: true },
    linkage: { type: 'enum', values: ['ward', 'average', 'complete'] },
  };
  readonly params: Readonly<AgglomerativeParams>;
  private state?: AgglomerativeFitted;
  private trainLabels?: Int32Array;

  constructor(params: Partial<AgglomerativeParams> = {}) {
    this.params = { k: 2, linkage: 'ward', ...params };
  }

  get fitted(): AgglomerativeFitted {
    return requireFitted(this.state, AgglomerativeClustering.kind);
  }

  get labels(): Int32Array {
    return requireFitted(this.trainLabels, AgglomerativeClustering.kind);
  }

  fit(X: Matrix, _y?: Labels, o: FitOptions = {}): this {
    const kind = AgglomerativeClustering.kind;
    validateParams(kind, this.params, AgglomerativeClustering.paramTable);
    checkMatrix(X, { kind });
    if (isCsr(X)) throw invalidInput(`${kind}: X must be dense`);
    const n = X.rows;
    const d = X.cols;
    const { k, linkage } = this.params;
    if (n < k) throw invalidInput(`${kind}: k = ${k} clusters need at least ${k} rows; X has ${n}`);
    if (linkage !== 'ward' && n > MAX_ROWS_WITH_MATRIX)
      throw invalidInput(
        `${kind}: '${linkage}' linkage supports up to ${MAX_ROWS_WITH_MATRIX} rows (distance matrix); got ${n} — use 'ward' or a sample`,
      );
    const raw = linkage === 'ward' ? wardChain(X.data, n, d, o) : matrixChain(X.data, n, d, linkage, o);
    // Stable sort by height: a merge never precedes the merges that built its clusters (reducible linkages).
    const order = raw.map((_, i) => i).sort((a, b) => raw[a][2] - raw[b][2] || a - b);
    const merges = order.map((i) => raw[i]);
    // Labels: apply the first n − k merges with union–find, number clusters by first row.
    const parent = Int32Array.from({ length: n }, (_, i) => i);
    const find = (x: number): number => {
      while (parent[x] !== x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
      }
      return x;
    };
    for (let m = 0; m < n - k; m++) parent[find(merges[m][1])] = find(merges[m][0]);
    const labels = new Int32Array(n);
    const ids = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const r = find(i);
      let id = ids.get(r);
      if (id === undefined) ids.set(r, (id = ids.size));
      labels[i] = id;
    }
    const centers = new Array<number>(k * d).fill(0);
    const sizes = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) {
      sizes[labels[i]]++;
      for (let t = 0; t < d; t++) centers[labels[i] * d + t] += X.data[i * d + t];
    }
    for (let c = 0; c < k; c++) for (let t = 0; t < d; t++) centers[c * d + t] /= sizes[c];
    this.state = { cols: d, centers, sizes, merges };
    this.trainLabels = labels;
    return this;
  }

  predict(X: Matrix): Int32Array {
    const f = this.fitted;
    checkMatrix(X, { kind: AgglomerativeClustering.kind, cols: f.cols });
    if (isCsr(X)) throw invalidInput(`${AgglomerativeClustering.kind}: X must be dense`);
    return nearestCenter(X, f.centers, f.sizes.length).labels;
  }

  toJSON(): ModelArtifact<AgglomerativeParams, AgglomerativeFitted> {
    return {
      kind: AgglomerativeClustering.kind,
      version: 1,
      params: { ...this.params },
      fitted: this.fitted,
    };
  }

  static fromJSON(a: ModelArtifact): AgglomerativeClustering {
    const m = new AgglomerativeClustering(a.params as AgglomerativeParams);
    m.state = a.fitted as AgglomerativeFitted;
    return m;
  }
}

type Merge = [number, number, number, number];

/** NN-chain with Ward distances from centroids: Δ(A, B) = 2|A||B|/(|A|+|B|) · ‖c_A − c_B‖² (squared height). */
function wardChain(data: ArrayLike<number>, n: number, d: number, o: FitOptions): Merge[] {
  const cent = Float64Array.from(data as ArrayLike<number>);
  const size = new Float64Array(n).fill(1);
  const active = Int32Array.from({ length: n }, (_, i) => i);
  let m = n; // active count; active[0..m) holds live cluster slots
  const pos = Int32Array.from({ length: n }, (_, i) => i);
  const merges: Merge[] = [];
  const chain: number[] = [];
  const dist = (a: number, b: number): number => {
    let s = 0;
    for (let t = 0; t < d; t++) {
      const e = cent[a * d + t] - cent[b * d + t];
      s += e * e;
    }
    return ((2 * size[a] * size[b]) / (size[a] + size[b])) * s;
  };
  while (m > 1) {
    if (o.signal?.aborted) throw invalidInput('AgglomerativeClustering: fit aborted');
    if (chain.length === 0) chain.push(active[0]);
    const a = chain[chain.length - 1];
    const prev = chain.length >= 2 ? chain[chain.length - 2] : -1;
    // Nearest neighbour of a; ties prefer the previous chain element (guarantees termination).
    let best = prev;
    let bestD = prev >= 0 ? dist(a, prev) : Number.POSITIVE_INFINITY;
    for (let j = 0; j < m; j++) {
      const c = active[j];
      if (c === a || c === prev) continue;
      const v = dist(a, c);
      if (v < bestD || (v === bestD && c < best && best !== prev)) {
        bestD = v;
        best = c;
      }
    }
    if (best === prev) {
      chain.pop();
      chain.pop();
      const lo = Math.min(a, best);
      const hi = Math.max(a, best);
      const s = size[lo] + size[hi];
      merges.push([lo, hi, Math.sqrt(bestD), s]);
      for (let t = 0; t < d; t++)
        cent[lo * d + t] = (cent[lo * d + t] * size[lo] + cent[hi * d + t] * size[hi]) / s;
      size[lo] = s;
      // Remove hi from the active list (swap with last).
      const p = pos[hi];
      active[p] = active[m - 1];
      pos[active[p]] = p;
      m--;
      if (merges.length % 256 === 0) o.onProgress?.(merges.length / (n - 1));
    } else chain.push(best);
  }
  return merges;
}

/** NN-chain on a condensed float32 distance matrix with Lance–Williams updates (average, complete). */
function matrixChain(
  data: ArrayLike<number>,
  n: number,
  d: number,
  linkage: 'average' | 'complete',
  o: FitOptions,
): Merge[] {
  // Row-start offsets of the condensed upper triangle: D(i, j), i < j at off[i] + j − i − 1.
  const off = new Float64Array(n);
  for (let i = 1; i < n; i++) off[i] = off[i - 1] + (n - i);
  const D = new Float32Array((n * (n - 1)) / 2);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const e = data[i * d + t] - data[j * d + t];
        s += e * e;
      }
      D[off[i] + j - i - 1] = Math.sqrt(s);
    }
  const idx = (a: number, b: number): number => (a < b ? off[a] + b - a - 1 : off[b] + a - b - 1);
  const size = new Float64Array(n).fill(1);
  const active = Int32Array.from({ length: n }, (_, i) => i);
  const pos = Int32Array.from({ length: n }, (_, i) => i);
  let m = n;
  const merges: Merge[] = [];
  const chain: number[] = [];
  while (m > 1) {
    if (o.signal?.aborted) throw invalidInput('AgglomerativeClustering: fit aborted');
    if (chain.length === 0) chain.push(active[0]);
    const a = chain[chain.length - 1];
    const prev = chain.length >= 2 ? chain[chain.length - 2] : -1;
    let best = prev;
    let bestD = prev >= 0 ? D[idx(a, prev)] : Number.POSITIVE_INFINITY;
    for (let j = 0; j < m; j++) {
      const c = active[j];
      if (c === a || c === prev) continue;
      const v = D[idx(a, c)];
      if (v < bestD || (v === bestD && c < best && best !== prev)) {
        bestD = v;
        best = c;
      }
    }
    if (best === prev) {
      chain.pop();
      chain.pop();
      const lo = Math.min(a, best);
      const hi = Math.max(a, best);
      const sLo = size[lo];
      const sHi = size[hi];
      merges.push([lo, hi, bestD, sLo + sHi]);
      const p = pos[hi];
      active[p] = active[m - 1];
      pos[active[p]] = p;
      m--;
      // Lance–Williams: distances from every live cluster to the merged one (stored in slot lo).
      for (let j = 0; j < m; j++) {
        const c = active[j];
        if (c === lo) continue;
        const dl = D[idx(c, lo)];
        const dh = D[idx(c, hi)];
        D[idx(c, lo)] = linkage === 'complete' ? Math.max(dl, dh) : (sLo * dl + sHi * dh) / (sLo + sHi);
      }
      size[lo] = sLo + sHi;
      if (merges.length % 256 === 0) o.onProgress?.(merges.length / (n - 1));
    } else chain.push(best);
  }
  return merges;
}
