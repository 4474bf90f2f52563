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
import { type Dense, isCsr, type Matrix } from '../matrix.js';
import { Rng } from '../random.js';
import { checkMatrix, checkSampleWeight, checkTargets, encodeClasses } from '../validation.js';
import { checkClassWeightParam, checkIntegerClasses, rowWeights } from './class-weights.js';
import { linearScores } from './linear-predict.js';
import { argmaxLabels, sigmoid, softmaxRows } from './logistic-regression.js';

export interface LinearSvcParams {
  loss: 'hinge' | 'squared_hinge';
  C: number;
  fitIntercept: boolean;
  /** Value of the synthetic constant feature that carries the (penalised) intercept, as liblinear. */
  interceptScaling: number;
  classWeight: 'balanced' | number[] | null;
  /** Stop when max − min projected gradient ≤ tol (liblinear's criterion). */
  tol: number;
  maxIter: number;
  seed: number;
}

export interface LinearSvcFitted {
  classes: number[];
  cols: number;
  coef: number[];
  intercept: number[];
  iterations: number;
  converged: boolean;
}

/**
 * Linear support vector classifier by dual coordinate descent (Hsieh, Chang, Lin, Keerthi & Sundararajan
 * 2008, alg. 1, as liblinear without shrinking); one-vs-rest for more than two classes. Dense or CSR X.
 * `predictProba` is a logistic squashing of the margin (binary) or a softmax over margins — a ranking
 * score, not a calibrated probability: wrap in Platt scaling when probabilities matter.
 */
export class LinearSVC implements Classifier<LinearSvcParams, LinearSvcFitted> {
  static readonly kind = 'LinearSVC';
  static readonly paramTable: ParamTable<LinearSvcParams> = {
    loss: { type: 'enum', values: ['hinge', 'squared_hinge'] },
    C: { type: 'number', min: 0, exclusiveMin: true },
    fitIntercept: { type: 'boolean' },
    interceptScaling: { type: 'number', min: 0, exclusiveMin: true },
    classWeight: { type: 'any' },
    tol: { type: 'number', min: 0, exclusiveMin: true },
    maxIter: { type: 'number', min: 1, integer: true },
    seed: { type: 'number', integer: true },
  };
  readonly params: Readonly<LinearSvcParams>;
  private state?: LinearSvcFitted;

  constructor(params: Partial<LinearSvcParams> = {}) {
    this.params = {
      loss: 'squared_hinge',
      C: 1,
      fitIntercept: true,
      interceptScaling: 1,
      classWeight: null,
      tol: 1e-4,
      maxIter: 1000,
      seed: 42,
      ...params,
    };
  }

  get fitted(): LinearSvcFitted {
    return requireFitted(this.state, LinearSVC.kind);
  }

  fit(X: Matrix, y: Labels, o: FitOptions & { sampleWeight?: ArrayLike<number> } = {}): this {
    const kind = LinearSVC.kind;
    validateParams(kind, this.params, LinearSVC.paramTable);
    checkClassWeightParam(this.params.classWeight, kind);
    checkMatrix(X, { kind });
    const { classes, codes } = encodeClasses(checkTargets(y, X.rows, kind), kind);
    checkIntegerClasses(classes, kind);
    const K = classes.length;
    const sw = checkSampleWeight(o.sampleWeight, X.rows, kind);
    const p = X.cols;
    const nVec = K === 2 ? 1 : K;
    const rng = new Rng(this.params.seed);
    const coef: number[] = [];
    const intercept: number[] = [];
    let iterations = 0;
    let converged = true;
    for (let c = 0; c < nVec; c++) {
      const target = K === 2 ? 1 : c;
      const ySign = new Int8Array(X.rows);
      for (let i = 0; i < X.rows; i++) {
        ySign[i] = codes[i] === target ? 1 : -1;
      }
      // Class weights in OvR apply to the original classes (sklearn passes them to liblinear per label).
      const cw = rowWeights(codes, K, this.params.classWeight, sw);
      const res = this.solveDual(X, ySign, cw, rng.fork(), o.signal);
      for (let j = 0; j < p; j++) coef.push(res.w[j]);
      intercept.push(this.params.fitIntercept ? res.w[p] * this.params.interceptScaling : 0);
      iterations = Math.max(iterations, res.iterations);
      converged &&= res.converged;
    }
    this.state = { classes, cols: p, coef, intercept, iterations, converged };
    return this;
  }

