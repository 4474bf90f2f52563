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
import { type Dense, isCsr, type Matrix } from '../matrix.js';
import { checkMatrix } from '../validation.js';
import { columnStats } from './column-stats.js';
import { csrToDenseF64 } from './standard-scaler.js';

export interface MinMaxScalerParams {
  /** Lower and upper end of the output range. */
  min: number;
  max: number;
  /** Clip transformed values of unseen data to [min, max]. */
  clip: boolean;
}
export interface MinMaxScalerFitted {
  cols: number;
  dataMin: number[];
  /** Multiplier per column; constant columns get 1 (sklearn's _handle_zeros_in_scale). */
  scale: number[];
}

/** x' = (x − dataMin) · (max − min) / (dataMax − dataMin) + min (sklearn MinMaxScaler). */
export class MinMaxScaler implements Transformer<MinMaxScalerParams, MinMaxScalerFitted> {
  static readonly kind = 'MinMaxScaler';
  static readonly paramTable: ParamTable<MinMaxScalerParams> = {
    min: { type: 'number' },
    max: { type: 'number' },
    clip: { type: 'boolean' },
  };
  readonly params: Readonly<MinMaxScalerParams>;
  private state?: MinMaxScalerFitted;

  constructor(params: Partial<MinMaxScalerParams> = {}) {
    this.params = { min: 0, max: 1, clip: false, ...params };
  }

  get fitted(): MinMaxScalerFitted {
    return requireFitted(this.state, MinMaxScaler.kind);
  }

  fit(X: Matrix, _y?: Labels, _o?: FitOptions): this {
    validateParams(MinMaxScaler.kind, this.params, MinMaxScaler.paramTable);
    checkMatrix(X, { kind: MinMaxScaler.kind });
    if (!(this.params.max > this.params.min)) {
      throw invalidInput(
        `MinMaxScaler: parameter 'max' (${this.params.max}) must exceed 'min' (${this.params.min})`,
      );
    }
    const { min, max } = columnStats(X);
    const span = this.params.max - this.params.min;
    this.state = {
      cols: X.cols,
      dataMin: Array.from(min),
      scale: Array.from(min, (lo, j) => span / (max[j] > lo ? max[j] - lo : 1)),
    };
    return this;
  }

  transform(X: Matrix): Dense {
    const f = this.fitted;
    checkMatrix(X, { kind: MinMaxScaler.kind, cols: f.cols });
    const out = isCsr(X) ? csrToDenseF64(X) : Float64Array.from(X.data);
    const { min, max, clip } = this.params;
    for (let i = 0; i < out.length; i += f.cols) {
      for (let j = 0; j < f.cols; j++) {
        let v = (out[i + j] - f.dataMin[j]) * f.scale[j] + min;
        if (clip) v = Math.min(Math.max(v, min), max);
        out[i + j] = v;
      }
    }
    return { rows: X.rows, cols: f.cols, data: out };
  }

  toJSON(): ModelArtifact<MinMaxScalerParams, MinMaxScalerFitted> {
    return { kind: MinMaxScaler.kind, version: 1, params: { ...this.params }, fitted: this.fitted };
  }

  static fromJSON(a: ModelArtifact): MinMaxScaler {
    const m = new MinMaxScaler(a.params as MinMaxScalerParams);
    m.state = a.fitted as MinMaxScalerFitted;
    return m;
  }
}
