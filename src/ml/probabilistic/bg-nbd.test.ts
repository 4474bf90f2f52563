import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { BgNbd, GammaGamma, hyp2f1, logGamma } from './bg-nbd.js';

/** Marsaglia & Tsang (2000) Gamma(shape, rate) sampler; shape < 1 through the u^(1/shape) boost. */
function gamma(rng: Rng, shape: number, rate: number): number {
  if (shape < 1) return gamma(rng, shape + 1, rate) * rng.next() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = rng.normal();
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    if (Math.log(rng.next()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

/** Customers drawn from the BG/NBD story itself, observed for T days after their first purchase. */
function simulate(n: number, p: { r: number; alpha: number; a: number; b: number }, seed: number) {
  const rng = new Rng(seed);
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  for (let i = 0; i < n; i++) {
    const lambda = gamma(rng, p.r, p.alpha);
    const g1 = gamma(rng, p.a, 1);
    const death = g1 / (g1 + gamma(rng, p.b, 1));
    const horizon = 100 + 265 * rng.next();
    let t = 0;
    let k = 0;
    let last = 0;
    // Alive at the first purchase (time 0); may drop out right after each repeat purchase.
    for (;;) {
      t += -Math.log(1 - rng.next()) / lambda;
      if (t > horizon) break;
      k++;
      last = t;
      if (rng.next() < death) break;
    }
    x.push(k);
    tx.push(last);
    T.push(horizon);
  }
  return { x, tx, T };
}

describe('BG/NBD and Gamma-Gamma', () => {
  it('special functions match known values', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 10);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 10);
    // ₂F₁(1, 1; 2; z) = −ln(1 − z) / z
    expect(hyp2f1(1, 1, 2, 0.5)).toBeCloseTo(-Math.log(0.5) / 0.5, 10);
  });

  it('recovers the parameters it simulated from and predicts more purchases for frequent, recent buyers', () => {
    const truth = { r: 0.5, alpha: 20, a: 0.8, b: 3 };
    const d = simulate(3000, truth, 42);
    const m = new BgNbd().fit(d);
    const f = m.fitted;
    expect(f.r).toBeGreaterThan(0.35);
    expect(f.r).toBeLessThan(0.7);
    expect(f.alpha / f.r).toBeGreaterThan((0.6 * truth.alpha) / truth.r);
    expect(f.alpha / f.r).toBeLessThan((1.6 * truth.alpha) / truth.r);
    expect(f.logLikelihood).toBeGreaterThanOrEqual(BgNbd.logLikelihood(truth, d) - 1e-6);
    const e = m.expectedPurchases(90, { x: [0, 10, 10], tx: [0, 360, 100], T: [365, 365, 365] });
    expect(e[1]).toBeGreaterThan(e[2]);
    expect(e[2]).toBeGreaterThan(0);
    const again = BgNbd.fromJSON(m.toJSON()).expectedPurchases(90, { x: [3], tx: [50], T: [200] });
    expect(again[0]).toBe(m.expectedPurchases(90, { x: [3], tx: [50], T: [200] })[0]);
  });

  it('Gamma-Gamma shrinks a customer mean toward the population mean, less with more purchases', () => {
    const rng = new Rng(7);
    const x: number[] = [];
    const mean: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const nu = gamma(rng, 4, 100);
      const k = 1 + Math.floor(rng.next() * 6);
      let s = 0;
      for (let j = 0; j < k; j++) s += gamma(rng, 6, nu);
      x.push(k);
      mean.push(s / k);
    }
    const gg = new GammaGamma().fit(x, mean);
    const [few, many, none] = gg.expectedSpend([1, 20, 0], [500, 500, 0]);
    const pop = none;
    expect(pop).toBeGreaterThan(100);
    expect(pop).toBeLessThan(300);
    expect(Math.abs(many - 500)).toBeLessThan(Math.abs(few - 500));
  });
});
