import { invalidInput } from '../../core/errors.js';
import { requireFitted } from '../estimator.js';
import { minimizeLbfgs } from '../optim/lbfgs.js';

/** Lanczos approximation (g = 7, n = 9) of ln Γ(x) for x > 0 (Numerical Recipes, 3rd ed., §6.1). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Gauss hypergeometric ₂F₁(a, b; c; z) by its series, for 0 ≤ z < 1. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 10_000; k++) {
    term *= (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    sum += term;
    if (Math.abs(term) < 1e-12 * Math.abs(sum)) break;
  }
  return sum;
}

/** Per-customer summary in one time unit (days): repeat purchases x, time of the last one tx, age T. */
export interface RfmSummary {
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  T: ArrayLike<number>;
}

export interface BgNbdFitted {
  r: number;
  alpha: number;
  a: number;
  b: number;
  logLikelihood: number;
  converged: boolean;
}

// Positivity through a log parametrisation, and a box on the logs so the optimiser cannot wander off.
const LOG_BOUND = 12;
const clampLog = (v: number) => Math.max(-LOG_BOUND, Math.min(LOG_BOUND, v));

/**
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): purchases are Poisson(λ)
 * while alive, λ ~ Gamma(r, α); after each purchase the customer dies with probability p ~ Beta(a, b).
 * Fitted by maximum likelihood (eq. 6) with L-BFGS on log-parameters clamped to ±12.
 */
export class BgNbd {
  static readonly kind = 'BgNbd';
  private state?: BgNbdFitted;

  get fitted(): BgNbdFitted {
    return requireFitted(this.state, BgNbd.kind);
  }

  /** Σ log-likelihood (FHL 2005, eq. 6). */
  static logLikelihood(p: { r: number; alpha: number; a: number; b: number }, d: RfmSummary): number {
    const { r, alpha, a, b } = p;
    const base = logGamma(a + b) - logGamma(b) + r * Math.log(alpha) - logGamma(r);
    let ll = 0;
    for (let i = 0; i < d.x.length; i++) {
      const x = d.x[i];
      const a1 = logGamma(r + x) + base + logGamma(b + x) - logGamma(a + b + x);
      const a3 = -(r + x) * Math.log(alpha + d.T[i]);
      if (x > 0) {
        const a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + d.tx[i]);
        const m = Math.max(a3, a4);
        ll += a1 + m + Math.log(Math.exp(a3 - m) + Math.exp(a4 - m));
      } else ll += a1 + a3;
    }
    return ll;
  }

  fit(d: RfmSummary): this {
    const n = d.x.length;
    if (n === 0 || d.tx.length !== n || d.T.length !== n)
      throw invalidInput('BgNbd: x, tx and T must have the same non-zero length');
    for (let i = 0; i < n; i++) {
      if (!(d.x[i] >= 0 && d.tx[i] >= 0 && d.T[i] >= d.tx[i])) {
        throw invalidInput(
          `BgNbd: row ${i}: need x ≥ 0 and 0 ≤ tx ≤ T; got x=${d.x[i]}, tx=${d.tx[i]}, T=${d.T[i]}`,
        );
      }
    }
    const unpack = (v: Float64Array) => ({
      r: Math.exp(clampLog(v[0])),
      alpha: Math.exp(clampLog(v[1])),
      a: Math.exp(clampLog(v[2])),
      b: Math.exp(clampLog(v[3])),
    });
    const f = (v: Float64Array) => -BgNbd.logLikelihood(unpack(v), d) / n;
    // Central differences: four parameters, so the gradient costs eight likelihood passes.
    const fg = (v: Float64Array, g: Float64Array): number => {
      const h = 1e-5;
      for (let j = 0; j < 4; j++) {
        const up = Float64Array.from(v);
        const dn = Float64Array.from(v);
        up[j] += h;
        dn[j] -= h;
        g[j] = (f(up) - f(dn)) / (2 * h);
      }
      return f(v);
    };
    const res = minimizeLbfgs(fg, Float64Array.of(0, Math.log(10), 0, 0), { maxIter: 200, gtol: 1e-6 });
    const p = unpack(res.x);
    this.state = { ...p, logLikelihood: -res.f * n, converged: res.converged };
    return this;
  }

  /** Expected purchases in the next t time units for each customer (FHL 2005, eq. 10). */
  expectedPurchases(t: number, d: RfmSummary): Float64Array {
    const { r, alpha, a, b } = this.fitted;
    const out = new Float64Array(d.x.length);
    for (let i = 0; i < d.x.length; i++) {
      const x = d.x[i];
      const T = d.T[i];
      const num =
        ((a + b + x - 1) / (a - 1)) *
        (1 -
          ((alpha + T) / (alpha + T + t)) ** (r + x) *
            hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t)));
      const den = 1 + (x > 0 ? (a / (b + x - 1)) * ((alpha + T) / (alpha + d.tx[i])) ** (r + x) : 0);
      out[i] = Math.max(0, num / den);
    }
    return out;
  }

  toJSON() {
    return { kind: BgNbd.kind, version: 1, params: {}, fitted: this.fitted };
  }

  static fromJSON(a: { fitted: BgNbdFitted }): BgNbd {
    const m = new BgNbd();
    m.state = a.fitted;
    return m;
  }
}

