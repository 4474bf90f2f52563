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
import { type Csr, type Dense, isCsr, type Matrix } from '../matrix.js';
import { checkMatrix } from '../validation.js';
import { columnStats } from './column-stats.js';

export interface StandardScalerParams {
  withMean: boolean;
  withStd: boolean;
}
export interface StandardScalerFitted {
  cols: number;
  mean: number[];
  /** Population standard deviation (ddof = 0, as sklearn); 1 for constant columns. */
  scale: number[];
}

/** z = (x − mean) / std per column (sklearn StandardScaler). CSR input requires withMean = false. */
export class StandardScaler implements Transformer<StandardScalerParams, StandardScalerFitted> {
  static readonly kind = 'StandardScaler';
  static readonly paramTable: ParamTable<StandardScalerParams> = {
    withMean: { type: 'boolean' },
    withStd: { type: 'boolean' },
  };
  readonly params: Readonly<StandardScalerParams>;
  private state?: StandardScalerFitted;

  constructor(params: Partial<StandardScalerParams> = {}) {
    this.params = { withMean: true, withStd: true, ...params };
  }

  get fitted(): StandardScalerFitted {
    return requireFitted(this.state, StandardScaler.kind);
  }

  fit(X: Matrix, _y?: Labels, _o?: FitOptions): this {
    validateParams(StandardScaler.kind, this.params, StandardScaler.paramTable);
    checkMatrix(X, { kind: StandardScaler.kind });
    if (isCsr(X) && this.params.withMean)
      throw invalidInput('StandardScaler: centring CSR input would densify it; set withMean: false');
    const { mean, variance } = columnStats(X);
    this.state = {
      cols: X.cols,
      mean: this.params.withMean ? Array.from(mean) : new Array(X.cols).fill(0),
      scale: Array.from(variance, (v) => (this.params.withStd && v > 0 ? Math.sqrt(v) : 1)),
    };
    return this;
  }

  transform(X: Matrix): Dense {
    const f = this.fitted;
    checkMatrix(X, { kind: StandardScaler.kind, cols: f.cols });
    const out = isCsr(X) ? csrToDenseF64(X) : Float64Array.from(X.data);
    const { cols, mean, scale } = f;
    for (let i = 0; i < out.length; i += cols)
      for (let j = 0; j < cols; j++) out[i + j] = (out[i + j] - mean[j]) / scale[j];
    return { rows: X.rows, cols, data: out };
  }

  /** Scale CSR input without densifying (withMean must be false). */
  transformSparse(X: Csr): Csr {
    const f = this.fitted;
    checkMatrix(X, { kind: StandardScaler.kind, cols: f.cols });
    if (this.params.withMean) throw invalidInput('StandardScaler: transformSparse needs withMean: false');
    const data = new Float64Array(X.data.length);
    for (let k = 0; k < data.length; k++) data[k] = X.data[k] / f.scale[X.indices[k]];
    return { rows: X.rows, cols: X.cols, indptr: X.indptr, indices: X.indices, data };
  }

  inverseTransform(X: Dense): Dense {
    const f = this.fitted;
    checkMatrix(X, { kind: StandardScaler.kind, cols: f.cols });
    const out = Float64Array.from(X.data);
    for (let i = 0; i < out.length; i += f.cols)
      for (let j = 0; j < f.cols; j++) out[i + j] = out[i + j] * f.scale[j] + f.mean[j];
    return { rows: X.rows, cols: f.cols, data: out };
  }

  toJSON(): ModelArtifact<StandardScalerParams, StandardScalerFitted> {
    return { kind: StandardScaler.kind, version: 1, params: { ...this.params }, fitted: this.fitted };
  }

  static fromJSON(a: ModelArtifact): StandardScaler {
    const m = new StandardScaler(a.params as StandardScalerParams);
    m.state = a.fitted as StandardScalerFitted;
    return m;
  }
}

export function csrToDenseF64(X: Csr): Float64Array {
  const out = new Float64Array(X.rows * X.cols);
  for (let r = 0; r < X.rows; r++)
    for (let k = X.indptr[r]; k < X.indptr[r + 1]; k++) out[r * X.cols + X.indices[k]] += X.data[k];
  return out;
}
