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
import { type Dense, isCsr, type Matrix } from '../matrix.js';
import { SyncGang } from '../parallel/sync-gang.js';
import { resolveThreads } from '../parallel/threads.js';
import { Rng } from '../random.js';
import { checkMatrix } from '../validation.js';
import {
  allocKMeansBuffers,
  KM_FINAL,
  KM_FROM_SEEDING,
  KM_FULL,
  KM_HAMERLY,
  KM_PP_ADOPT,
  KM_PP_TRIALS,
  KM_PP_UPDATE,
  type KMeansBuffers,
  kMeansChunkHandler,
} from './k-means-kernels.js';

export interface KMeansParams {
  k: number;
  init: 'k-means++' | 'random';
  /** Independent runs, best inertia kept; 'auto' = 1 for k-means++ and 10 for random (sklearn ≥ 1.4). */
  nInit: number | 'auto';
  maxIter: number;
  /** Relative tolerance: stop when Σ‖Δcentre‖² ≤ tol · mean feature variance (sklearn). */
  tol: number;
  seed: number;
}

export interface KMeansFitted {
  cols: number;
  /** k × cols, row-major. */
  centers: number[];
  inertia: number;
  sizes: number[];
  iterations: number;
  converged: boolean;
}

/**
 * Use worker threads only when one assignment pass (rows · cols · k) is big enough to repay starting
 * them: a worker costs ≈ 0.3 s CPU to load through tsx, while a 1M × 16, k = 8 fit takes ≈ 0.9 s CPU on
 * one thread (k-means++ pruning and Hamerly bounds skip most distances), so below ~2.5e8 they lose.
 */
const THREAD_WORK_THRESHOLD = 2.5e8;

/**
 * K-Means (Lloyd's iterations accelerated with Hamerly's bounds, Hamerly 2010) with greedy k-means++
 * seeding (Arthur & Vassilvitskii 2007; greedy trials as sklearn), n_init restarts and sklearn's
 * convergence rule. Assignment runs on worker threads over fixed row chunks whose partial sums are
 * reduced in chunk order, so the model is identical whatever `threads` is.
 */
export class KMeans implements Clusterer<KMeansParams, KMeansFitted> {
  static readonly kind = 'KMeans';
  static readonly paramTable: ParamTable<KMeansParams> = {
    k: { type: 'number', min: 1, integer: true },
    init: { type: 'enum', values: ['k-means++', 'random'] },
    nInit: { type: 'any' },
    maxIter: { type: 'number', min: 1, integer: true },
    tol: { type: 'number', min: 0 },
    seed: { type: 'number', integer: true },
  };
  readonly params: Readonly<KMeansParams>;
  private state?: KMeansFitted;
  private trainLabels?: Int32Array;
  /** Threads that actually worked on the last fit (diagnostic, not part of the model). */
  threadsUsed = 0;

  constructor(params: Partial<KMeansParams> = {}) {
    this.params = { k: 8, init: 'k-means++', nInit: 'auto', maxIter: 300, tol: 1e-4, seed: 42, ...params };
  }

  get fitted(): KMeansFitted {
    return requireFitted(this.state, KMeans.kind);
  }

  /** Cluster of each training row (not serialised). */
  get labels(): Int32Array {
    return requireFitted(this.trainLabels, KMeans.kind);
  }

