import type { ChunkHandler } from '../parallel/sync-gang.js';

/** Commands of the K-Means chunk kernels (see `kMeansChunkHandler`). */
export const KM_FULL = 1;
export const KM_HAMERLY = 2;
export const KM_PP_TRIALS = 3;
export const KM_PP_UPDATE = 4;
/** Final pass: Hamerly-bounded assignment that always tightens the upper bound, giving exact inertia. */
export const KM_FINAL = 5;
/** k-means++: closest = min(closest, distance to trial cand[1]) from the stored trial distances. */
export const KM_PP_ADOPT = 6;
/** First Lloyd step after k-means++: labels and upper bounds are already known exactly from the seeding. */
export const KM_FROM_SEEDING = 7;

/** Shared state of one K-Means fit; every array sits on a SharedArrayBuffer when threads are used. */
export interface KMeansBuffers {
  n: number;
  d: number;
  k: number;
  chunkRows: number;
  nChunks: number;
  /** Per-chunk partial record: k·d sums, k counts, changed, inertia. */
  stride: number;
  X: Float64Array;
  centers: Float64Array;
  /** ½ · distance from each centre to its nearest other centre (Hamerly 2010, s(j)). */
  half: Float64Array;
  /** Distance each centre moved in the last update, then [maxMove, secondMaxMove, argmax] at index k.. */
  move: Float64Array;
  labels: Int32Array;
  upper: Float64Array;
  lower: Float64Array;
  /** k-means++: squared distance of each row to its closest chosen centre. */
  closest: Float64Array;
  /** k-means++: [count, row ids of the candidate centres...]; for ADOPT [_, trial, centre index]. */
  cand: Int32Array;
  /** k-means++: index of the closest chosen centre of each row. */
  nearest: Int32Array;
  /** k-means++: squared distance between trial candidate t and chosen centre c, at t · k + c. */
  candToCenter: Float64Array;
  /** k-means++: squared distance of each row to each trial candidate (n × trials). */
  trialDist: Float64Array;
  trials: number;
  partials: Float64Array;
}

/** Layout chosen from the problem size only (never from the thread count), so results are reproducible. */
export function kMeansLayout(
  n: number,
  d: number,
  k: number,
): { chunkRows: number; nChunks: number; stride: number } {
  const stride = k * d + k + 2;
  let chunkRows = Math.max(2048, Math.ceil(n / 256));
  // Keep the per-chunk partials under ~64 MB.
  while (Math.ceil(n / chunkRows) * stride * 8 > 64 * 2 ** 20 && chunkRows < n) chunkRows *= 2;
  return { chunkRows, nChunks: Math.ceil(n / chunkRows), stride };
}

export function allocKMeansBuffers(
  X: Float64Array,
  n: number,
  d: number,
  k: number,
  shared: boolean,
  trials: number,
): KMeansBuffers {
  const { chunkRows, nChunks, stride } = kMeansLayout(n, d, k);
  const f64 = (len: number): Float64Array =>
    shared ? new Float64Array(new SharedArrayBuffer(len * 8)) : new Float64Array(len);
  const i32 = (len: number): Int32Array =>
    shared ? new Int32Array(new SharedArrayBuffer(len * 4)) : new Int32Array(len);
  let x = X;
  if (shared && !(X.buffer instanceof SharedArrayBuffer)) {
    x = f64(n * d);
    x.set(X.subarray(0, n * d));
  }
  return {
    n,
    d,
    k,
    chunkRows,
    nChunks,
    stride,
    X: x,
    centers: f64(k * d),
    half: f64(k),
    move: f64(k + 3),
    labels: i32(n),
    upper: f64(n),
    lower: f64(n),
    closest: f64(n),
    cand: i32(trials + 3),
    nearest: i32(n),
    candToCenter: f64(trials * k),
    trialDist: f64(n * trials),
    trials,
    partials: f64(nChunks * stride),
  };
}

