import { invalidInput } from '../../core/errors.js';
import {
  type Classifier,
  type FitOptions,
  type Labels,
  type ModelArtifact,
  type ParamTable,
  requireFitted,
  validateParams,
} from '../estimator.js';
import type { Dense, Matrix } from '../matrix.js';
import { minimizeLbfgs } from '../optim/lbfgs.js';
import { checkMatrix, checkSampleWeight, checkTargets, encodeClasses } from '../validation.js';
import { checkClassWeightParam, checkIntegerClasses, rowWeights } from './class-weights.js';
import { linearScores } from './linear-predict.js';
import { binaryLogisticLossGrad, multinomialLossGrad } from './logistic-loss.js';

export interface LogisticRegressionParams {
  penalty: 'l2' | 'l1' | 'elasticnet' | 'none';
  /** Inverse regularisation strength, as sklearn: objective = C·Σ loss + penalty. */
  C: number;
  /** Elastic-net mix ρ: penalty = (1 − ρ)/2 ‖w‖² + ρ ‖w‖₁. */
  l1Ratio: number;
  fitIntercept: boolean;
  classWeight: 'balanced' | number[] | null;
  maxIter: number;
  /** Gradient tolerance (max-norm), as sklearn's `tol` passed to L-BFGS-B's pgtol. */
  tol: number;
}

export interface LogisticRegressionFitted {
  classes: number[];
  cols: number;
  /** One row of p coefficients per decision function: 1 for binary, K for multinomial. */
  coef: number[];
  intercept: number[];
  iterations: number;
  converged: boolean;
  message: string;
}

/**
 * Logistic regression (binary and multinomial), minimising Σ swᵢ·lossᵢ + (1/C)·penalty (sklearn's
 * scaling for lbfgs), with L-BFGS for L2 / no penalty and OWL-QN for L1 / elastic-net. Dense or CSR X.
 */
export class LogisticRegression implements Classifier<LogisticRegressionParams, LogisticRegressionFitted> {
  static readonly kind = 'LogisticRegression';
  static readonly paramTable: ParamTable<LogisticRegressionParams> = {
    penalty: { type: 'enum', values: ['l2', 'l1', 'elasticnet', 'none'] },
    C: { type: 'number', min: 0, exclusiveMin: true },
    l1Ratio: { type: 'number', min: 0, max: 1 },
    fitIntercept: { type: 'boolean' },
    classWeight: { type: 'any' },
    maxIter: { type: 'number', min: 1, integer: true },
    tol: { type: 'number', min: 0, exclusiveMin: true },
  };
  readonly params: Readonly<LogisticRegressionParams>;
  private state?: LogisticRegressionFitted;

  constructor(params: Partial<LogisticRegressionParams> = {}) {
    this.params = {
      penalty: 'l2',
      C: 1,
      l1Ratio: 0.5,
      fitIntercept: true,
      classWeight: null,
      maxIter: 100,
      tol: 1e-4,
      ...params,
    };
  }

  get fitted(): LogisticRegressionFitted {
    return requireFitted(this.state, LogisticRegression.kind);
  }

