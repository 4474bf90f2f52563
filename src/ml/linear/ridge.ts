import { invalidInput } from '../../core/errors.js';
import {
  type FitOptions,
  type Labels,
  type ModelArtifact,
  type ParamTable,
  type Regressor,
  requireFitted,
  validateParams,
} from '../estimator.js';
import { dot, gram } from '../linalg/blas.js';
import { choleskyInPlace, choleskySolve } from '../linalg/cholesky.js';
import { isCsr, type Matrix } from '../matrix.js';
import { checkMatrix, checkSampleWeight, checkTargets } from '../validation.js';
import { linearScores } from './linear-predict.js';

export interface RidgeParams {
  /** L2 strength α in ‖y − Xw − b‖² + α‖w‖² (sklearn Ridge). */
  alpha: number;
  fitIntercept: boolean;
  /** 'cholesky': normal equations on the centred Gram matrix (dense only); 'cg': conjugate gradient
   *  with X and Xᵀ products (dense or CSR, never forms XᵀX); 'auto': cholesky for dense with ≤ 2000 columns. */
  solver: 'auto' | 'cholesky' | 'cg';
  tol: number;
  maxIter: number;
}

export interface RidgeFitted {
  cols: number;
  coef: number[];
  intercept: number;
  solver: 'cholesky' | 'cg';
  iterations: number;
  converged: boolean;
}

/** Ridge regression; `alpha: 0` is ordinary least squares (see LinearRegression). */
export class Ridge implements Regressor<RidgeParams, RidgeFitted> {
  static readonly kind: string = 'Ridge';
  static readonly paramTable: ParamTable<RidgeParams> = {
    alpha: { type: 'number', min: 0 },
    fitIntercept: { type: 'boolean' },
    solver: { type: 'enum', values: ['auto', 'cholesky', 'cg'] },
    tol: { type: 'number', min: 0, exclusiveMin: true },
    maxIter: { type: 'number', min: 1, integer: true },
  };
  readonly params: Readonly<RidgeParams>;
  protected state?: RidgeFitted;

  constructor(params: Partial<RidgeParams> = {}) {
    this.params = { alpha: 1, fitIntercept: true, solver: 'auto', tol: 1e-10, maxIter: 10_000, ...params };
  }

  protected get kindName(): string {
    return (this.constructor as typeof Ridge).kind;
  }

  get fitted(): RidgeFitted {
    return requireFitted(this.state, this.kindName);
  }

  fit(X: Matrix, y: Labels, o: FitOptions & { sampleWeight?: ArrayLike<number> } = {}): this {
    const kind = this.kindName;
    validateParams(
      kind,
      this.params,
      (this.constructor as typeof Ridge).paramTable as ParamTable<RidgeParams>,
    );
    checkMatrix(X, { kind });
    const t = checkTargets(y, X.rows, kind);
    const sw = checkSampleWeight(o.sampleWeight, X.rows, kind);
    let solver = this.params.solver;
    if (solver === 'auto') solver = !isCsr(X) && X.cols <= 2000 ? 'cholesky' : 'cg';
    if (solver === 'cholesky' && isCsr(X))
      throw invalidInput(`${kind}: solver 'cholesky' needs dense X; use 'cg'`);
    const res = solver === 'cholesky' ? this.solveCholesky(X, t, sw) : this.solveCg(X, t, sw);
    this.state = { cols: X.cols, solver, ...res };
    return this;
  }

