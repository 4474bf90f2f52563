import { describe, expect, it } from 'vitest';
import { estimatorChecks } from '../check-estimator.js';
import { fromRows } from '../matrix.js';
import { MinMaxScaler, type MinMaxScalerParams } from './min-max-scaler.js';
import { OneHotEncoder } from './one-hot-encoder.js';
import { OrdinalEncoder } from './ordinal-encoder.js';
import { SimpleImputer, type SimpleImputerParams } from './simple-imputer.js';
import { StandardScaler, type StandardScalerParams } from './standard-scaler.js';

// Fixtures recorded from scikit-learn 1.2.1 (StandardScaler, MinMaxScaler((-1, 1)), SimpleImputer).
const X = fromRows([
  [1, -2, 3],
  [4, 5, 3],
  [0.5, 2, 3],
  [7, -1, 3],
]);

describe('StandardScaler', () => {
  for (const c of estimatorChecks((p?: StandardScalerParams) => new StandardScaler(p), {
    kind: 'transformer',
    fromJSON: StandardScaler.fromJSON,
    params: { withMean: true, withStd: true },
    invalidParams: [{ withMean: 'yes' as unknown as boolean }],
  }))
    it(c.name, c.run);

  it('matches sklearn', () => {
    const s = new StandardScaler().fit(X);
    expect(s.fitted.mean).toEqual([3.125, 1, 3]);
    expect(s.fitted.scale[0]).toBeCloseTo(2.6070817018267762, 12);
    expect(s.fitted.scale[1]).toBeCloseTo(2.7386127875258306, 12);
    expect(s.fitted.scale[2]).toBe(1);
    const z = s.transform(fromRows([[2, 0, 3]])).data;
    expect(z[0]).toBeCloseTo(-0.43151697133684574, 12);
    expect(z[1]).toBeCloseTo(-0.3651483716701107, 12);
    expect(z[2]).toBe(0);
    const back = s.inverseTransform(s.transform(X)).data;
    for (let i = 0; i < back.length; i++) expect(back[i]).toBeCloseTo(X.data[i], 12);
  });

  it('computes the same statistics from CSR input and refuses to centre it', () => {
    const csr = {
      rows: 3,
      cols: 2,
      indptr: Int32Array.of(0, 1, 2, 2),
      indices: Int32Array.of(0, 1),
      data: Float64Array.of(3, 6),
    };
    expect(() => new StandardScaler().fit(csr)).toThrow(/withMean: false/);
    const s = new StandardScaler({ withMean: false }).fit(csr);
    expect(s.fitted.scale[0]).toBeCloseTo(Math.sqrt(2), 12); // values 3, 0, 0
    expect(s.fitted.scale[1]).toBeCloseTo(Math.sqrt(8), 12); // values 0, 6, 0
    expect(Array.from(s.transformSparse(csr).data)).toEqual([3 / Math.sqrt(2), 6 / Math.sqrt(8)]);
  });
});

describe('MinMaxScaler', () => {
  for (const c of estimatorChecks((p?: MinMaxScalerParams) => new MinMaxScaler(p), {
    kind: 'transformer',
    fromJSON: MinMaxScaler.fromJSON,
    params: { min: -1, max: 1, clip: false },
    invalidParams: [{ min: 2, max: 1 }],
  }))
    it(c.name, c.run);

  it('matches sklearn MinMaxScaler(feature_range=(-1, 1)), constant column → min', () => {
    const z = new MinMaxScaler({ min: -1, max: 1 }).fit(X).transform(fromRows([[2, 0, 3]])).data;
    expect(z[0]).toBeCloseTo(-0.5384615384615383, 12);
    expect(z[1]).toBeCloseTo(-0.4285714285714286, 12);
    expect(z[2]).toBe(-1);
    const clipped = new MinMaxScaler({ clip: true }).fit(X).transform(fromRows([[100, -100, 3]])).data;
    expect(Array.from(clipped)).toEqual([1, 0, 0]);
  });
});

