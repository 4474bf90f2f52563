import { describe, expect, it } from 'vitest';
import { chooseK, elbowIndex } from './choose-k.js';
import { makeBlobs } from './make-blobs.js';

describe('chooseK', () => {
  it('finds the true number of separated blobs by silhouette and by elbow', () => {
    const { X } = makeBlobs({ rows: 400, cols: 3, k: 4, seed: 3, centerSpread: 15 });
    const s = chooseK(X, { kMin: 2, kMax: 7 });
    expect(s.k).toBe(4);
    expect(s.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(chooseK(X, { kMin: 2, kMax: 7, method: 'elbow' }).k).toBe(4);
  });

  it('elbow of a hand-made curve', () => {
    const curve = [100, 40, 12, 10, 9, 8].map((inertia, i) => ({ k: i + 1, inertia }));
    expect(curve[elbowIndex(curve)].k).toBe(3);
  });

  it('rejects an empty range', () => {
    const { X } = makeBlobs({ rows: 10, cols: 2, k: 2 });
    expect(() => chooseK(X, { kMin: 5, kMax: 3 })).toThrow(/kMax/);
  });
});
