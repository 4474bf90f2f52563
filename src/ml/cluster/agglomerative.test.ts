import { describe, expect, it } from 'vitest';
import { estimatorChecks } from '../check-estimator.js';
import { fromRows } from '../matrix.js';
import { adjustedRandIndex } from '../metrics/clustering.js';
import { AgglomerativeClustering, type AgglomerativeParams } from './agglomerative.js';
import { HIER } from './hierarchy-fixture.js';
import { makeBlobs } from './make-blobs.js';

const X = fromRows(HIER.X as unknown as number[][]);
const truth = Array.from({ length: 30 }, (_, i) => Math.floor(i / 10));

describe('AgglomerativeClustering', () => {
  for (const linkage of ['ward', 'average', 'complete'] as const) {
    describe(linkage, () => {
      for (const c of estimatorChecks((p?: AgglomerativeParams) => new AgglomerativeClustering(p), {
        kind: 'clusterer',
        fromJSON: AgglomerativeClustering.fromJSON,
        params: { k: 3, linkage },
        invalidParams: [{ k: 0 }, { linkage: 'single' as 'ward' }],
      }))
        it(c.name, c.run);

      it('reproduces scipy linkage merge heights and recovers the three groups', () => {
        const m = new AgglomerativeClustering({ k: 3, linkage }).fit(X);
        const heights = m.fitted.merges.map((r) => r[2]);
        const ref = HIER[linkage];
        expect(heights).toHaveLength(ref.length);
        // float32 distance matrix for average/complete: ~1e-6 relative.
        for (let i = 0; i < ref.length; i++)
          expect(heights[i]).toBeCloseTo(ref[i], linkage === 'ward' ? 10 : 5);
        expect(adjustedRandIndex(truth, m.labels)).toBe(1);
        expect(m.fitted.merges[m.fitted.merges.length - 1][3]).toBe(30);
      });
    });
  }

  it('scales Ward to a few thousand rows and keeps separated blobs apart', () => {
    const { X: B, truth: t } = makeBlobs({ rows: 2000, cols: 4, k: 5, seed: 8, centerSpread: 20 });
    const m = new AgglomerativeClustering({ k: 5 }).fit(B);
    expect(adjustedRandIndex(t, m.labels)).toBe(1);
  });
});
