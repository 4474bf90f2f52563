import { describe, expect, it } from 'vitest';
import { estimatorChecks } from '../check-estimator.js';
import { type Dense, fromRows } from '../matrix.js';
import { adjustedRandIndex } from '../metrics/clustering.js';
import { BLOBS } from './blobs-fixture.js';
import { KMeans, type KMeansParams } from './k-means.js';
import { makeBlobs } from './make-blobs.js';

const X = fromRows(BLOBS.X as unknown as number[][]);

const separatedBlobs = (n: number, d: number, k: number, seed: number): { X: Dense; truth: Int32Array } =>
  makeBlobs({ rows: n, cols: d, k, seed, centerSpread: 20 });

describe('KMeans', () => {
  for (const c of estimatorChecks((p?: KMeansParams) => new KMeans(p), {
    kind: 'clusterer',
    fromJSON: KMeans.fromJSON,
    params: { k: 3, init: 'k-means++', nInit: 2, maxIter: 300, tol: 1e-4, seed: 5 },
    invalidParams: [{ k: 0 }, { nInit: 0 }, { init: 'kmeans' as 'random' }],
  }))
    it(c.name, c.run);

  it('recovers well separated blobs exactly (ARI = 1)', () => {
    const { X: B, truth } = separatedBlobs(600, 5, 4, 1);
    const m = new KMeans({ k: 4, nInit: 3 }).fit(B);
    expect(adjustedRandIndex(truth, m.labels)).toBe(1);
    expect(m.fitted.sizes).toEqual([150, 150, 150, 150]);
    expect(m.fitted.converged).toBe(true);
    expect(Array.from(m.predict(B))).toEqual(Array.from(m.labels));
  });

  it('reaches sklearn KMeans(n_init=10) inertia on make_blobs within 0.1%', () => {
    for (const k of [3, 4, 6] as const) {
      const m = new KMeans({ k, nInit: 10, seed: 1 }).fit(X);
      const ref = BLOBS[`inertia${k}`];
      expect(m.fitted.inertia / ref).toBeLessThan(1.001);
      expect(m.fitted.inertia / ref).toBeGreaterThan(0.999);
    }
  });

  it('random init and a hand-computed 1-D case', () => {
    const line = fromRows([[0], [1], [2], [10], [11], [12]]);
    const m = new KMeans({ k: 2, init: 'random', seed: 3 }).fit(line);
    expect(m.fitted.inertia).toBeCloseTo(4, 12);
    const centers = [...m.fitted.centers].sort((a, b) => a - b);
    expect(centers).toEqual([1, 11]);
  });

  it('handles duplicate rows (more clusters than distinct points) without NaN', () => {
    const dup = fromRows([
      [1, 1],
      [1, 1],
      [1, 1],
      [2, 2],
    ]);
    const m = new KMeans({ k: 3, seed: 1 }).fit(dup);
    expect(m.fitted.centers.every(Number.isFinite)).toBe(true);
    expect(m.fitted.inertia).toBe(0);
  });

  it('gives the identical model on worker threads (1, 2 and 3 threads)', () => {
    const { X: B } = separatedBlobs(20_000, 4, 5, 2);
    const fits = [1, 2, 3].map((threads) =>
      JSON.stringify(
        new KMeans({ k: 5, nInit: 2, seed: 9 }).fit(B, undefined, { threads, minWorkForThreads: 1 }).toJSON(),
      ),
    );
    expect(fits[1]).toBe(fits[0]);
    expect(fits[2]).toBe(fits[0]);
    const threaded = new KMeans({ k: 5, seed: 9 }).fit(B, undefined, { threads: 2, minWorkForThreads: 1 });
    expect(threaded.threadsUsed).toBe(2);
  });

  it('rejects k larger than the number of rows', () => {
    expect(() => new KMeans({ k: 5 }).fit(fromRows([[1], [2]]))).toThrow(/at least 5 rows/);
  });
});
