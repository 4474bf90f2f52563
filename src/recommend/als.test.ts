import { describe, expect, it } from 'vitest';
import { csrFromCoo } from '../ml/matrix.js';
import { Rng } from '../ml/random.js';
import { alsConjugateGradientStep, alsExactStep } from './als.js';

describe('implicit ALS conjugate-gradient kernel', () => {
  it('converges to the exact least-squares solve of the slow reference', () => {
    const rng = new Rng(5);
    const m = 12;
    const n = 15;
    const f = 4;
    const r: number[] = [];
    const c: number[] = [];
    const v: number[] = [];
    for (let u = 0; u < m; u++)
      for (let i = 0; i < n; i++)
        if (rng.next() < 0.3) {
          r.push(u);
          c.push(i);
          v.push(1 + rng.int(3));
        }
    const R = csrFromCoo(m, n, r, c, v);
    const Y = Float64Array.from({ length: n * f }, () => rng.normal() * 0.3);
    const exact = new Float64Array(m * f);
    alsExactStep(R, exact, Y, f, 0.1, 2);
    const cg = new Float64Array(m * f);
    alsConjugateGradientStep(R, cg, Y, f, 0.1, 2, f + 2);
    for (let k = 0; k < m * f; k++) expect(cg[k]).toBeCloseTo(exact[k], 8);
    // per-row penalties (frequency-scaled regularisation) agree too
    const rowReg = Float64Array.from({ length: m }, (_, u) => 0.1 + u * 0.05);
    const exactScaled = new Float64Array(m * f);
    alsExactStep(R, exactScaled, Y, f, 0.1, 2, rowReg);
    const cgScaled = new Float64Array(m * f);
    alsConjugateGradientStep(R, cgScaled, Y, f, 0.1, 2, f + 2, rowReg);
    for (let k = 0; k < m * f; k++) expect(cgScaled[k]).toBeCloseTo(exactScaled[k], 8);
    expect(exactScaled[m * f - 1]).not.toBeCloseTo(exact[m * f - 1], 6);
    // fewer steps are a partial solve that improves with every step
    const errAfter = (steps: number): number => {
      const x = new Float64Array(m * f);
      alsConjugateGradientStep(R, x, Y, f, 0.1, 2, steps);
      let e = 0;
      for (let k = 0; k < m * f; k++) e += (x[k] - exact[k]) ** 2;
      return e;
    };
    expect(errAfter(2)).toBeLessThan(errAfter(1));
    expect(errAfter(3)).toBeLessThan(errAfter(2));
  });
});