  /** `minWorkForThreads` (rows·cols·k) overrides when worker threads start; for tests. */
  fit(X: Matrix, _y?: Labels, o: FitOptions & { minWorkForThreads?: number } = {}): this {
    const kind = KMeans.kind;
    validateParams(kind, this.params, KMeans.paramTable);
    const { nInit } = this.params;
    if (nInit !== 'auto' && !(Number.isInteger(nInit) && nInit >= 1))
      throw invalidInput(
        `${kind}: parameter 'nInit' must be 'auto' or an integer >= 1; got ${String(nInit)}`,
      );
    checkMatrix(X, { kind });
    if (isCsr(X)) throw invalidInput(`${kind}: X must be dense`);
    const { k } = this.params;
    const n = X.rows;
    const d = X.cols;
    if (n < k) throw invalidInput(`${kind}: k = ${k} clusters need at least ${k} rows; X has ${n}`);
    const runs = nInit === 'auto' ? (this.params.init === 'random' ? 10 : 1) : nInit;
    const trials = 2 + Math.floor(Math.log(k));
    const threads = resolveThreads(o.threads);
    const useThreads = threads > 1 && n * d * k >= (o.minWorkForThreads ?? THREAD_WORK_THRESHOLD);
    const b = allocKMeansBuffers(X.data as Float64Array, n, d, k, useThreads, trials);
    if (!(X.data instanceof Float64Array)) b.X.set(X.data);
    const gang = useThreads
      ? new SyncGang(threads, new URL('./k-means-worker.ts', import.meta.url), 'kMeansWorkerMain', {
          buffers: b,
        })
      : undefined;
    this.threadsUsed = gang ? gang.size : 1;
    const handler = kMeansChunkHandler(b);
    const run = (cmd: number): void =>
      gang ? gang.run(cmd, b.nChunks, handler) : runLocal(cmd, b.nChunks, handler);
    try {
      const tolAbs = this.params.tol * meanVariance(b.X, n, d);
      const rng = new Rng(this.params.seed);
      let best: { fitted: KMeansFitted; labels: Int32Array } | undefined;
      for (let r = 0; r < runs; r++) {
        if (o.signal?.aborted) break;
        const runRng = rng.fork();
        const seeded = this.params.init === 'k-means++';
        if (seeded) kMeansPlusPlus(b, runRng, trials, run);
        else randomInit(b, runRng);
        const res = this.lloyd(b, run, tolAbs, o, seeded);
        if (!best || res.inertia < best.fitted.inertia) {
          best = { fitted: { cols: d, ...res }, labels: Int32Array.from(b.labels) };
        }
        o.onProgress?.((r + 1) / runs, `k-means run ${r + 1}/${runs}`);
      }
      if (!best) throw invalidInput(`${kind}: fit aborted`);
      this.state = best.fitted;
      this.trainLabels = best.labels;
    } finally {
      gang?.close();
    }
    return this;
  }

  private lloyd(
    b: KMeansBuffers,
    run: (cmd: number) => void,
    tolAbs: number,
    o: FitOptions,
    seeded: boolean,
  ): Omit<KMeansFitted, 'cols'> {
    const { k, d, stride, nChunks, partials, centers, move, half } = b;
    const sums = new Float64Array(k * d);
    const counts = new Float64Array(k);
    b.labels.fill(-1);
    move.fill(0);
    let iterations = 0;
    let converged = false;
    for (let it = 0; it < this.params.maxIter; it++) {
      if (o.signal?.aborted) break;
      computeHalfDistances(centers, k, d, half);
      run(it > 0 ? KM_HAMERLY : seeded ? KM_FROM_SEEDING : KM_FULL);
      iterations = it + 1;
      // Reduce chunk partials in chunk order.
      sums.fill(0);
      counts.fill(0);
      let changed = 0;
      for (let c = 0; c < nChunks; c++) {
        const po = c * stride;
        for (let j = 0; j < k * d; j++) sums[j] += partials[po + j];
        for (let j = 0; j < k; j++) counts[j] += partials[po + k * d + j];
        changed += partials[po + k * d + k];
      }
      if (it > 0 && changed === 0) {
        converged = true;
        break;
      }
      relocateEmptyClusters(b, sums, counts);
      let shift = 0;
      let m1 = 0;
      let m2 = 0;
      let arg = -1;
      for (let c = 0; c < k; c++) {
        if (counts[c] === 0) {
          move[c] = 0; // still empty (no row could be spared): keep the centre where it is
          continue;
        }
        let s = 0;
        for (let t = 0; t < d; t++) {
          const v = sums[c * d + t] / counts[c];
          const diff = v - centers[c * d + t];
          s += diff * diff;
          centers[c * d + t] = v;
        }
        shift += s;
        const m = Math.sqrt(s);
        move[c] = m;
        if (m > m1) {
          m2 = m1;
          m1 = m;
          arg = c;
        } else if (m > m2) m2 = m;
      }
      move[k] = m1;
      move[k + 1] = m2;
      move[k + 2] = arg;
      if (shift <= tolAbs) {
        converged = true;
        break;
      }
    }
    // Closing E-step (as sklearn): labels and exact inertia for the final centres; the bounds make it
    // one distance per row instead of k.
    computeHalfDistances(centers, k, d, half);
    run(KM_FINAL);
    let inertia = 0;
    counts.fill(0);
    for (let c = 0; c < nChunks; c++) {
      const po = c * stride;
      for (let j = 0; j < k; j++) counts[j] += partials[po + k * d + j];
      inertia += partials[po + k * d + k + 1];
    }
    return { centers: Array.from(centers), inertia, sizes: Array.from(counts), iterations, converged };
  }