describe('SimpleImputer', () => {
  for (const c of estimatorChecks((p?: SimpleImputerParams) => new SimpleImputer(p), {
    kind: 'transformer',
    fromJSON: SimpleImputer.fromJSON,
    params: { strategy: 'median', fillValue: 0 },
    handlesMissing: true,
    invalidParams: [{ strategy: 'mode' as 'mean' }],
  }))
    it(c.name, c.run);

  const Xn = fromRows([
    [1, Number.NaN],
    [Number.NaN, 2],
    [3, 2],
    [5, 7],
  ]);
  it('matches sklearn for mean, median and most_frequent', () => {
    const mean = new SimpleImputer({ strategy: 'mean' }).fit(Xn).fitted.statistics;
    expect(mean[0]).toBe(3);
    expect(mean[1]).toBeCloseTo(3.6666666666666665, 14);
    expect(new SimpleImputer({ strategy: 'median' }).fit(Xn).fitted.statistics).toEqual([3, 2]);
    expect(new SimpleImputer({ strategy: 'most_frequent' }).fit(Xn).fitted.statistics).toEqual([1, 2]);
    const t = new SimpleImputer({ strategy: 'constant', fillValue: -9 }).fit(Xn).transform(Xn);
    expect(Array.from(t.data)).toEqual([1, -9, -9, 2, 3, 2, 5, 7]);
  });

  it('still rejects Infinity naming row and column', () => {
    expect(() =>
      new SimpleImputer().fit(
        fromRows([
          [1, 2],
          [3, Number.POSITIVE_INFINITY],
        ]),
      ),
    ).toThrow(/row 1, column 1/);
  });
});

describe('encoders', () => {
  const rows = [
    ['red', 'S'],
    ['blue', 'M'],
    ['red', null],
  ];
  it('one-hot: sorted categories, missing as its own category, unseen → zeros or error', () => {
    const enc = new OneHotEncoder().fit(rows);
    expect(enc.featureNames(['colour', 'size'])).toEqual([
      'colour_blue',
      'colour_red',
      'size_M',
      'size_S',
      'size_missing',
    ]);
    const d = enc.transformDense([
      ['blue', 'S'],
      ['green', null],
    ]);
    expect(Array.from(d.data)).toEqual([1, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
    expect(() => new OneHotEncoder({ handleUnknown: 'error' }).fit(rows).transform([['x', 'S']])).toThrow(
      /row 0, column 0: unseen category 'x'/,
    );
    const dropped = new OneHotEncoder({ dropFirst: true }).fit(rows);
    expect(dropped.featureNames()).toEqual(['x0_red', 'x1_S', 'x1_missing']);
    const round = OneHotEncoder.fromJSON(JSON.parse(JSON.stringify(enc.toJSON())));
    expect(round.transform(rows)).toEqual(enc.transform(rows));
    expect(() => new OneHotEncoder().fit([['a'], ['b', 'c']])).toThrow(/row 1 has 2 columns/);
    expect(() => new OneHotEncoder().transform(rows)).toThrow(/not fitted/);
  });

  it('ordinal: codes by sorted category, unseen → unknownValue (NaN survives JSON)', () => {
    const enc = new OrdinalEncoder({ unknownValue: Number.NaN }).fit(rows);
    const t = enc.transform([
      ['red', 'M'],
      ['pink', 'S'],
    ]);
    expect(Array.from(t.data)).toEqual([1, 0, Number.NaN, 1]);
    const round = OrdinalEncoder.fromJSON(JSON.parse(JSON.stringify(enc.toJSON())));
    expect(Array.from(round.transform([['pink', null]]).data)).toEqual([Number.NaN, 2]);
    expect(() => new OrdinalEncoder({ handleUnknown: 'error' }).fit(rows).transform([['red', 'XL']])).toThrow(
      /row 0, column 1/,
    );
  });
});
