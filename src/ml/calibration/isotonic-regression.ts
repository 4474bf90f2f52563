import {
  type FitOptions,
  type Labels,
  type ModelArtifact,
  type ParamTable,
  type Regressor,
  requireFitted,
  validateParams,
} from '../estimator.js';
import type { Matrix } from '../matrix.js';
import { checkSampleWeight, checkTargets } from '../validation.js';
import { scoreColumn } from './score-column.js';

export interface IsotonicRegressionParams {
  increasing: boolean;
}
export interface IsotonicRegressionFitted {
  /** Breakpoints (ascending x) and fitted values; prediction interpolates linearly and clips outside. */
  x: number[];
  y: number[];
}

/**
 * Isotonic regression by pool-adjacent-violators (Ayer et al. 1955; Barlow et al. 1972), as sklearn
 * IsotonicRegression(out_of_bounds='clip'): tied x are first merged to their weighted mean, predictions
 * interpolate linearly between breakpoints. Used to calibrate scores (isotonic calibration).
 */
export class IsotonicRegression implements Regressor<IsotonicRegressionParams, IsotonicRegressionFitted> {
  static readonly kind = 'IsotonicRegression';
  static readonly paramTable: ParamTable<IsotonicRegressionParams> = { increasing: { type: 'boolean' } };
  readonly params: Readonly<IsotonicRegressionParams>;
  private state?: IsotonicRegressionFitted;

  constructor(params: Partial<IsotonicRegressionParams> = {}) {
    this.params = { increasing: true, ...params };
  }

  get fitted(): IsotonicRegressionFitted {
    return requireFitted(this.state, IsotonicRegression.kind);
  }

  fit(X: Matrix, y: Labels, o: FitOptions & { sampleWeight?: ArrayLike<number> } = {}): this {
    const kind = IsotonicRegression.kind;
    validateParams(kind, this.params, IsotonicRegression.paramTable);
    const xs = scoreColumn(X, kind);
    const ys = checkTargets(y, X.rows, kind);
    const ws = checkSampleWeight(o.sampleWeight, X.rows, kind);
    const order = Int32Array.from({ length: xs.length }, (_, i) => i).sort((a, b) => xs[a] - xs[b] || a - b);
    // Merge ties in x (sklearn's _make_unique).
    const ux: number[] = [];
    const uy: number[] = [];
    const uw: number[] = [];
    for (let k = 0; k < order.length; ) {
      const x0 = xs[order[k]];
      let sw = 0;
      let sy = 0;
      while (k < order.length && xs[order[k]] === x0) {
        const wi = ws ? ws[order[k]] : 1;
        sw += wi;
        sy += wi * ys[order[k]];
        k++;
      }
      if (sw === 0) continue;
      ux.push(x0);
      uy.push(sy / sw);
      uw.push(sw);
    }
    const sign = this.params.increasing ? 1 : -1;
    const fitted = pav(
      uy.map((v) => sign * v),
      uw,
    ).map((v) => sign * v);
    // Keep only breakpoints where the fitted value changes (plus the ends), as sklearn does.
    const bx: number[] = [];
    const by: number[] = [];
    for (let i = 0; i < ux.length; i++) {
      const keep =
        i === 0 || i === ux.length - 1 || fitted[i] !== fitted[i - 1] || fitted[i] !== fitted[i + 1];
      if (keep) {
        bx.push(ux[i]);
        by.push(fitted[i]);
      }
    }
    this.state = { x: bx, y: by };
    return this;
  }

  predict(X: Matrix): Float64Array {
    const f = this.fitted;
    const s = scoreColumn(X, IsotonicRegression.kind);
    const { x, y } = f;
    const n = x.length;
    return Float64Array.from(s, (v) => {
      if (n === 1 || v <= x[0]) return y[0];
      if (v >= x[n - 1]) return y[n - 1];
      let lo = 0;
      let hi = n - 1;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (x[mid] <= v) lo = mid;
        else hi = mid;
      }
      return y[lo] + ((y[hi] - y[lo]) * (v - x[lo])) / (x[hi] - x[lo]);
    });
  }

  calibrate(scores: ArrayLike<number>): Float64Array {
    return this.predict({ rows: scores.length, cols: 1, data: Float64Array.from(scores) });
  }

  toJSON(): ModelArtifact<IsotonicRegressionParams, IsotonicRegressionFitted> {
    return { kind: IsotonicRegression.kind, version: 1, params: { ...this.params }, fitted: this.fitted };
  }

  static fromJSON(a: ModelArtifact): IsotonicRegression {
    const m = new IsotonicRegression(a.params as IsotonicRegressionParams);
    m.state = a.fitted as IsotonicRegressionFitted;
    return m;
  }
}

/** Weighted pool-adjacent-violators for a non-decreasing fit; O(n) with a block stack. */
export function pav(y: readonly number[], w: readonly number[]): number[] {
  const n = y.length;
  const val: number[] = [];
  const wt: number[] = [];
  const len: number[] = [];
  for (let i = 0; i < n; i++) {
    val.push(y[i]);
    wt.push(w[i]);
    len.push(1);
    while (val.length > 1 && val[val.length - 2] > val[val.length - 1]) {
      const w2 = wt.pop()!;
      const v2 = val.pop()!;
      const l2 = len.pop()!;
      const k = val.length - 1;
      const ws = wt[k] + w2;
      val[k] = (val[k] * wt[k] + v2 * w2) / ws;
      wt[k] = ws;
      len[k] += l2;
    }
  }
  const out: number[] = [];
  for (let b = 0; b < val.length; b++) for (let j = 0; j < len[b]; j++) out.push(val[b]);
  return out;
}
