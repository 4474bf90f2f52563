import { describe, expect, it } from 'vitest';
import { estimatorChecks } from '../check-estimator.js';
import { adjustedRandIndex } from '../metrics/clustering.js';
import { KMeans } from './k-means.js';
import { makeBlobs } from './make-blobs.js';
import { MiniBatchKMeans, type MiniBatchKMeansParams } from './mini-batch-k-means.js';

describe('MiniBatchKMeans', () => {
  for (const c of estimatorChecks((p?: MiniBatchKMeansParams) => new MiniBatchKMeans(p), {
    kind: 'clusterer',
    fromJSON: MiniBatchKMeans.fromJSON,
    params: { k: 3, batchSize: 32, maxIter: 20, maxNoImprovement: 10, initSize: null, seed: 4 },
    invalidParams: [{ batchSize: 0 }, { k: 1.5 }],
  }))
    it(c.name, c.run);

  it('recovers separated blobs and gets within 1% of full K-Means inertia', () => {
    const { X, truth } = makeBlobs({ rows: 20_000, cols: 5, k: 6, seed: 12, centerSpread: 15 });
    const mb = new MiniBatchKMeans({ k: 6, batchSize: 512, seed: 2 }).fit(X);
    const full = new KMeans({ k: 6, nInit: 3, seed: 2 }).fit(X);
    expect(adjustedRandIndex(truth, mb.labels)).toBe(1);
    expect(mb.fitted.inertia / full.fitted.inertia).toBeLessThan(1.01);
  });
});