  private solveDual(
    X: Matrix,
    y: Int8Array,
    rowC: Float64Array | undefined,
    rng: Rng,
    signal?: AbortSignal,
  ): { w: Float64Array; iterations: number; converged: boolean } {
    const n = X.rows;
    const p = X.cols;
    const { C, loss, fitIntercept, tol, maxIter } = this.params;
    const bias = fitIntercept ? this.params.interceptScaling : 0;
    const w = new Float64Array(p + 1);
    const alpha = new Float64Array(n);
    const upper = new Float64Array(n);
    const diag = new Float64Array(n);
    const qii = new Float64Array(n);
    const csr = isCsr(X);
    for (let i = 0; i < n; i++) {
      const Ci = C * (rowC ? rowC[i] : 1);
      // Hinge: box [0, Cᵢ]; squared hinge: unbounded with Dᵢᵢ = 1 / (2Cᵢ) (Hsieh et al. 2008, table 1).
      upper[i] = loss === 'hinge' ? Ci : Number.POSITIVE_INFINITY;
      diag[i] = loss === 'hinge' ? 0 : Ci > 0 ? 1 / (2 * Ci) : Number.POSITIVE_INFINITY;
      let s = bias * bias;
      if (csr) for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) s += X.data[k] * X.data[k];
      else for (let j = 0, o = i * p; j < p; j++) s += X.data[o + j] * X.data[o + j];
      qii[i] = s + diag[i];
    }
    const order = Int32Array.from({ length: n }, (_, i) => i);
    let it = 0;
    let converged = false;
    for (; it < maxIter; it++) {
      if (signal?.aborted) break;
      rng.shuffle(order);
      let pgMax = Number.NEGATIVE_INFINITY;
      let pgMin = Number.POSITIVE_INFINITY;
      for (let t = 0; t < n; t++) {
        const i = order[t];
        if (upper[i] === 0) continue; // zero-weight row
        const yi = y[i];
        let wx = w[p] * bias;
        if (csr) for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) wx += X.data[k] * w[X.indices[k]];
        else for (let j = 0, o = i * p; j < p; j++) wx += X.data[o + j] * w[j];
        const G = yi * wx - 1 + diag[i] * alpha[i];
        let pg = G;
        if (alpha[i] === 0) pg = Math.min(G, 0);
        else if (alpha[i] === upper[i]) pg = Math.max(G, 0);
        pgMax = Math.max(pgMax, pg);
        pgMin = Math.min(pgMin, pg);
        if (pg === 0 || qii[i] === 0) continue;
        const old = alpha[i];
        alpha[i] = Math.min(Math.max(old - G / qii[i], 0), upper[i]);
        const delta = (alpha[i] - old) * yi;
        if (delta === 0) continue;
        if (csr) for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) w[X.indices[k]] += delta * X.data[k];
        else for (let j = 0, o = i * p; j < p; j++) w[j] += delta * X.data[o + j];
        w[p] += delta * bias;
      }
      if (pgMax - pgMin <= tol) {
        converged = true;
        it++;
        break;
      }
    }
    return { w, iterations: it, converged };
  }

  decisionFunction(X: Matrix): Dense {
    const f = this.fitted;
    checkMatrix(X, { kind: LinearSVC.kind, cols: f.cols });
    const K = f.intercept.length;
    return { rows: X.rows, cols: K, data: linearScores(X, f.coef, f.intercept, K) };
  }

  predict(X: Matrix): Int32Array {
    return argmaxLabels(this.decisionFunction(X).data, X.rows, this.fitted.classes);
  }

  predictProba(X: Matrix): Dense {
    const f = this.fitted;
    const s = this.decisionFunction(X).data;
    const K = f.classes.length;
    const out = new Float64Array(X.rows * K);
    if (K === 2) {
      for (let i = 0; i < X.rows; i++) {
        out[2 * i + 1] = sigmoid(s[i]);
        out[2 * i] = 1 - out[2 * i + 1];
      }
    } else softmaxRows(s, X.rows, K, out);
    return { rows: X.rows, cols: K, data: out };
  }

  toJSON(): ModelArtifact<LinearSvcParams, LinearSvcFitted> {
    return { kind: LinearSVC.kind, version: 1, params: { ...this.params }, fitted: this.fitted };
  }

  static fromJSON(a: ModelArtifact): LinearSVC {
    if (a.kind !== LinearSVC.kind) throw invalidInput(`expected a ${LinearSVC.kind} artifact, got ${a.kind}`);
    const m = new LinearSVC(a.params as LinearSvcParams);
    m.state = a.fitted as LinearSvcFitted;
    return m;
  }
}