  predict(X: Matrix): Int32Array {
    const f = this.fitted;
    checkMatrix(X, { kind: KMeans.kind, cols: f.cols });
    if (isCsr(X)) throw invalidInput(`${KMeans.kind}: X must be dense`);
    return nearestCenter(X, f.centers, f.centers.length / f.cols).labels;
  }

  /** Distance of each row to each centre (rows × k), as sklearn's transform. */
  transform(X: Matrix): Dense {
    const f = this.fitted;
    checkMatrix(X, { kind: KMeans.kind, cols: f.cols });
    if (isCsr(X)) throw invalidInput(`${KMeans.kind}: X must be dense`);
    const k = f.centers.length / f.cols;
    const out = new Float64Array(X.rows * k);
    for (let i = 0; i < X.rows; i++)
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let t = 0; t < f.cols; t++) s += (X.data[i * f.cols + t] - f.centers[c * f.cols + t]) ** 2;
        out[i * k + c] = Math.sqrt(s);
      }
    return { rows: X.rows, cols: k, data: out };
  }

  toJSON(): ModelArtifact<KMeansParams, KMeansFitted> {
    return { kind: KMeans.kind, version: 1, params: { ...this.params }, fitted: this.fitted };
  }

  static fromJSON(a: ModelArtifact): KMeans {
    if (a.kind !== KMeans.kind) throw invalidInput(`expected a ${KMeans.kind} artifact, got ${a.kind}`);
    const m = new KMeans(a.params as KMeansParams);
    m.state = a.fitted as KMeansFitted;
    return m;
  }
}

function runLocal(cmd: number, chunks: number, handler: (cmd: number, chunk: number) => void): void {
  for (let c = 0; c < chunks; c++) handler(cmd, c);
}

/** Nearest centre and squared distance for each row (shared by predict and other clusterers). */
export function nearestCenter(
  X: Dense,
  centers: ArrayLike<number>,
  k: number,
): { labels: Int32Array; dist2: Float64Array } {
  const d = X.cols;
  const labels = new Int32Array(X.rows);
  const dist2 = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    let best = Number.POSITIVE_INFINITY;
    let bi = 0;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = X.data[i * d + t] - centers[c * d + t];
        s += diff * diff;
      }
      if (s < best) {
        best = s;
        bi = c;
      }
    }
    labels[i] = bi;
    dist2[i] = best;
  }
  return { labels, dist2 };
}

/** Mean over columns of the column variances, in one row-major pass (shifted by row 0 for stability). */
function meanVariance(X: Float64Array, n: number, d: number): number {
  const sum = new Float64Array(d);
  const sq = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const io = i * d;
    for (let t = 0; t < d; t++) {
      const v = X[io + t] - X[t];
      sum[t] += v;
      sq[t] += v * v;
    }
  }
  let total = 0;
  for (let t = 0; t < d; t++) {
    const m = sum[t] / n;
    total += Math.max(sq[t] / n - m * m, 0);
  }
  return total / d;
}

