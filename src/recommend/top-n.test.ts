import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopNHeap, topNBySort } from './top-n.js';

describe('TopNHeap', () => {
  it('agrees with a full sort, ties broken by lower item index', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant(Number.NEGATIVE_INFINITY)), {
          maxLength: 60,
        }),
        fc.integer({ min: 1, max: 12 }),
        (vals, n) => {
          const heap = new TopNHeap(n);
          for (let i = 0; i < vals.length; i++) heap.push(i, vals[i]);
          const items = new Int32Array(n);
          const scores = new Float64Array(n);
          heap.drainInto(items, scores, 0);
          const ref = topNBySort(vals, n);
          const got = Array.from(items).filter((i) => i >= 0);
          expect(got).toEqual(ref.items);
          for (let i = ref.items.length; i < n; i++) expect(items[i]).toBe(-1);
        },
      ),
    );
  });

  it('skips NaN scores', () => {
    const heap = new TopNHeap(2);
    heap.push(0, Number.NaN);
    heap.push(1, 1);
    const items = new Int32Array(2);
    const scores = new Float64Array(2);
    heap.drainInto(items, scores, 0);
    expect(Array.from(items)).toEqual([1, -1]);
  });
});
