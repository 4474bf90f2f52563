import { describe, expect, it } from 'vitest';
import { csrFromCoo } from '../matrix.js';
import { NbLogCountRatio } from './nb-log-count-ratio.js';

describe('NbLogCountRatio (Wang & Manning 2012)', () => {
  // columns: "great" (positives only), "bad" (negatives only), "the" (both)
  const X = csrFromCoo(4, 3, [0, 0, 1, 2, 2, 3], [0, 2, 2, 1, 2, 1], [2, 1, 1, 1, 3, 1]);
  const y = [1, 1, 0, 0];

  it('computes r = log((p/|p|1)/(q/|q|1)) on binarised counts with alpha = 1', () => {
    const nb = new NbLogCountRatio().fit(X, y);
    // p = 1 + [1, 0, 2] = [2, 1, 3] (sum 6); q = 1 + [0, 2, 1] = [1, 3, 2] (sum 6)
    expect(nb.fitted.r[0]).toBeCloseTo(Math.log(2 / 1), 12);
    expect(nb.fitted.r[1]).toBeCloseTo(Math.log(1 / 3), 12);
    expect(nb.fitted.r[2]).toBeCloseTo(Math.log(3 / 2), 12);
    const t = nb.transform(X);
    expect(t.data[0]).toBeCloseTo(Math.log(2), 12); // binarised: 2 → 1
    // keepValues: same r, applied to the input values
    const kv = new NbLogCountRatio({ keepValues: true }).fit(X, y);
    expect(kv.fitted.r).toEqual(nb.fitted.r);
    expect(kv.transform(X).data[0]).toBeCloseTo(2 * Math.log(2), 12);
  });

  it('round-trips through JSON and validates input', () => {
    const nb = new NbLogCountRatio({ binarize: false }).fit(X, y);
    const back = NbLogCountRatio.fromJSON(JSON.parse(JSON.stringify(nb.toJSON())));
    expect(back.transform(X)).toEqual(nb.transform(X));
    expect(() => new NbLogCountRatio().fit(X, [1, 0, 3, 0])).toThrow(/y row 2/);
    expect(() => new NbLogCountRatio({ alpha: 0 }).fit(X, y)).toThrow(/alpha/);
  });
});
