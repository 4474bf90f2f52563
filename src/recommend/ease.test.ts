import { describe, expect, it } from 'vitest';
import { csrFromCoo } from '../ml/matrix.js';
import { Rng } from '../ml/random.js';
import { Ease, precisionDirect, precisionWoodbury } from './ease.js';

function randomInteractions(m: number, n: number, seed: number) {
  const rng = new Rng(seed);
  const r: number[] = [];
  const c: number[] = [];
  for (let u = 0; u < m; u++)
    for (let i = 0; i < n; i++)
      if (rng.next() < 0.3) {
        r.push(u);
        c.push(i);
      }
  return csrFromCoo(m, n, r, c);
}

describe('EASE', () => {
  it('Woodbury (users < items) gives the same precision matrix as the direct inverse', () => {
    const X = randomInteractions(8, 20, 1);
    const d = Float64Array.from({ length: 20 }, (_, i) => 2 + (i % 3));
    const a = precisionDirect(X, d);
    const b = precisionWoodbury(X, d);
    for (let k = 0; k < a.length; k++) expect(b[k]).toBeCloseTo(a[k], 10);
  });

  it('matches a hand-computed 2-item model', () => {
    // X = [[1,1],[1,0]]: G = [[2,1],[1,1]], λ = 1 → G+λI = [[3,1],[1,2]], P = 1/5 [[2,-1],[-1,3]]
    // B_01 = -P_01/P_11 = 1/3, B_10 = -P_10/P_00 = 1/2
    const X = csrFromCoo(2, 2, [0, 0, 1], [0, 1, 0]);
    const m = new Ease({ lambda: 1, dropout: 0 }).fit(X);
    expect(Array.from(m.fitted.weights)).toEqual([0, expect.closeTo(1 / 3, 6), expect.closeTo(0.5, 6), 0]);
  });

  it('adds the EDLAE dropout penalty p/(1-p)·G_ii to the diagonal', () => {
    // p = 0.5, λ = 1: G + Λ = [[5,1],[1,3]], P = 1/14 [[3,-1],[-1,5]] → B_01 = 1/5, B_10 = 1/3
    const X = csrFromCoo(2, 2, [0, 0, 1], [0, 1, 0]);
    const m = new Ease({ lambda: 1, dropout: 0.5 }).fit(X);
    expect(Array.from(m.fitted.weights)).toEqual([0, expect.closeTo(1 / 5, 6), expect.closeTo(1 / 3, 6), 0]);
  });
});
