import { describe, expect, it } from 'vitest';
import { type Csr, csrFromCoo } from '../matrix.js';
import {
  linearDecision,
  linearSvmDualCd,
  logisticRegressionLbfgs,
  plattScaling,
} from './text-linear-TODO.js';

function csr(rows: number[][]): Csr {
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  for (const [i, row] of rows.entries()) {
    for (const [j, x] of row.entries()) {
      if (x !== 0) {
        r.push(i);
        c.push(j);
        v.push(x);
      }
    }
  }
  return csrFromCoo(rows.length, rows[0].length, r, c, v);
}

const X = csr([
  [1, 0, 2],
  [0, 1, 0],
  [2, 1, 0],
  [0, 0, 1],
  [1, 1, 1],
  [0, 2, 0],
  [3, 0, 0],
  [0, 1, 3],
]);
const y = [1, 0, 1, 0, 1, 0, 1, 0];

describe('linear kernels (known answers recorded from scikit-learn 1.2.1)', () => {
  it('logistic regression = LogisticRegression(C=1, lbfgs)', () => {
    const f = logisticRegressionLbfgs(X, y, { C: 1, tol: 1e-10, maxIter: 1000 });
    expect(Array.from(f.w).map((v) => +v.toFixed(4))).toEqual([1.3021, -0.29, 0.04]);
    expect(f.bias).toBeCloseTo(-0.819018, 4);
    expect(f.converged).toBe(true);
  });

  it('linear SVM by dual CD = LinearSVC(C=1) (squared hinge, regularised bias)', () => {
    const f = linearSvmDualCd(X, y, { C: 1, tol: 1e-8, maxIter: 100000 });
    expect(Array.from(f.w).map((v) => +v.toFixed(4))).toEqual([1.342, -0.2156, -0.0352]);
    expect(f.bias).toBeCloseTo(-0.516886, 4);
    const d = linearDecision(X, f.w, f.bias);
    expect(Array.from(d, (v) => (v > 0 ? 1 : 0))).toEqual(y);
  });

  it('Platt scaling = sklearn _sigmoid_calibration', () => {
    const { A, B } = plattScaling([-2, -1, -0.5, 0.2, 0.4, 1, 1.5, 3.0], [0, 0, 1, 0, 1, 1, 0, 1]);
    expect(A).toBeCloseTo(-0.444806, 4);
    expect(B).toBeCloseTo(0.140036, 4);
  });

  it('rejects labels other than 0/1 naming the row', () => {
    expect(() => linearSvmDualCd(X, [1, 0, 2, 0, 1, 0, 1, 0], { C: 1 })).toThrow(/y row 2/);
  });
});