function computeHalfDistances(centers: Float64Array, k: number, d: number, half: Float64Array): void {
  half.fill(Number.POSITIVE_INFINITY);
  for (let a = 0; a < k; a++)
    for (let c = a + 1; c < k; c++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += (centers[a * d + t] - centers[c * d + t]) ** 2;
      const h = Math.sqrt(s) / 2;
      if (h < half[a]) half[a] = h;
      if (h < half[c]) half[c] = h;
    }
}

/**
 * Greedy k-means++ (sklearn's _kmeans_plusplus): each new centre is the best of 2 + ⌊ln k⌋ candidates
 * sampled ∝ D², the one that most reduces the potential Σ D².
 */
function kMeansPlusPlus(b: KMeansBuffers, rng: Rng, trials: number, run: (cmd: number) => void): void {
  const { n, d, k, X, centers, closest, cand, partials, stride, nChunks } = b;
  const first = rng.int(n);
  centers.set(X.subarray(first * d, first * d + d), 0);
  closest.fill(Number.POSITIVE_INFINITY);
  cand[0] = 1;
  cand[1] = first;
  run(KM_PP_UPDATE);
  const cum = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let pot = 0;
    for (let i = 0; i < n; i++) cum[i] = pot += closest[i];
    cand[0] = trials;
    for (let t = 0; t < trials; t++) {
      const r = rng.next() * pot;
      // searchsorted(cum, r): first index with cum[i] >= r... (sklearn uses side='left').
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cum[mid] < r) lo = mid + 1;
        else hi = mid;
      }
      cand[1 + t] = lo;
    }
    // Squared distances from each candidate to each centre chosen so far, for the pruning test.
    for (let t = 0; t < trials; t++)
      for (let a = 0; a < c; a++) {
        let s = 0;
        for (let q = 0; q < d; q++) s += (X[cand[1 + t] * d + q] - centers[a * d + q]) ** 2;
        b.candToCenter[t * k + a] = s;
      }
    run(KM_PP_TRIALS);
    let bestT = 0;
    let bestPot = Number.POSITIVE_INFINITY;
    for (let t = 0; t < trials; t++) {
      let s = 0;
      for (let ch = 0; ch < nChunks; ch++) s += partials[ch * stride + t];
      if (s < bestPot) {
        bestPot = s;
        bestT = t;
      }
    }
    const chosen = cand[1 + bestT];
    centers.set(X.subarray(chosen * d, chosen * d + d), c * d);
    cand[0] = 1;
    cand[1] = bestT;
    cand[2] = c;
    run(KM_PP_ADOPT);
  }
}

function randomInit(b: KMeansBuffers, rng: Rng): void {
  const { n, d, k, X, centers } = b;
  const perm = rng.permutation(n);
  for (let c = 0; c < k; c++) centers.set(X.subarray(perm[c] * d, perm[c] * d + d), c * d);
}

/**
 * Empty clusters take the rows farthest from their current centre (sklearn's
 * _relocate_empty_clusters); those rows' bounds are reset so the next pass recomputes them.
 */
function relocateEmptyClusters(b: KMeansBuffers, sums: Float64Array, counts: Float64Array): void {
  const { n, d, k, X, centers, labels, upper, lower } = b;
  const empty: number[] = [];
  for (let c = 0; c < k; c++) if (counts[c] === 0) empty.push(c);
  if (empty.length === 0) return;
  const dist = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += (X[i * d + t] - centers[labels[i] * d + t]) ** 2;
    dist[i] = s;
  }
  const far = Int32Array.from({ length: n }, (_, i) => i)
    .sort((a, c) => dist[c] - dist[a] || a - c)
    .subarray(0, empty.length);
  empty.forEach((c, e) => {
    const i = far[e];
    const old = labels[i];
    if (counts[old] <= 1) return;
    for (let t = 0; t < d; t++) {
      sums[old * d + t] -= X[i * d + t];
      sums[c * d + t] = X[i * d + t];
    }
    counts[old]--;
    counts[c] = 1;
    labels[i] = c;
    upper[i] = Number.POSITIVE_INFINITY;
    lower[i] = 0;
  });
}
