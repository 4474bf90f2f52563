import { invalidInput } from '../../core/errors.js';
import { type ModelArtifact, type ParamTable, requireFitted, validateParams } from '../estimator.js';
import type { Dense } from '../matrix.js';
import {
  type CategoricalRows,
  categoryKey,
  checkCategoricalRows,
  learnCategories,
} from './one-hot-encoder.js';

export interface OrdinalEncoderParams {
  /** 'error': an unseen category is INVALID_INPUT naming row and column; 'use_encoded_value': `unknownValue`. */
  handleUnknown: 'error' | 'use_encoded_value';
  /** Code for unseen categories (sklearn's unknown_value); NaN lets a missing-aware model treat it as missing. */
  unknownValue: number;
}
export interface OrdinalEncoderFitted {
  cols: number;
  categories: string[][];
}

/** Each category → its index among the column's sorted categories (sklearn OrdinalEncoder). */
export class OrdinalEncoder {
  static readonly kind = 'OrdinalEncoder';
  static readonly paramTable: ParamTable<OrdinalEncoderParams> = {
    handleUnknown: { type: 'enum', values: ['error', 'use_encoded_value'] },
    unknownValue: { type: 'any' },
  };
  readonly params: Readonly<OrdinalEncoderParams>;
  private state?: OrdinalEncoderFitted;

  constructor(params: Partial<OrdinalEncoderParams> = {}) {
    this.params = { handleUnknown: 'use_encoded_value', unknownValue: -1, ...params };
  }

  get fitted(): OrdinalEncoderFitted {
    return requireFitted(this.state, OrdinalEncoder.kind);
  }

  fit(X: CategoricalRows): this {
    validateParams(OrdinalEncoder.kind, this.params, OrdinalEncoder.paramTable);
    if (typeof this.params.unknownValue !== 'number')
      throw invalidInput(`OrdinalEncoder: parameter 'unknownValue' must be a number`);
    this.state = learnCategories(X, OrdinalEncoder.kind);
    return this;
  }

  transform(X: CategoricalRows): Dense {
    const f = this.fitted;
    checkCategoricalRows(X, f.cols, OrdinalEncoder.kind);
    const lookups = f.categories.map((cats) => new Map(cats.map((c, i) => [c, i])));
    const data = new Float64Array(X.length * f.cols);
    for (let r = 0; r < X.length; r++) {
      for (let c = 0; c < f.cols; c++) {
        const k = lookups[c].get(categoryKey(X[r][c]));
        if (k === undefined && this.params.handleUnknown === 'error')
          throw invalidInput(`OrdinalEncoder: X row ${r}, column ${c}: unseen category '${String(X[r][c])}'`);
        data[r * f.cols + c] = k ?? this.params.unknownValue;
      }
    }
    return { rows: X.length, cols: f.cols, data };
  }

  toJSON(): ModelArtifact<OrdinalEncoderParams, OrdinalEncoderFitted> {
    // NaN is not JSON: store it as null and restore on load.
    const unknownValue = Number.isNaN(this.params.unknownValue) ? null : this.params.unknownValue;
    return {
      kind: OrdinalEncoder.kind,
      version: 1,
      params: { ...this.params, unknownValue: unknownValue as number },
      fitted: this.fitted,
    };
  }

  static fromJSON(a: ModelArtifact): OrdinalEncoder {
    const p = a.params as OrdinalEncoderParams;
    const m = new OrdinalEncoder({ ...p, unknownValue: p.unknownValue ?? Number.NaN });
    m.state = a.fitted as OrdinalEncoderFitted;
    return m;
  }
}
