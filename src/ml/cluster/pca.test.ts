import { describe, expect, it } from 'vitest';
import { estimatorChecks } from '../check-estimator.js';
import { fromRows } from '../matrix.js';
import { HIER } from './hierarchy-fixture.js';
import { PCA, type PcaParams } from './pca.js';

describe('PCA', () => {
  for (const c of estimatorChecks((p?: PcaParams) => new PCA(p), {
    kind: 'transformer',
    fromJSON: PCA.fromJSON,
    params: { nComponents: 2 },
    invalidParams: [{ nComponents: 0 }, { nComponents: 99 }],
  }))
    it(c.name, c.run);

  it('matches sklearn PCA(2): explained variance, components and coordinates up to sign', () => {
    const X = fromRows(HIER.X as unknown as number[][]);
    const m = new PCA({ nComponents: 2 }).fit(X);
    for (let c = 0; c < 2; c++) {
      expect(m.fitted.explainedVariance[c]).toBeCloseTo(HIER.pca_var[c], 10);
      expect(m.fitted.explainedVarianceRatio[c]).toBeCloseTo(HIER.pca_ratio[c], 10);
      const sign = Math.sign(m.fitted.components[c * 3]) * Math.sign(HIER.pca_comp[c][0]);
      for (let t = 0; t < 3; t++)
        expect(sign * m.fitted.components[c * 3 + t]).toBeCloseTo(HIER.pca_comp[c][t], 10);
      expect(sign * m.transform(fromRows([HIER.X[0] as unknown as number[]])).data[c]).toBeCloseTo(
        HIER.pca_t0[0][c],
        10,
      );
    }
  });
});
