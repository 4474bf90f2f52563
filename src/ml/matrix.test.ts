import { describe, expect, it } from 'vitest';
import { csrFromCoo, csrToDense, takeRows, transposeCsr } from './matrix.js';
import { Rng } from './random.js';

describe('csr', () => {
  it('sums duplicates and sorts columns within rows', () => {
    const m = csrFromCoo(2, 3, [1, 0, 1, 1], [2, 1, 0, 2], [1, 2, 3, 4]);
    expect(Array.from(m.indptr)).toEqual([0, 1, 3]);
    expect(Array.from(m.indices)).toEqual([1, 0, 2]);
    expect(Array.from(m.data)).toEqual([2, 3, 5]);
  });
  it('transposes and densifies consistently', () => {
    const m = csrFromCoo(2, 3, [0, 1, 1], [2, 0, 1], [1, 2, 3]);
    expect(Array.from(csrToDense(transposeCsr(m)).data)).toEqual([0, 2, 0, 3, 1, 0]);
    expect(Array.from(csrToDense(takeRows(m, [1])).data)).toEqual([2, 3, 0]);
  });
  it('rejects out-of-range coordinates', () => {
    expect(() => csrFromCoo(1, 1, [0], [3])).toThrow(/column 3 out of range/);
  });
});

describe('Rng', () => {
  it('is deterministic per seed and uniform enough', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    let s = 0;
    for (let i = 0; i < 10000; i++) {
      const x = a.next();
      expect(x).toBe(b.next());
      s += x;
    }
    expect(s / 10000).toBeGreaterThan(0.48);
    expect(s / 10000).toBeLessThan(0.52);
    expect(new Rng(8).next()).not.toBe(new Rng(7).next());
  });
});
