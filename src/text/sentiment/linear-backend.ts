import {
  type LinearFit,
  linearSvmDualCd,
  logisticRegressionLbfgs,
} from '../../ml/linear/text-linear-TODO.js';
import type { Csr } from '../../ml/matrix.js';

/**
 * The one place src/text calls src/ml's binary linear models on CSR input. Today they are the kernels in
 * src/ml/linear/text-linear-TODO.ts; when ml-core's LogisticRegression / LinearSvm land on main, only this
 * file changes.
 */
export type LinearKind = 'logreg' | 'svm';

export function trainLinear(
  kind: LinearKind,
  X: Csr,
  y: ArrayLike<number>,
  o: { C: number; seed: number },
): LinearFit {
  return kind === 'svm'
    ? linearSvmDualCd(X, y, { C: o.C, seed: o.seed })
    : logisticRegressionLbfgs(X, y, { C: o.C });
}

export { linearDecision, plattScaling } from '../../ml/linear/text-linear-TODO.js';
