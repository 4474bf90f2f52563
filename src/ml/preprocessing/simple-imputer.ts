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

export interface SimpleImputerParams {
  strategy: 'mean' | 'median' | 'most_frequent' | 'constant';
  /** Used by 'constant', and for columns that are entirely missing at fit time. */
  fillValue: number;
}
export interface SimpleImputerFitted {
  cols: number;
  statistics: number[];
}

/**
 * Replace NaN ("missing") per column by a statistic learned at fit (sklearn SimpleImputer). Unlike
 * sklearn, an all-missing column is kept and filled with `fillValue` so column positions never shift.
 * ±Infinity is still rejected: only NaN means missing.
 */
export class SimpleImputer implements Transformer<SimpleImputerParams, SimpleImputerFitted> {
  static readonly kind = 'SimpleImputer';
  static readonly handlesMissing = true;
  static readonly paramTable: ParamTable<SimpleImputerParams> = {
    strategy: { type: 'enum', values: ['mean', 'median', 'most_frequent', 'constant'] },
    fillValue: { type: 'number' },
  };
  readonly params: Readonly<SimpleImputerParams>;
  private state?: SimpleImputerFitted;

  constructor(params: Partial<SimpleImputerParams> = {}) {
    this.params = { strategy: 'mean', fillValue: 0, ...params };
  }

  get fitted(): SimpleImputerFitted {
    return requireFitted(this.state, SimpleImputer.kind);
  }

  fit(X: Matrix, _y?: Labels, _o?: FitOptions): this {
    validateParams(SimpleImputer.kind, this.params, SimpleImputer.paramTable);
    checkMatrix(X, { kind: SimpleImputer.kind, allowMissing: true });
    rejectInfinite(X);
    const { strategy, fillValue } = this.params;
    const p = X.cols;
    let statistics: number[];
    if (strategy === 'constant') statistics = new Array(p).fill(fillValue);
    else if (strategy === 'mean') {
      const { mean, count } = columnStats(X);
      statistics = Array.from(mean, (m, j) => (count[j] > 0 ? m : fillValue));
    } else {
      const data = isCsr(X) ? csrToDenseF64(X) : X.data;
      statistics = [];
      const col: number[] = [];
      for (let j = 0; j < p; j++) {
        col.length = 0;
        for (let i = j; i < data.length; i += p) if (!Number.isNaN(data[i])) col.push(data[i]);
        col.sort((a, b) => a - b);
        if (col.length === 0) statistics.push(fillValue);
        else if (strategy === 'median') {
          const h = col.length >> 1;
          statistics.push(col.length % 2 ? col[h] : (col[h - 1] + col[h]) / 2);
        } else {
          // Most frequent; ties go to the smallest value (as sklearn).
          let best = col[0];
          let bestRun = 0;
          for (let i = 0; i < col.length; ) {
            let k = i;
            while (k < col.length && col[k] === col[i]) k++;
            if (k - i > bestRun) {
              bestRun = k - i;
              best = col[i];
            }
            i = k;
          }
          statistics.push(best);
        }
      }
    }
    this.state = { cols: p, statistics };
    return this;
  }

  transform(X: Matrix): Dense {
    const f = this.fitted;
    checkMatrix(X, { kind: SimpleImputer.kind, cols: f.cols, allowMissing: true });
    rejectInfinite(X);
    const out = isCsr(X) ? csrToDenseF64(X) : Float64Array.from(X.data);
    for (let i = 0; i < out.length; i += f.cols)
      for (let j = 0; j < f.cols; j++) if (Number.isNaN(out[i + j])) out[i + j] = f.statistics[j];
    return { rows: X.rows, cols: f.cols, data: out };
  }

  toJSON(): ModelArtifact<SimpleImputerParams, SimpleImputerFitted> {
    return { kind: SimpleImputer.kind, version: 1, params: { ...this.params }, fitted: this.fitted };
  }

  static fromJSON(a: ModelArtifact): SimpleImputer {
    const m = new SimpleImputer(a.params as SimpleImputerParams);
    m.state = a.fitted as SimpleImputerFitted;
    return m;
  }
}

function rejectInfinite(X: Matrix): void {
  const cols = X.cols;
  for (let i = 0; i < X.data.length; i++) {
    const v = X.data[i];
    if (v !== Number.POSITIVE_INFINITY && v !== Number.NEGATIVE_INFINITY) continue;
    if (isCsr(X)) {
      let r = 0;
      while (X.indptr[r + 1] <= i) r++;
      throw invalidInput(`SimpleImputer: X row ${r}, column ${X.indices[i]}: value ${v} is not finite`);
    }
    throw invalidInput(
      `SimpleImputer: X row ${Math.floor(i / cols)}, column ${i % cols}: value ${v} is not finite`,
    );
  }
}