/** The chunk kernels: plain loops over typed arrays, no allocation; results go to the chunk's partial record. */
export function kMeansChunkHandler(b: KMeansBuffers): ChunkHandler {
  const {
    n,
    d,
    k,
    chunkRows,
    stride,
    X,
    centers,
    half,
    move,
    labels,
    upper,
    lower,
    closest,
    cand,
    partials,
  } = b;
  const { trialDist, trials: maxTrials, nearest, candToCenter } = b;

  // Squared Euclidean distance with four accumulators (≈1.5× faster than one in V8, which does not vectorise).
  const dist2 = (A: Float64Array, ao: number, B: Float64Array, bo: number): number => {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let t = 0;
    for (; t + 3 < d; t += 4) {
      const e0 = A[ao + t] - B[bo + t];
      const e1 = A[ao + t + 1] - B[bo + t + 1];
      const e2 = A[ao + t + 2] - B[bo + t + 2];
      const e3 = A[ao + t + 3] - B[bo + t + 3];
      s0 += e0 * e0;
      s1 += e1 * e1;
      s2 += e2 * e2;
      s3 += e3 * e3;
    }
    for (; t < d; t++) {
      const e = A[ao + t] - B[bo + t];
      s0 += e * e;
    }
    return s0 + s1 + (s2 + s3);
  };
  const dist2ToCenter = (io: number, c: number): number => dist2(X, io, centers, c * d);
  const dist2ToRow = (io: number, jo: number): number => dist2(X, io, X, jo);

  return (command: number, chunk: number): void => {
    const start = chunk * chunkRows;
    const end = Math.min(n, start + chunkRows);
    const po = chunk * stride;
    if (command === KM_PP_UPDATE) {
      const jo = cand[1] * d;
      for (let i = start; i < end; i++) {
        closest[i] = dist2ToRow(i * d, jo);
        nearest[i] = 0;
      }
      return;
    }
    if (command === KM_PP_TRIALS) {
      const trials = cand[0];
      for (let t = 0; t < trials; t++) {
        const jo = cand[1 + t] * d;
        const cc = t * k;
        let pot = 0;
        for (let i = start; i < end; i++) {
          const D = closest[i];
          // Triangle inequality (Elkan 2003, applied to seeding): if d(a, c) ≥ 2·d(x, a) for x's closest
          // centre a, then d(x, c) ≥ d(x, a) and candidate c cannot bring x closer — skip the distance.
          if (candToCenter[cc + nearest[i]] >= 4 * D) {
            trialDist[i * maxTrials + t] = Number.POSITIVE_INFINITY;
            pot += D;
            continue;
          }
          const v = dist2ToRow(i * d, jo);
          trialDist[i * maxTrials + t] = v;
          pot += Math.min(v, D);
        }
        partials[po + t] = pot;
      }
      return;
    }
    if (command === KM_PP_ADOPT) {
      const t = cand[1];
      const c = cand[2];
      for (let i = start; i < end; i++) {
        const v = trialDist[i * maxTrials + t];
        if (v < closest[i]) {
          closest[i] = v;
          nearest[i] = c;
        }
      }
      return;
    }
    // Assignment (full or Hamerly-bounded), then per-chunk sums for the centre update.
    partials.fill(0, po, po + stride);
    const countOff = po + k * d;
    let changed = 0;
    let inertia = 0;
    const maxMove = move[k];
    const secondMove = move[k + 1];
    const argMove = move[k + 2];
    for (let i = start; i < end; i++) {
      const io = i * d;
      let a = labels[i];
      if (command === KM_FROM_SEEDING) {
        // Seeding left each row's exact closest centre and squared distance; the lower bound is
        // unknown, so 0 (the next Hamerly pass tightens where needed).
        if (nearest[i] !== a) changed++;
        a = nearest[i];
        labels[i] = a;
        upper[i] = Math.sqrt(closest[i]);
        lower[i] = 0;
        inertia += closest[i];
      } else if (command === KM_FULL) {
        let best = Number.POSITIVE_INFINITY;
        let second = Number.POSITIVE_INFINITY;
        let bi = 0;
        for (let c = 0; c < k; c++) {
          const v = dist2ToCenter(io, c);
          if (v < best) {
            second = best;
            best = v;
            bi = c;
          } else if (v < second) second = v;
        }
        if (bi !== a) changed++;
        a = bi;
        labels[i] = a;
        upper[i] = Math.sqrt(best);
        lower[i] = Math.sqrt(second);
        inertia += best;
      } else {
        // Hamerly 2010, alg. 2: bounds follow the centres' movement; rows whose bounds still prove
        // their assignment skip all distance computations.
        let u = upper[i] + move[a];
        let l = lower[i] - (a === argMove ? secondMove : maxMove);
        const m = Math.max(half[a], l);
        if (u > m || command === KM_FINAL) {
          u = Math.sqrt(dist2ToCenter(io, a));
          if (u > m) {
            let best = Number.POSITIVE_INFINITY;
            let second = Number.POSITIVE_INFINITY;
            let bi = 0;
            for (let c = 0; c < k; c++) {
              const v = dist2ToCenter(io, c);
              if (v < best) {
                second = best;
                best = v;
                bi = c;
              } else if (v < second) second = v;
            }
            if (bi !== a) changed++;
            a = bi;
            labels[i] = a;
            u = Math.sqrt(best);
            l = Math.sqrt(second);
          }
        }
        upper[i] = u;
        lower[i] = l;
        if (command === KM_FINAL) inertia += u * u;
      }
      const so = po + a * d;
      for (let t = 0; t < d; t++) partials[so + t] += X[io + t];
      partials[countOff + a]++;
    }
    partials[countOff + k] = changed;
    partials[countOff + k + 1] = inertia;
  };
}