  /** Weighted centring, then (X̃ᵀWX̃ + αI) w = X̃ᵀW ỹ by Cholesky; b = ȳ − x̄·w. */
  private solveCholesky(
    X: Matrix,
    y: Float64Array,
    sw: Float64Array | undefined,
  ): Omit<RidgeFitted, 'cols' | 'solver'> {
    const n = X.rows;
    const p = X.cols;
    const data = X.data;
    const xm = new Float64Array(p);
    let ym = 0;
    let wsum = 0;
    if (this.params.fitIntercept) {
      for (let i = 0; i < n; i++) {
        const wi = sw ? sw[i] : 1;
        wsum += wi;
        ym += wi * y[i];
        for (let j = 0; j < p; j++) xm[j] += wi * data[i * p + j];
      }
      if (wsum === 0) throw invalidInput(`${this.kindName}: sampleWeight sums to 0`);
      ym /= wsum;
      for (let j = 0; j < p; j++) xm[j] /= wsum;
    }
    // Scaled, centred copy: row i multiplied by √wᵢ.
    const Z = new Float64Array(n * p);
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = sw ? Math.sqrt(sw[i]) : 1;
      for (let j = 0; j < p; j++) Z[i * p + j] = s * (data[i * p + j] - xm[j]);
      r[i] = s * (y[i] - ym);
    }
    const G = new Float64Array(p * p);
    gram(n, p, Z, G);
    let alpha = this.params.alpha;
    if (alpha === 0) {
      // Least squares: a vanishing ridge keeps a rank-deficient Gram matrix factorable.
      let tr = 0;
      for (let j = 0; j < p; j++) tr += G[j * p + j];
      alpha = 1e-12 * Math.max(tr / p, 1e-300);
    }
    for (let j = 0; j < p; j++) G[j * p + j] += alpha;
    const rhs = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      const ri = r[i];
      if (ri !== 0) for (let j = 0; j < p; j++) rhs[j] += ri * Z[i * p + j];
    }
    choleskyInPlace(G, p);
    choleskySolve(G, p, rhs);
    return {
      coef: Array.from(rhs),
      intercept: this.params.fitIntercept ? ym - dot(p, xm, 0, rhs, 0) : 0,
      iterations: 1,
      converged: true,
    };
  }

  /**
   * Conjugate gradient on the normal equations of [w; b] (Hestenes & Stiefel 1952), the intercept
   * unpenalised, using only products with X and Xᵀ: suits CSR input with millions of columns.
   */
  private solveCg(
    X: Matrix,
    y: Float64Array,
    sw: Float64Array | undefined,
  ): Omit<RidgeFitted, 'cols' | 'solver'> {
    const n = X.rows;
    const p = X.cols;
    const fi = this.params.fitIntercept;
    const m = p + (fi ? 1 : 0);
    const alpha = this.params.alpha;
    const tmp = new Float64Array(n);
    // out = (XᵀWX + αI) v (with the intercept column of ones appended when fitted).
    const apply = (v: Float64Array, out: Float64Array): void => {
      const s = linearScores(X, v, [fi ? v[p] : 0], 1);
      for (let i = 0; i < n; i++) tmp[i] = s[i] * (sw ? sw[i] : 1);
      xtv(X, tmp, out, fi);
      for (let j = 0; j < p; j++) out[j] += alpha * v[j];
    };
    const b = new Float64Array(m);
    for (let i = 0; i < n; i++) tmp[i] = y[i] * (sw ? sw[i] : 1);
    xtv(X, tmp, b, fi);
    const x = new Float64Array(m);
    const r = Float64Array.from(b);
    const d = Float64Array.from(r);
    const Ad = new Float64Array(m);
    let rr = dot(m, r, 0, r, 0);
    const stop = this.params.tol * this.params.tol * Math.max(rr, 1e-300);
    let it = 0;
    for (; it < this.params.maxIter && rr > stop; it++) {
      apply(d, Ad);
      const step = rr / dot(m, d, 0, Ad, 0);
      for (let j = 0; j < m; j++) {
        x[j] += step * d[j];
        r[j] -= step * Ad[j];
      }
      const rrNew = dot(m, r, 0, r, 0);
      const beta = rrNew / rr;
      rr = rrNew;
      for (let j = 0; j < m; j++) d[j] = r[j] + beta * d[j];
    }
    return {
      coef: Array.from(x.subarray(0, p)),
      intercept: fi ? x[p] : 0,
      iterations: it,
      converged: rr <= stop,
    };
  }

  predict(X: Matrix): Float64Array {
    const f = this.fitted;
    checkMatrix(X, { kind: this.kindName, cols: f.cols });
    return linearScores(X, f.coef, [f.intercept], 1);
  }

  toJSON(): ModelArtifact<RidgeParams, RidgeFitted> {
    return { kind: this.kindName, version: 1, params: { ...this.params }, fitted: this.fitted };
  }

  static fromJSON(a: ModelArtifact): Ridge {
    const m = new Ridge(a.params as RidgeParams);
    m.state = a.fitted as RidgeFitted;
    return m;
  }
}

/** out = Xᵀ v (plus Σ v as the last entry when `withOnes`). */
function xtv(X: Matrix, v: Float64Array, out: Float64Array, withOnes: boolean): void {
  const p = X.cols;
  out.fill(0);
  let s = 0;
  for (let i = 0; i < X.rows; i++) {
    const vi = v[i];
    s += vi;
    if (vi === 0) continue;
    if (isCsr(X)) for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) out[X.indices[k]] += vi * X.data[k];
    else for (let j = 0, o = i * p; j < p; j++) out[j] += vi * X.data[o + j];
  }
  if (withOnes) out[p] = s;
}

export interface LinearRegressionParams {
  fitIntercept: boolean;
}

/** Ordinary least squares (sklearn LinearRegression): Ridge with α = 0. */
export class LinearRegression extends Ridge {
  static override readonly kind = 'LinearRegression';
  static override readonly paramTable = Ridge.paramTable;

  constructor(params: Partial<LinearRegressionParams & RidgeParams> = {}) {
    super({ ...params, alpha: 0 });
  }

  static override fromJSON(a: ModelArtifact): LinearRegression {
    const m = new LinearRegression(a.params as RidgeParams);
    m.state = a.fitted as RidgeFitted;
    return m;
  }
}