export interface GammaGammaFitted {
  p: number;
  q: number;
  gamma: number;
  converged: boolean;
}

/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV", appendix; Colombo & Jiang 1999):
 * a customer's transaction values are Gamma(p, ν), ν ~ Gamma(q, γ). Fitted on customers with repeat
 * purchases (x ≥ 1) and their mean transaction value m.
 */
export class GammaGamma {
  static readonly kind = 'GammaGamma';
  private state?: GammaGammaFitted;

  get fitted(): GammaGammaFitted {
    return requireFitted(this.state, GammaGamma.kind);
  }

  fit(x: ArrayLike<number>, m: ArrayLike<number>): this {
    const rows: number[] = [];
    for (let i = 0; i < x.length; i++) if (x[i] >= 1 && m[i] > 0) rows.push(i);
    if (rows.length < 2)
      throw invalidInput('GammaGamma: needs at least two customers with repeat purchases and positive spend');
    const unpack = (v: Float64Array) => ({
      p: Math.exp(clampLog(v[0])),
      q: Math.exp(clampLog(v[1])),
      g: Math.exp(clampLog(v[2])),
    });
    const f = (v: Float64Array) => {
      const { p, q, g } = unpack(v);
      let ll = 0;
      for (const i of rows) {
        const xi = x[i];
        const mi = m[i];
        ll +=
          logGamma(p * xi + q) -
          logGamma(p * xi) -
          logGamma(q) +
          q * Math.log(g) +
          (p * xi - 1) * Math.log(mi) +
          p * xi * Math.log(xi) -
          (p * xi + q) * Math.log(g + mi * xi);
      }
      return -ll / rows.length;
    };
    const fg = (v: Float64Array, gr: Float64Array): number => {
      const h = 1e-5;
      for (let j = 0; j < 3; j++) {
        const up = Float64Array.from(v);
        const dn = Float64Array.from(v);
        up[j] += h;
        dn[j] -= h;
        gr[j] = (f(up) - f(dn)) / (2 * h);
      }
      return f(v);
    };
    const res = minimizeLbfgs(fg, Float64Array.of(0, 0, 0), { maxIter: 200, gtol: 1e-6 });
    const { p, q, g } = unpack(res.x);
    this.state = { p, q, gamma: g, converged: res.converged };
    return this;
  }

  /** E[mean transaction value | x, m] (FHL 2005, "RFM and CLV", eq. 5); the population mean when x = 0. */
  expectedSpend(x: ArrayLike<number>, m: ArrayLike<number>): Float64Array {
    const { p, q, gamma } = this.fitted;
    const pop = (gamma * p) / (q - 1);
    return Float64Array.from({ length: x.length }, (_, i) => {
      const xi = x[i];
      if (!(xi > 0) || !(m[i] > 0)) return pop;
      const w = (p * xi) / (p * xi + q - 1);
      return (1 - w) * pop + w * m[i];
    });
  }

  toJSON() {
    return { kind: GammaGamma.kind, version: 1, params: {}, fitted: this.fitted };
  }

  static fromJSON(a: { fitted: GammaGammaFitted }): GammaGamma {
    const m = new GammaGamma();
    m.state = a.fitted;
    return m;
  }
}
