import { describe, expect, it } from 'vitest';
import { denseToCsr, estimatorChecks } from '../check-estimator.js';
import { fromRows } from '../matrix.js';
import { LinearSVC, type LinearSvcParams } from './linear-svc.js';
import { LR } from './logistic-fixture.js';

// Recorded from scikit-learn 1.2.1 LinearSVC(C=0.5, tol=1e-10, max_iter=1e6) on the logistic fixture data.
const SKLEARN = {
  hinge: {
    coef: [1.0419556357475082, -1.951406005266834, 0.2498880744035381],
    intercept: 0.30279673230898607,
  },
  squared_hinge: {
    coef: [0.8042826263907886, -1.5500026320289702, 0.22019421150718232],
    intercept: 0.294183002902627,
  },
};
const X = fromRows(LR.X as unknown as number[][]);

describe('LinearSVC', () => {
  for (const c of estimatorChecks((p?: LinearSvcParams) => new LinearSVC(p), {
    kind: 'classifier',
    fromJSON: LinearSVC.fromJSON,
    params: {
      loss: 'squared_hinge',
      C: 1,
      fitIntercept: true,
      interceptScaling: 1,
      classWeight: null,
      tol: 1e-4,
      maxIter: 1000,
      seed: 3,
    },
    invalidParams: [{ C: -1 }, { loss: 'log' as 'hinge' }],
    acceptsCsr: true,
    sparseTolerance: 1e-9,
  }))
    it(c.name, c.run);

  for (const loss of ['hinge', 'squared_hinge'] as const) {
    it(`matches sklearn/liblinear for ${loss} loss (dense and CSR)`, () => {
      for (const input of [X, denseToCsr(X)]) {
        const m = new LinearSVC({ loss, C: 0.5, tol: 1e-9, maxIter: 100_000 }).fit(input, LR.y);
        expect(m.fitted.converged).toBe(true);
        for (let j = 0; j < 3; j++) expect(m.fitted.coef[j]).toBeCloseTo(SKLEARN[loss].coef[j], 4);
        expect(m.fitted.intercept[0]).toBeCloseTo(SKLEARN[loss].intercept, 4);
      }
    });
  }

  it('classifies separable data perfectly, one-vs-rest for 3 classes', () => {
    const Xs = fromRows([
      [0, 0],
      [0.2, 0.1],
      [5, 5],
      [5.2, 4.9],
      [0, 5],
      [0.1, 5.3],
    ]);
    const m = new LinearSVC({ C: 10 }).fit(Xs, [0, 0, 1, 1, 2, 2]);
    expect(Array.from(m.predict(Xs))).toEqual([0, 0, 1, 1, 2, 2]);
    expect(m.predictProba(Xs).cols).toBe(3);
  });
});
