import { describe, expect, it } from 'vitest';
import { denseToCsr, estimatorChecks } from '../check-estimator.js';
import { fromRows } from '../matrix.js';
import { LinearRegression, Ridge, type RidgeParams } from './ridge.js';
import { RIDGE } from './ridge-fixture.js';

const X = fromRows(RIDGE.X as unknown as number[][]);

function expectClose(a: readonly number[], b: readonly number[], tol: number): void {
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(tol);
}

describe('Ridge', () => {
  for (const c of estimatorChecks((p?: RidgeParams) => new Ridge(p), {
    kind: 'regressor',
    fromJSON: Ridge.fromJSON,
    params: { alpha: 1, fitIntercept: true, solver: 'auto', tol: 1e-10, maxIter: 10_000 },
    invalidParams: [{ alpha: -1 }, { solver: 'svd' as 'cg' }],
    acceptsCsr: true,
  }))
    it(c.name, c.run);

  it('matches sklearn Ridge(alpha=2) with Cholesky and with CG on CSR', () => {
    const chol = new Ridge({ alpha: 2 }).fit(X, RIDGE.y);
    expectClose(chol.fitted.coef, RIDGE.r_coef, 1e-10);
    expect(chol.fitted.intercept).toBeCloseTo(RIDGE.r_int, 10);
    const cg = new Ridge({ alpha: 2 }).fit(denseToCsr(X), RIDGE.y);
    expect(cg.fitted.solver).toBe('cg');
    expectClose(cg.fitted.coef, RIDGE.r_coef, 1e-7);
    expect(cg.fitted.intercept).toBeCloseTo(RIDGE.r_int, 7);
  });

  it('matches sklearn with sample weights', () => {
    for (const solver of ['cholesky', 'cg'] as const) {
      const m = new Ridge({ alpha: 2, solver }).fit(X, RIDGE.y, { sampleWeight: RIDGE.sw });
      expectClose(m.fitted.coef, RIDGE.rw_coef, 1e-7);
      expect(m.fitted.intercept).toBeCloseTo(RIDGE.rw_int, 7);
    }
  });
});

describe('LinearRegression', () => {
  for (const c of estimatorChecks((p?: RidgeParams) => new LinearRegression(p), {
    kind: 'regressor',
    fromJSON: LinearRegression.fromJSON,
    acceptsCsr: true,
    sparseTolerance: 1e-5,
  }))
    it(c.name, c.run);

  it('matches sklearn LinearRegression and recovers an exact line', () => {
    const m = new LinearRegression().fit(X, RIDGE.y);
    expectClose(m.fitted.coef, RIDGE.ols_coef, 1e-8);
    expect(m.fitted.intercept).toBeCloseTo(RIDGE.ols_int, 8);
    const line = new LinearRegression().fit(fromRows([[0], [1], [2]]), [1, 3, 5]);
    expect(line.fitted.coef[0]).toBeCloseTo(2, 9);
    expect(line.fitted.intercept).toBeCloseTo(1, 9);
    // Duplicate column: rank-deficient, still solvable.
    const dup = new LinearRegression().fit(
      fromRows([
        [0, 0],
        [1, 1],
        [2, 2],
      ]),
      [1, 3, 5],
    );
    expect(Array.from(dup.predict(fromRows([[3, 3]])))[0]).toBeCloseTo(7, 6);
  });
});
