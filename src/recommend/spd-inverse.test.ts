import { describe, expect, it } from 'vitest';
import { Rng } from '../ml/random.js';
import { inverseGaussJordan, spdInverseInPlace } from './spd-inverse.js';

describe('spdInverseInPlace', () => {
  it('inverts a hand-computed 2×2', () => {
    // [[4, 2], [2, 3]]⁻¹ = 1/8 [[3, -2], [-2, 4]]
    const a = Float64Array.from([4, 2, 2, 3]);
    spdInverseInPlace(a, 2);
    expect(Array.from(a).map((v) => v * 8)).toEqual([3, -2, -2, 4].map((v) => expect.closeTo(v, 12)));
  });

  it('matches the Gauss–Jordan reference on a random SPD matrix', () => {
    const n = 40;
    const rng = new Rng(7);
    const x = new Float64Array(n * 60);
    for (let i = 0; i < x.length; i++) x[i] = rng.normal();
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < 60; k++) s += x[i * 60 + k] * x[j * 60 + k];
        a[i * n + j] = s + (i === j ? 1 : 0);
      }
    const ref = inverseGaussJordan(a, n);
    spdInverseInPlace(a, n);
    for (let i = 0; i < n * n; i++) expect(a[i]).toBeCloseTo(ref[i], 10);
  });

  it('rejects a matrix that is not positive definite', () => {
    expect(() => spdInverseInPlace(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/not positive definite/);
  });
});