  fit(X: Matrix, y: Labels, o: FitOptions & { sampleWeight?: ArrayLike<number> } = {}): this {
    const kind = LogisticRegression.kind;
    validateParams(kind, this.params, LogisticRegression.paramTable);
    checkClassWeightParam(this.params.classWeight, kind);
    checkMatrix(X, { kind });
    const { classes, codes } = encodeClasses(checkTargets(y, X.rows, kind), kind);
    checkIntegerClasses(classes, kind);
    const K = classes.length;
    const sw = rowWeights(codes, K, this.params.classWeight, checkSampleWeight(o.sampleWeight, X.rows, kind));
    const { penalty, C, l1Ratio, fitIntercept } = this.params;
    const l2 = penalty === 'l2' ? 1 / C : penalty === 'elasticnet' ? (1 - l1Ratio) / C : 0;
    const l1 = penalty === 'l1' ? 1 / C : penalty === 'elasticnet' ? l1Ratio / C : 0;
    const p = X.cols;
    const stride = p + (fitIntercept ? 1 : 0);
    const nVec = K === 2 ? 1 : K;
    const nParams = nVec * stride;
    // The intercept is never penalised.
    const mask = new Uint8Array(nParams);
    for (let c = 0; c < nVec; c++) mask.fill(1, c * stride, c * stride + p);
    let objective: (w: Float64Array, g: Float64Array) => number;
    if (K === 2) {
      const ySign = new Int8Array(X.rows);
      for (let i = 0; i < X.rows; i++) ySign[i] = codes[i] === 1 ? 1 : -1;
      objective = (w, g) => binaryLogisticLossGrad(X, ySign, sw, w, fitIntercept, g) + addL2(w, g, l2, mask);
    } else {
      const z = new Float64Array(K);
      objective = (w, g) =>
        multinomialLossGrad(X, codes, K, sw, w, fitIntercept, g, z) + addL2(w, g, l2, mask);
    }
    const res = minimizeLbfgs(objective, new Float64Array(nParams), {
      maxIter: this.params.maxIter,
      gtol: this.params.tol,
      l1,
      l1Mask: mask,
      signal: o.signal,
    });
    const coef: number[] = [];
    const intercept: number[] = [];
    for (let c = 0; c < nVec; c++) {
      for (let j = 0; j < p; j++) coef.push(res.x[c * stride + j]);
      intercept.push(fitIntercept ? res.x[c * stride + p] : 0);
    }
    this.state = {
      classes,
      cols: p,
      coef,
      intercept,
      iterations: res.iterations,
      converged: res.converged,
      message: res.message,
    };
    return this;
  }

  /** Raw scores: rows × 1 (binary log-odds of the second class) or rows × K. */
  decisionFunction(X: Matrix): Dense {
    const f = this.fitted;
    checkMatrix(X, { kind: LogisticRegression.kind, cols: f.cols });
    const K = f.intercept.length;
    return { rows: X.rows, cols: K, data: linearScores(X, f.coef, f.intercept, K) };
  }

  predictProba(X: Matrix): Dense {
    const f = this.fitted;
    const s = this.decisionFunction(X);
    const K = f.classes.length;
    const out = new Float64Array(X.rows * K);
    if (K === 2) {
      for (let i = 0; i < X.rows; i++) {
        const p1 = sigmoid(s.data[i]);
        out[2 * i] = 1 - p1;
        out[2 * i + 1] = p1;
      }
    } else softmaxRows(s.data, X.rows, K, out);
    return { rows: X.rows, cols: K, data: out };
  }

  predict(X: Matrix): Int32Array {
    const f = this.fitted;
    const s = this.decisionFunction(X);
    return argmaxLabels(s.data, X.rows, f.classes);
  }

  toJSON(): ModelArtifact<LogisticRegressionParams, LogisticRegressionFitted> {
    return { kind: LogisticRegression.kind, version: 1, params: { ...this.params }, fitted: this.fitted };
  }

  static fromJSON(a: ModelArtifact): LogisticRegression {
    if (a.kind !== LogisticRegression.kind)
      throw invalidInput(`expected a ${LogisticRegression.kind} artifact, got ${a.kind}`);
    const m = new LogisticRegression(a.params as LogisticRegressionParams);
    m.state = a.fitted as LogisticRegressionFitted;
    return m;
  }
}

function addL2(w: Float64Array, g: Float64Array, l2: number, mask: Uint8Array): number {
  if (l2 === 0) return 0;
  let s = 0;
  for (let j = 0; j < w.length; j++) {
    if (mask[j] === 0) continue;
    s += w[j] * w[j];
    g[j] += l2 * w[j];
  }
  return 0.5 * l2 * s;
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

export function softmaxRows(s: ArrayLike<number>, rows: number, K: number, out: Float64Array): void {
  for (let i = 0; i < rows; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < K; c++) max = Math.max(max, s[i * K + c]);
    let sum = 0;
    for (let c = 0; c < K; c++) sum += out[i * K + c] = Math.exp(s[i * K + c] - max);
    for (let c = 0; c < K; c++) out[i * K + c] /= sum;
  }
}

/** Class label per row from scores: 1 column → threshold at 0; K columns → argmax (first on ties). */
export function argmaxLabels(s: ArrayLike<number>, rows: number, classes: number[]): Int32Array {
  const K = s.length / rows;
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    if (K === 1) out[i] = classes[s[i] > 0 ? 1 : 0];
    else {
      let best = 0;
      for (let c = 1; c < K; c++) if (s[i * K + c] > s[i * K + best]) best = c;
      out[i] = classes[best];
    }
  }
  return out;
}
