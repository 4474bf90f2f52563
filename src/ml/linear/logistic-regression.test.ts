import { describe, expect, it } from 'vitest';
import { estimatorChecks } from '../check-estimator.js';
import { fromRows } from '../matrix.js';
import { LR } from './logistic-fixture.js';
import { LogisticRegression, type LogisticRegressionParams } from './logistic-regression.js';

const X = fromRows(LR.X as unknown as number[][]);
const tight = { tol: 1e-8, maxIter: 1000 };

function expectClose(a: readonly number[], b: readonly number[], tol: number): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(tol);
}

describe('LogisticRegression', () => {
  for (const c of estimatorChecks((p?: LogisticRegressionParams) => new LogisticRegression(p), {
    kind: 'classifier',
    fromJSON: LogisticRegression.fromJSON,
    params: {
      penalty: 'l2',
      C: 1,
      l1Ratio: 0.5,
      fitIntercept: true,
      classWeight: null,
      maxIter: 100,
      tol: 1e-6,
    },
    invalidParams: [{ C: 0 }, { penalty: 'l3' as 'l2' }, { classWeight: 'auto' as 'balanced' }],
    acceptsCsr: true,
    sparseTolerance: 1e-5,
  }))
    it(c.name, c.run);

  it('matches sklearn LogisticRegression(C=1) coefficients (L2, binary)', () => {
    const m = new LogisticRegression(tight).fit(X, LR.y);
    expectClose(m.fitted.coef, LR.l2_coef, 1e-5);
    expectClose(m.fitted.intercept, LR.l2_int, 1e-5);
    expect(m.fitted.converged).toBe(true);
  });

  it("matches sklearn with class_weight='balanced', C=0.1", () => {
    const m = new LogisticRegression({ ...tight, C: 0.1, classWeight: 'balanced' }).fit(X, LR.y);
    expectClose(m.fitted.coef, LR.bal_coef, 1e-5);
    expectClose(m.fitted.intercept, LR.bal_int, 1e-5);
  });

  it('matches sklearn L1 and elastic-net (saga) solutions, exact zeros included', () => {
    const l1 = new LogisticRegression({ ...tight, penalty: 'l1', C: 0.15 }).fit(X, LR.y);
    expectClose(l1.fitted.coef, LR.l1_coef, 1e-4);
    expect(l1.fitted.coef[2]).toBe(0);
    expectClose(l1.fitted.intercept, LR.l1_int, 1e-4);
    const en = new LogisticRegression({ ...tight, penalty: 'elasticnet', l1Ratio: 0.5, C: 0.05 }).fit(
      X,
      LR.y,
    );
    expectClose(en.fitted.coef, LR.en_coef, 1e-4);
    expect(en.fitted.coef[2]).toBe(0);
  });

  it('matches sklearn multinomial coefficients and probabilities (3 classes)', () => {
    const m = new LogisticRegression(tight).fit(X, LR.y3);
    expectClose(m.fitted.coef, LR.mn_coef, 1e-4);
    expectClose(m.fitted.intercept, LR.mn_int, 1e-4);
    const p = m.predictProba(fromRows([LR.X[0] as unknown as number[], LR.X[1] as unknown as number[]]));
    expectClose(Array.from(p.data), LR.mn_proba0, 1e-6);
    expect(Array.from(m.predict(X)).filter((v, i) => v === LR.y3[i]).length).toBeGreaterThan(45);
  });

  it('separates separable data perfectly and keeps non-integer labels out', () => {
    const Xs = fromRows([[-2], [-1], [-0.5], [0.5], [1], [2]]);
    const m = new LogisticRegression({ C: 100 }).fit(Xs, [3, 3, 3, 7, 7, 7]);
    expect(Array.from(m.predict(Xs))).toEqual([3, 3, 3, 7, 7, 7]);
    expect(() => new LogisticRegression().fit(Xs, [0.5, 0.5, 0.5, 1, 1, 1])).toThrow(/must be an integer/);
    expect(() => new LogisticRegression().fit(Xs, [1, 1, 1, 1, 1, 1])).toThrow(/at least 2 classes/);
  });
});

describe('LogisticRegression on unscaled features', () => {
  it('makes the same progress as scipy L-BFGS-B when one column is 10⁵ times larger', () => {
    // Every 4th label flipped; column 0 × 1e5. sklearn 1.2.1 LogisticRegression(penalty='none') stops
    // after 5 iterations (relative-reduction test) with coef[0]·1e5 = 0.5445088 and the others ≈ 0.
    const noisy = LR.y.map((v, i) => (i % 4 === 0 ? 1 - v : v));
    const big = Float64Array.from(X.data);
    for (let i = 0; i < X.rows; i++) big[i * 3] *= 1e5;
    const m = new LogisticRegression({ penalty: 'none' }).fit({ rows: X.rows, cols: 3, data: big }, noisy);
    expect(m.fitted.message).not.toBe('line search failed');
    expect(m.fitted.coef[0] * 1e5).toBeCloseTo(0.5445088, 5);
    expect(Math.abs(m.fitted.coef[1])).toBeLessThan(1e-6);
  });
});
