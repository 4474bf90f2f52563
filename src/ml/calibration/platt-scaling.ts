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
import type { Matrix } from '../matrix.js';
import { checkSampleWeight, checkTargets } from '../validation.js';
import { scoreColumn } from './score-column.js';

export interface PlattScalingParams {
  maxIter: number;
}
export interface PlattScalingFitted {
  /** P(y = 1 | s) = 1 / (1 + exp(a·s + b)). */
  a: number;
  b: number;
  iterations: number;
  converged: boolean;
}

/**
 * Platt scaling (Platt 1999) with the regularised targets and the Newton method with backtracking of
 * Lin, Lin & Weng (2007), as sklearn's CalibratedClassifierCV(method='sigmoid'). Input: one column of
 * scores, labels 0/1. `predict` returns calibrated probabilities.
 */
export class PlattScaling implements Regressor<PlattScalingParams, PlattScalingFitted> {
  static readonly kind = 'PlattScaling';
  static readonly paramTable: ParamTable<PlattScalingParams> = {
    maxIter: { type: 'number', min: 1, integer: true },
  };
  readonly params: Readonly<PlattScalingParams>;
  private state?: PlattScalingFitted;

  constructor(params: Partial<PlattScalingParams> = {}) {
    this.params = { maxIter: 100, ...params };
  }

  get fitted(): PlattScalingFitted {
    return requireFitted(this.state, PlattScaling.kind);
  }

  fit(X: Matrix, y: Labels, o: FitOptions & { sampleWeight?: ArrayLike<number> } = {}): this {
    const kind = PlattScaling.kind;
    validateParams(kind, this.params, PlattScaling.paramTable);
    const s = scoreColumn(X, kind);
    const t = checkTargets(y, X.rows, kind);
    const w = checkSampleWeight(o.sampleWeight, X.rows, kind);
    let nPos = 0;
    let nNeg = 0;
    for (let i = 0; i < t.length; i++) {
      if (t[i] !== 0 && t[i] !== 1) throw invalidInput(`${kind}: y row ${i}: value ${t[i]} is not 0 or 1`);
      if (t[i] === 1) nPos += w ? w[i] : 1;
      else nNeg += w ? w[i] : 1;
    }
    const hi = (nPos + 1) / (nPos + 2);
    const lo = 1 / (nNeg + 2);
    const target = Float64Array.from(t, (v) => (v === 1 ? hi : lo));
    // Lin, Lin & Weng 2007, alg. 1.
    const minStep = 1e-10;
    const sigma = 1e-12;
    const eps = 1e-5;
    let a = 0;
    let b = Math.log((nNeg + 1) / (nPos + 1));
    const fval = (A: number, B: number): number => {
      let f = 0;
      for (let i = 0; i < s.length; i++) {
        const fApB = s[i] * A + B;
        const wi = w ? w[i] : 1;
        f +=
          wi *
          (fApB >= 0
            ? target[i] * fApB + Math.log1p(Math.exp(-fApB))
            : (target[i] - 1) * fApB + Math.log1p(Math.exp(fApB)));
      }
      return f;
    };
    let f = fval(a, b);
    let it = 0;
    let converged = false;
    for (; it < this.params.maxIter; it++) {
      let h11 = sigma;
      let h22 = sigma;
      let h21 = 0;
      let g1 = 0;
      let g2 = 0;
      for (let i = 0; i < s.length; i++) {
        const fApB = s[i] * a + b;
        let p: number;
        let q: number;
        if (fApB >= 0) {
          const e = Math.exp(-fApB);
          p = e / (1 + e);
          q = 1 / (1 + e);
        } else {
          const e = Math.exp(fApB);
          p = 1 / (1 + e);
          q = e / (1 + e);
        }
        const wi = w ? w[i] : 1;
        const d2 = wi * p * q;
        h11 += s[i] * s[i] * d2;
        h22 += d2;
        h21 += s[i] * d2;
        const d1 = wi * (target[i] - p);
        g1 += s[i] * d1;
        g2 += d1;
      }
      if (Math.abs(g1) < eps && Math.abs(g2) < eps) {
        converged = true;
        break;
      }
      const det = h11 * h22 - h21 * h21;
      const dA = -(h22 * g1 - h21 * g2) / det;
      const dB = -(-h21 * g1 + h11 * g2) / det;
      const gd = g1 * dA + g2 * dB;
      let step = 1;
      while (step >= minStep) {
        const na = a + step * dA;
        const nb = b + step * dB;
        const nf = fval(na, nb);
        if (nf < f + 1e-4 * step * gd) {
          a = na;
          b = nb;
          f = nf;
          break;
        }
        step /= 2;
      }
      if (step < minStep) break; // line search failed: report non-convergence
    }
    this.state = { a, b, iterations: it, converged };
    return this;
  }

  predict(X: Matrix): Float64Array {
    const f = this.fitted;
    const s = scoreColumn(X, PlattScaling.kind);
    return Float64Array.from(s, (v) => {
      const z = f.a * v + f.b;
      return z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
    });
  }

  /** Calibrate a plain array of scores. */
  calibrate(scores: ArrayLike<number>): Float64Array {
    return this.predict({ rows: scores.length, cols: 1, data: Float64Array.from(scores) });
  }

  toJSON(): ModelArtifact<PlattScalingParams, PlattScalingFitted> {
    return { kind: PlattScaling.kind, version: 1, params: { ...this.params }, fitted: this.fitted };
  }

  static fromJSON(a: ModelArtifact): PlattScaling {
    const m = new PlattScaling(a.params as PlattScalingParams);
    m.state = a.fitted as PlattScalingFitted;
    return m;
  }
}
