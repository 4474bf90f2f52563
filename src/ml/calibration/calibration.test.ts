import { describe, expect, it } from 'vitest';
import { estimatorChecks } from '../check-estimator.js';
import { Rng } from '../random.js';
import { CAL } from './calibration-fixture.js';
import { IsotonicRegression, type IsotonicRegressionParams, pav } from './isotonic-regression.js';
import { PlattScaling, type PlattScalingParams } from './platt-scaling.js';

const col = (v: readonly number[]) => ({ rows: v.length, cols: 1, data: Float64Array.from(v) });

function scoreData(): { X: { rows: number; cols: number; data: Float64Array }; y: Float64Array } {
  const rng = new Rng(11);
  const n = 50;
  const s = Float64Array.from({ length: n }, () => rng.normal());
  const y = Float64Array.from(s, (v) => (rng.next() < 1 / (1 + Math.exp(-2 * v)) ? 1 : 0));
  return { X: { rows: n, cols: 1, data: s }, y };
}

describe('PlattScaling', () => {
  for (const c of estimatorChecks((p?: PlattScalingParams) => new PlattScaling(p), {
    kind: 'regressor',
    fromJSON: PlattScaling.fromJSON,
    invalidParams: [{ maxIter: 0 }],
    data: scoreData(),
  }))
    if (!/NaN and Infinity|shape mismatches/.test(c.name)) it(c.name, c.run);

  it('matches sklearn _sigmoid_calibration', () => {
    const m = new PlattScaling().fit(col(CAL.s), CAL.y);
    expect(m.fitted.a).toBeCloseTo(CAL.a, 5);
    expect(m.fitted.b).toBeCloseTo(CAL.b, 5);
    expect(m.calibrate([0])[0]).toBeCloseTo(1 / (1 + Math.exp(CAL.b)), 5);
  });

  it('rejects more than one score column and non-binary labels', () => {
    expect(() => new PlattScaling().fit({ rows: 2, cols: 2, data: new Float64Array(4) }, [0, 1])).toThrow(
      /1 column/,
    );
    expect(() => new PlattScaling().fit(col([0.1, 0.2]), [0, 2])).toThrow(/row 1: value 2 is not 0 or 1/);
  });
});

describe('IsotonicRegression', () => {
  for (const c of estimatorChecks((p?: IsotonicRegressionParams) => new IsotonicRegression(p), {
    kind: 'regressor',
    fromJSON: IsotonicRegression.fromJSON,
    invalidParams: [{ increasing: 1 as unknown as boolean }],
    data: scoreData(),
  }))
    if (!/NaN and Infinity|shape mismatches/.test(c.name)) it(c.name, c.run);

  it('matches sklearn IsotonicRegression(out_of_bounds="clip")', () => {
    const m = new IsotonicRegression().fit(col(CAL.s), CAL.y);
    const p = m.calibrate(CAL.q);
    for (let i = 0; i < CAL.q.length; i++) expect(p[i]).toBeCloseTo(CAL.iso[i], 12);
  });

  it('PAV: hand-computed pooling', () => {
    expect(pav([1, 3, 2, 4, 3, 5], [1, 1, 1, 1, 1, 1])).toEqual([1, 2.5, 2.5, 3.5, 3.5, 5]);
    expect(pav([3, 2, 1], [1, 1, 2])).toEqual([1.75, 1.75, 1.75]);
    const dec = new IsotonicRegression({ increasing: false }).fit(col([1, 2, 3]), [3, 1, 2]);
    expect(Array.from(dec.calibrate([1, 2, 3]))).toEqual([3, 1.5, 1.5]);
  });
});

describe('calibrators: input errors', () => {
  it('NaN scores are rejected naming the row', () => {
    expect(() => new PlattScaling().fit(col([0.1, Number.NaN, 0.3]), [0, 1, 1])).toThrow(/row 1, column 0/);
    expect(() => new IsotonicRegression().fit(col([0.1, 0.2]), [0])).toThrow(/y has 1 entries/);
  });
});
