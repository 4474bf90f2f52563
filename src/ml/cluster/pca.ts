import { invalidInput } from '../../core/errors.js';
import {
  type FitOptions,
  type Labels,
  type ModelArtifact,
  type ParamTable,
  requireFitted,
  type Transformer,
  validateParams,
} from '../estimator.js';
import { gram } from '../linalg/blas.js';
import { symmetricEigen } from '../linalg/symmetric-eigen.js';
import { type Dense, isCsr, type Matrix } from '../matrix.js';
import { checkMatrix } from '../validation.js';

export interface PcaParams {
  nComponents: number;
}

export interface PcaFitted {
  cols: number;
  mean: number[];
  /** nComponents × cols, row-major; each row a unit principal axis. */
  components: number[];
  /** Variance along each axis (eigenvalue / (n − 1), as sklearn). */
  explainedVariance: number[];
  explainedVarianceRatio: number[];
}

/**
 * Principal component analysis by eigendecomposition of the covariance matrix (O(n·d² + d³); d is the
 * number of features, small for segment plots). Axis signs: the largest-magnitude loading is positive.
 */
export class PCA implements Transformer<PcaParams, PcaFitted> {
  static readonly kind = 'PCA';
  static readonly paramTable: ParamTable<PcaParams> = {
    nComponents: { type: 'number', min: 1, integer: true },
  };
  readonly params: Readonly<PcaParams>;
  private state?: PcaFitted;

  constructor(params: Partial<PcaParams> = {}) {
    this.params = { nComponents: 2, ...params };
  }

  get fitted(): PcaFitted {
    return requireFitted(this.state, PCA.kind);
  }

  fit(X: Matrix, _y?: Labels, _o?: FitOptions): this {
    validateParams(PCA.kind, this.params, PCA.paramTable);
    checkMatrix(X, { kind: PCA.kind });
    if (isCsr(X)) throw invalidInput(`${PCA.kind}: X must be dense`);
    const n = X.rows;
    const d = X.cols;
    const q = this.params.nComponents;
    if (q > d) throw invalidInput(`${PCA.kind}: nComponents (${q}) exceeds the number of columns (${d})`);
    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) mean[t] += X.data[i * d + t];
    for (let t = 0; t < d; t++) mean[t] /= n;
    const Z = new Float64Array(n * d);
    for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) Z[i * d + t] = X.data[i * d + t] - mean[t];
    const cov = new Float64Array(d * d);
    gram(n, d, Z, cov);
    const denom = Math.max(n - 1, 1);
    for (let j = 0; j < cov.length; j++) cov[j] /= denom;
    const { values, vectors } = symmetricEigen(cov, d);
    let total = 0;
    for (let j = 0; j < d; j++) total += Math.max(values[j], 0);
    const components: number[] = [];
    const explainedVariance: number[] = [];
    for (let c = 0; c < q; c++) {
      for (let t = 0; t < d; t++) components.push(vectors[t * d + c]);
      explainedVariance.push(Math.max(values[c], 0));
    }
    this.state = {
      cols: d,
      mean: Array.from(mean),
      components,
      explainedVariance,
      explainedVarianceRatio: explainedVariance.map((v) => (total > 0 ? v / total : 0)),
    };
    return this;
  }

  transform(X: Matrix): Dense {
    const f = this.fitted;
    checkMatrix(X, { kind: PCA.kind, cols: f.cols });
    if (isCsr(X)) throw invalidInput(`${PCA.kind}: X must be dense`);
    const d = f.cols;
    const q = f.explainedVariance.length;
    const out = new Float64Array(X.rows * q);
    for (let i = 0; i < X.rows; i++)
      for (let c = 0; c < q; c++) {
        let s = 0;
        for (let t = 0; t < d; t++) s += (X.data[i * d + t] - f.mean[t]) * f.components[c * d + t];
        out[i * q + c] = s;
      }
    return { rows: X.rows, cols: q, data: out };
  }

  toJSON(): ModelArtifact<PcaParams, PcaFitted> {
    return { kind: PCA.kind, version: 1, params: { ...this.params }, fitted: this.fitted };
  }

  static fromJSON(a: ModelArtifact): PCA {
    const m = new PCA(a.params as PcaParams);
    m.state = a.fitted as PcaFitted;
    return m;
  }
}
