/**
 * Objectives give the boosting loop what it needs and nothing more: an initial score, and the first
 * and second derivatives of the loss at the current raw scores (Friedman 2001; Chen & Guestrin 2016,
 * eq. 2). The loop never sees how a tree is grown.
 */
export interface Objective {
  readonly name: 'logloss' | 'squared_error';
  /** Constant raw score that minimises the loss on y (the boosting starting point). */
  initScore(y: Float64Array): number;
  /**
   * Writes gradient and hessian of the loss at `score` for rows `rows[0..count)` (the rows the next
   * tree is grown on; other entries are left as they are).
   */
  gradients(
    y: Float64Array,
    score: Float64Array,
    grad: Float64Array,
    hess: Float64Array,
    rows: Int32Array,
    count: number,
  ): void;
  /** Mean loss, for early stopping on a validation set. */
  loss(y: Float64Array, score: Float64Array): number;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export const logloss: Objective = {
  name: 'logloss',
  initScore(y) {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += y[i];
    const p = Math.min(Math.max(s / y.length, 1e-15), 1 - 1e-15);
    return Math.log(p / (1 - p));
  },
  gradients(y, score, grad, hess, rows, count) {
    for (let k = 0; k < count; k++) {
      const i = rows[k];
      const p = 1 / (1 + Math.exp(-score[i]));
      grad[i] = p - y[i];
      // Floor the hessian so pure leaves keep a finite Newton step (XGBoost does the same).
      hess[i] = Math.max(p * (1 - p), 1e-16);
    }
  },
  loss(y, score) {
    let s = 0;
    for (let i = 0; i < y.length; i++) {
      // log(1 + e^z) - y z, computed without overflow.
      const z = score[i];
      s += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z;
    }
    return s / y.length;
  },
};

export const squaredError: Objective = {
  name: 'squared_error',
  initScore(y) {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += y[i];
    return s / y.length;
  },
  gradients(y, score, grad, hess, rows, count) {
    for (let k = 0; k < count; k++) {
      const i = rows[k];
      grad[i] = score[i] - y[i];
      hess[i] = 1;
    }
  },
  loss(y, score) {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += (score[i] - y[i]) ** 2;
    return s / y.length;
  },
};
