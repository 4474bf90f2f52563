import { PlattScaling } from '../../ml/calibration/platt-scaling.js';
import { LinearSVC } from '../../ml/linear/linear-svc.js';
import { LogisticRegression } from '../../ml/linear/logistic-regression.js';
import type { Csr } from '../../ml/matrix.js';

/**
 * The one place src/text calls src/ml's binary linear models on CSR input (LinearSVC by dual coordinate
 * descent, LogisticRegression by L-BFGS) and Platt scaling. The text models keep only the weight vector,
 * so their artifacts stay independent of the estimators' artifact layout.
 */
export type LinearKind = 'logreg' | 'svm';

export interface LinearFit {
  w: Float64Array;
  bias: number;
  iterations: number;
  converged: boolean;
}

export function trainLinear(
  kind: LinearKind,
  X: Csr,
  y: ArrayLike<number>,
  o: { C: number; seed: number },
): LinearFit {
  // liblinear's own default stopping tolerance for the dual solvers (eps = 0.1): text models with
  // millions of columns gain nothing in accuracy from sklearn's 1e-4, and fitting is several times slower.
  const f =
    kind === 'svm'
      ? new LinearSVC({ C: o.C, seed: o.seed, tol: 0.1 }).fit(X, y).fitted
      : new LogisticRegression({ C: o.C, tol: 1e-4, maxIter: 300 }).fit(X, y).fitted;
  if (f.classes.length !== 2 || f.classes[0] !== 0 || f.classes[1] !== 1) {
    throw new Error(`expected classes [0, 1], got [${f.classes.join(', ')}]`);
  }
  return {
    w: Float64Array.from(f.coef),
    bias: f.intercept[0],
    iterations: f.iterations,
    converged: f.converged,
  };
}

/** Decision values X·w + b. */
export function linearDecision(X: Csr, w: ArrayLike<number>, bias: number): Float64Array {
  const out = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    let s = bias;
    for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) s += w[X.indices[k]] * X.data[k];
    out[i] = s;
  }
  return out;
}

/** Platt scaling of decision values: P(y=1|f) = 1 / (1 + exp(A·f + B)). */
export function plattScaling(f: ArrayLike<number>, y: ArrayLike<number>): { A: number; B: number } {
  const scores = { rows: f.length, cols: 1, data: Float64Array.from(f) };
  const p = new PlattScaling().fit(scores, y).fitted;
  return { A: p.a, B: p.b };
}
