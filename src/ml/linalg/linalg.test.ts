import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { dot, gemm, gemv, gemvT, gram } from './blas.js';
import { choleskyInPlace, choleskySolve, spdInverseInPlace } from './cholesky.js';
import { symmetricEigen } from './symmetric-eigen.js';

function randomSpd(n: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const x = new Float64Array(2 * n * n);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  const g = new Float64Array(n * n);
  gram(2 * n, n, x, g);
  for (let i = 0; i < n; i++) g[i * n + i] += 1;
  return g;
}

describe('blas', () => {
  it('dot, gemv, gemvT and gemm give hand-computed answers', () => {
    expect(dot(5, Float64Array.of(1, 2, 3, 4, 5), 0, Float64Array.of(5, 4, 3, 2, 1), 0)).toBe(35);
    const a = Float64Array.of(1, 2, 3, 4, 5, 6); // 2 × 3
    const y = new Float64Array(2);
    gemv(2, 3, 1, a, Float64Array.of(1, 0, -1), 0, y);
    expect(Array.from(y)).toEqual([-2, -2]);
    const yt = Float64Array.of(1, 1, 1);
    gemvT(2, 3, 2, a, Float64Array.of(1, 1), 1, yt);
    expect(Array.from(yt)).toEqual([11, 15, 19]);
    const c = new Float64Array(4);
    gemm(2, 2, 3, 1, a, Float64Array.of(1, 0, 0, 1, 1, 1), 0, c);
    expect(Array.from(c)).toEqual([4, 5, 10, 11]);
    const g = new Float64Array(9);
    gram(2, 3, a, g);
    expect(Array.from(g)).toEqual([17, 22, 27, 22, 29, 36, 27, 36, 45]);
  });
});

describe('cholesky', () => {
  it('factors a known matrix (Golub & Van Loan example)', () => {
    const a = Float64Array.of(4, 12, -16, 12, 37, -43, -16, -43, 98);
    choleskyInPlace(a, 3);
    expect(Array.from(a)).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
    const b = Float64Array.of(1, 2, 3);
    choleskySolve(a, 3, b);
    // Solution of [[4,12,-16],[12,37,-43],[-16,-43,98]] x = [1,2,3] (numpy.linalg.solve).
    expect(b[0]).toBeCloseTo(28.583333333333332, 10);
    expect(b[1]).toBeCloseTo(-7.666666666666667, 10);
    expect(b[2]).toBeCloseTo(1.3333333333333333, 10);
  });

  it.each([1, 2, 5, 8])('factors random SPD matrices exactly: L Lᵀ = A (n = %i)', (n) => {
    const a = randomSpd(n, n);
    const l = a.slice();
    choleskyInPlace(l, n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        if (j > i) expect(l[i * n + j]).toBe(0);
        let s = 0;
        for (let k = 0; k < n; k++) s += l[i * n + k] * l[j * n + k];
        expect(s).toBeCloseTo(a[i * n + j], 10);
      }
  });

  it('rejects a matrix that is not positive definite', () => {
    expect(() => choleskyInPlace(Float64Array.of(1, 2, 2, 1), 2)).toThrow(/not positive definite/);
  });

  it.each([40, 41, 1, 2, 3])('inverts an SPD matrix: A · A⁻¹ = I (n = %i)', (n) => {
    const a = randomSpd(n, 3);
    const inv = a.slice();
    spdInverseInPlace(inv, n);
    const prod = new Float64Array(n * n);
    gemm(n, n, n, 1, a, inv, 0, prod);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) expect(prod[i * n + j]).toBeCloseTo(i === j ? 1 : 0, 9);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(inv[i * n + j]).toBe(inv[j * n + i]);
  });
});

describe('symmetricEigen', () => {
  it('matches numpy.linalg.eigh on a 3 × 3 matrix', () => {
    // numpy: eigh([[2,-1,0],[-1,2,-1],[0,-1,2]]) → 2-√2, 2, 2+√2
    const { values, vectors } = symmetricEigen([2, -1, 0, -1, 2, -1, 0, -1, 2], 3);
    expect(values[0]).toBeCloseTo(2 + Math.SQRT2, 12);
    expect(values[1]).toBeCloseTo(2, 12);
    expect(values[2]).toBeCloseTo(2 - Math.SQRT2, 12);
    // Leading eigenvector (0.5, -√2/2, 0.5) up to sign; sign normalised to a positive largest entry.
    expect(Math.abs(vectors[0])).toBeCloseTo(0.5, 12);
    expect(vectors[3]).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('reconstructs a random symmetric matrix: A v = λ v', () => {
    const n = 12;
    const a = randomSpd(n, 9);
    const { values, vectors } = symmetricEigen(a, n);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += a[i * n + k] * vectors[k * n + j];
        expect(s).toBeCloseTo(values[j] * vectors[i * n + j], 8);
      }
    }
    for (let j = 1; j < n; j++) expect(values[j]).toBeLessThanOrEqual(values[j - 1]);
  });
});
