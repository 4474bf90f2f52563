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
import { type Dense, isCsr, type Matrix, takeRows } from '../matrix.js';
import { Rng } from '../random.js';
import { checkMatrix } from '../validation.js';
import { KMeans, nearestCenter } from './k-means.js';

export interface MiniBatchKMeansParams {
  k: number;
  batchSize: number;
  /** Passes over the data (sklearn's max_iter for MiniBatchKMeans). */
  maxIter: number;
  /** Stop after this many consecutive batches without improvement of the smoothed batch inertia. */
  maxNoImprovement: number;
  /** Rows used to seed the centres with k-means++ (sklearn's init_size; default 3 · batchSize). */
  initSize: number | null;
  seed: number;
}

export interface MiniBatchKMeansFitted {
  cols: number;
  centers: number[];
  inertia: number;
  sizes: number[];
  steps: number;
  converged: boolean;
}

/**
 * Mini-batch K-Means (Sculley 2010, as sklearn MiniBatchKMeans without low-count reassignment): each
 * centre moves toward the mean of its batch rows with a per-centre learning rate 1 / (rows seen).
 * Memory and time per step are O(batchSize · k · d), for millions of rows.
 */
export class MiniBatchKMeans implements Clusterer<MiniBatchKMeansParams, MiniBatchKMeansFitted> {
  static readonly kind = 'MiniBatchKMeans';
  static readonly paramTable: ParamTable<MiniBatchKMeansParams> = {
    k: { type: 'number', min: 1, integer: true },
    batchSize: { type: 'number', min: 1, integer: true },
    maxIter: { type: 'number', min: 1, integer: true },
    maxNoImprovement: { type: 'number', min: 1, integer: true },
    initSize: { type: 'number', min: 1, integer: true, nullable: true },
    seed: { type: 'number', integer: true },
  };
  readonly params: Readonly<MiniBatchKMeansParams>;
  private state?: MiniBatchKMeansFitted;
  private trainLabels?: Int32Array;

  constructor(params: Partial<MiniBatchKMeansParams> = {}) {
    this.params = {
      k: 8,
      batchSize: 1024,
      maxIter: 100,
      maxNoImprovement: 10,
      initSize: null,
      seed: 42,
      ...params,
    };
  }

  get fitted(): MiniBatchKMeansFitted {
    return requireFitted(this.state, MiniBatchKMeans.kind);
  }

  get labels(): Int32Array {
    return requireFitted(this.trainLabels, MiniBatchKMeans.kind);
  }

  fit(X: Matrix, _y?: Labels, o: FitOptions = {}): this {
    const kind = MiniBatchKMeans.kind;
    validateParams(kind, this.params, MiniBatchKMeans.paramTable);
    checkMatrix(X, { kind });
    if (isCsr(X)) throw invalidInput(`${kind}: X must be dense`);
    const { k, batchSize, maxIter, maxNoImprovement, seed } = this.params;
    const n = X.rows;
    const d = X.cols;
    if (n < k) throw invalidInput(`${kind}: k = ${k} clusters need at least ${k} rows; X has ${n}`);
    const rng = new Rng(seed);
    // Seed with k-means++ on a random subset.
    const initSize = Math.min(n, Math.max(k, this.params.initSize ?? 3 * batchSize));
    const initRows = rng.permutation(n).subarray(0, initSize).sort();
    const seedModel = new KMeans({ k, nInit: 1, maxIter: 1, seed: rng.nextUint32() | 0 }).fit(
      takeRows(X, initRows),
      undefined,
      { threads: 1 },
    );
    const centers = Float64Array.from(seedModel.fitted.centers);
    const seen = new Float64Array(k);
    const batchSums = new Float64Array(k * d);
    const batchCounts = new Float64Array(k);
    const b = Math.min(batchSize, n);
    const steps = Math.ceil((maxIter * n) / b);
    let ewa = Number.NaN;
    let bestEwa = Number.POSITIVE_INFINITY;
    let noImprove = 0;
    let step = 0;
    let converged = false;
    const alpha = Math.min(1, (2 * b) / (n + 1)); // sklearn's smoothing of the batch inertia
    for (; step < steps; step++) {
      if (o.signal?.aborted) break;
      batchSums.fill(0);
      batchCounts.fill(0);
      let batchInertia = 0;
      for (let s = 0; s < b; s++) {
        const i = rng.int(n);
        const io = i * d;
        let best = Number.POSITIVE_INFINITY;
        let bi = 0;
        for (let c = 0; c < k; c++) {
          let q = 0;
          for (let t = 0; t < d; t++) {
            const e = X.data[io + t] - centers[c * d + t];
            q += e * e;
          }
          if (q < best) {
            best = q;
            bi = c;
          }
        }
        batchInertia += best;
        batchCounts[bi]++;
        for (let t = 0; t < d; t++) batchSums[bi * d + t] += X.data[io + t];
      }
      for (let c = 0; c < k; c++) {
        if (batchCounts[c] === 0) continue;
        const total = seen[c] + batchCounts[c];
        for (let t = 0; t < d; t++)
          centers[c * d + t] = (centers[c * d + t] * seen[c] + batchSums[c * d + t]) / total;
        seen[c] = total;
      }
      const avg = batchInertia / b;
      ewa = Number.isNaN(ewa) ? avg : ewa * (1 - alpha) + avg * alpha;
      if (ewa < bestEwa) {
        bestEwa = ewa;
        noImprove = 0;
      } else if (++noImprove >= maxNoImprovement) {
        converged = true;
        step++;
        break;
      }
      if (step % 64 === 0) o.onProgress?.(step / steps);
    }
    const X2: Dense = X;
    const { labels, dist2 } = nearestCenter(X2, centers, k);
    let inertia = 0;
    for (let i = 0; i < n; i++) inertia += dist2[i];
    const sizes = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) sizes[labels[i]]++;
    this.state = { cols: d, centers: Array.from(centers), inertia, sizes, steps: step, converged };
    this.trainLabels = labels;
    return this;
  }

  predict(X: Matrix): Int32Array {
    const f = this.fitted;
    checkMatrix(X, { kind: MiniBatchKMeans.kind, cols: f.cols });
    if (isCsr(X)) throw invalidInput(`${MiniBatchKMeans.kind}: X must be dense`);
    return nearestCenter(X, f.centers, f.centers.length / f.cols).labels;
  }

  toJSON(): ModelArtifact<MiniBatchKMeansParams, MiniBatchKMeansFitted> {
    return { kind: MiniBatchKMeans.kind, version: 1, params: { ...this.params }, fitted: this.fitted };
  }

  static fromJSON(a: ModelArtifact): MiniBatchKMeans {
    const m = new MiniBatchKMeans(a.params as MiniBatchKMeansParams);
    m.state = a.fitted as MiniBatchKMeansFitted;
    return m;
  }
}
