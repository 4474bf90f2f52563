import { describe, expect, it } from 'vitest';
import { OspreyError } from '../../core/errors.js';
import type { Dense } from '../matrix.js';
import { Rng } from '../random.js';
import { binMatrix, fitBinMapper, valueToBin } from './bin-mapper.js';
import { GradientBoostingClassifier, GradientBoostingRegressor } from './gradient-boosting.js';
import { buildHistogram, buildHistogramReference } from './histogram.js';
import { type BoostedTree, goesLeft, treeFromJson } from './tree-model.js';

const mat = (rows: number[][]): Dense => ({
  rows: rows.length,
  cols: rows[0].length,
  data: Float64Array.from(rows.flat()),
});

function randomData(n: number, seed: number, withNaN = true) {
  const rng = new Rng(seed);
  const X = new Float64Array(n * 4);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const b = rng.normal();
    const cat = rng.int(6);
    const c = withNaN && rng.next() < 0.1 ? Number.NaN : rng.normal();
    X.set([a, b, cat, c], i * 4);
    const z = 1.5 * a - b + (cat % 2 === 1 ? 1.2 : -0.8) + (Number.isNaN(c) ? 1 : 0.5 * c);
    y[i] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { X: { rows: n, cols: 4, data: X } as Dense, y };
}

describe('bin mapper', () => {
  it('gives each distinct value its own bin when there are few, NaN to bin 0', () => {
    const X = mat([[1], [2], [2], [5], [Number.NaN]]);
    const m = fitBinMapper(X, 255, new Set());
    expect(m.features[0].upper).toEqual([1.5, 3.5]);
    const f = m.features[0];
    expect([1, 2, 5, 100, -3, Number.NaN].map((v) => valueToBin(f, v))).toEqual([1, 2, 3, 3, 1, 0]);
  });

  it('caps a many-valued column at maxBin with roughly equal counts', () => {
    const X = mat(Array.from({ length: 1000 }, (_, i) => [i]));
    const m = fitBinMapper(X, 11, new Set());
    expect(m.features[0].upper.length).toBe(9); // 10 value bins + the missing bin
    const counts = new Array(11).fill(0);
    const b = binMatrix(m, X);
    for (const v of b.bins) counts[v]++;
    expect(counts[0]).toBe(0);
    for (let k = 1; k <= 10; k++) expect(counts[k]).toBe(100);
  });

  it('maps categories to bins and unseen ones to the missing bin', () => {
    const X = mat([[3], [7], [3], [0]]);
    const f = fitBinMapper(X, 255, new Set([0])).features[0];
    expect(f.categories).toEqual([0, 3, 7]);
    expect([0, 3, 7, 5, Number.NaN].map((v) => valueToBin(f, v))).toEqual([1, 2, 3, 0, 0]);
  });
});

describe('histogram kernel', () => {
  it('matches the slow reference kernel on a random leaf', () => {
    const rng = new Rng(3);
    const nRows = 500;
    const nF = 3;
    const numBins = [5, 9, 3];
    const offsets = Int32Array.from([0, 5, 14, 17]);
    const bins = new Uint8Array(nRows * nF);
    for (let f = 0; f < nF; f++) for (let r = 0; r < nRows; r++) bins[f * nRows + r] = rng.int(numBins[f]);
    const grad = Float64Array.from({ length: nRows }, () => rng.normal());
    const hess = Float64Array.from({ length: nRows }, () => rng.next());
    const rows = Int32Array.from(rng.permutation(nRows).subarray(0, 200));
    const og = Float64Array.from(rows, (r) => grad[r]);
    const oh = Float64Array.from(rows, (r) => hess[r]);
    const hist = new Float64Array(17 * 3).fill(99); // stale content must be cleared by the kernel
    buildHistogram(bins, nRows, Int32Array.from([0, 1, 2]), 3, offsets, rows, 0, 200, og, oh, hist);
    const ref = buildHistogramReference(bins, nRows, [0, 1, 2], offsets, rows, grad, hess, 17);
    for (let i = 0; i < hist.length; i++) expect(hist[i]).toBeCloseTo(ref[i], 12);
  });
});

describe('GradientBoostingRegressor', () => {
  it('one stump with lr 1 and λ 0 is the hand-computed Newton step', () => {
    // init = mean(y) = 2; gradients [1, 1, -1, -1]; best cut between 2 and 3; leaves −2/2 and +2/2.
    const m = new GradientBoostingRegressor({
      nEstimators: 1,
      learningRate: 1,
      lambda: 0,
      minDataInLeaf: 1,
      numLeaves: 2,
    }).fit(mat([[1], [2], [3], [4]]), [1, 1, 3, 3]);
    expect(Array.from(m.predict(mat([[0], [2.4], [2.6], [9]])))).toEqual([1, 1, 3, 3]);
    const t = m.fitted.trees[0];
    expect(t.gain[0]).toBeCloseTo(0.5 * (4 / 2 + 4 / 2 - 0), 12);
  });

  it('λ shrinks leaf values: −G/(H+λ)', () => {
    const m = new GradientBoostingRegressor({
      nEstimators: 1,
      learningRate: 0.5,
      lambda: 2,
      minDataInLeaf: 1,
      numLeaves: 2,
    }).fit(mat([[1], [2], [3], [4]]), [1, 1, 3, 3]);
    // left: −2/(2+2)·0.5 = −0.25 → 1.75
    expect(Array.from(m.predict(mat([[1], [4]])))).toEqual([1.75, 2.25]);
  });

  it('learns where missing values go', () => {
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 60; i++) {
      const v = i % 3 === 0 ? Number.NaN : i;
      rows.push([v]);
      y.push(Number.isNaN(v) ? 10 : i < 30 ? 0 : 5);
    }
    const m = new GradientBoostingRegressor({ nEstimators: 50, learningRate: 0.3, minDataInLeaf: 5 }).fit(
      mat(rows),
      y,
    );
    const p = m.predict(mat([[Number.NaN], [3], [50]]));
    expect(p[0]).toBeCloseTo(10, 1);
    expect(p[1]).toBeCloseTo(0, 1);
    expect(p[2]).toBeCloseTo(5, 1);
  });

  it('rejects Infinity naming row and column, and a y of the wrong length', () => {
    const m = new GradientBoostingRegressor();
    expect(() => m.fit(mat([[1], [Number.POSITIVE_INFINITY]]), [1, 2])).toThrow(/row 1, column 0/);
    expect(() => m.fit(mat([[1], [2]]), [1])).toThrow(OspreyError);
    expect(() => new GradientBoostingRegressor({ subsample: 0 }).fit(mat([[1], [2]]), [1, 2])).toThrow(
      /subsample/,
    );
  });
});

describe('GradientBoostingClassifier', () => {
  it('splits categories many-vs-many on gradient-sorted order', () => {
    // Odd categories are positive: no single ordinal threshold separates them, one categorical split does.
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 600; i++) {
      rows.push([i % 6]);
      y.push(i % 2);
    }
    const m = new GradientBoostingClassifier({
      nEstimators: 1,
      numLeaves: 2,
      categoricalFeatures: [0],
      minDataPerGroup: 10,
      catSmooth: 1,
    }).fit(mat(rows), y);
    const t = treeFromJson(m.fitted.trees[0]);
    expect(t.isCategorical[0]).toBe(1);
    expect(Array.from(m.predict(mat([[0], [1], [2], [3], [4], [5]])))).toEqual([0, 1, 0, 1, 0, 1]);
  });

  it('separates separable data and keeps class labels', () => {
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 200; i++) {
      rows.push([i, (i * 7) % 13]);
      y.push(i < 100 ? 3 : 8);
    }
    const m = new GradientBoostingClassifier({ nEstimators: 20 }).fit(mat(rows), y);
    expect(
      Array.from(
        m.predict(
          mat([
            [5, 0],
            [150, 0],
          ]),
        ),
      ),
    ).toEqual([3, 8]);
    const p = m.predictProba(mat([[5, 0]]));
    expect(p.data[0]).toBeGreaterThan(0.9);
    expect(p.data[0] + p.data[1]).toBeCloseTo(1, 12);
  });

  it('is deterministic per seed and round-trips through JSON text', () => {
    const { X, y } = randomData(400, 1);
    const params = { nEstimators: 30, subsample: 0.7, colsample: 0.5, categoricalFeatures: [2], seed: 9 };
    const a = new GradientBoostingClassifier(params).fit(X, y);
    const b = new GradientBoostingClassifier(params).fit(X, y);
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
    const c = new GradientBoostingClassifier({ ...params, seed: 10 }).fit(X, y);
    expect(JSON.stringify(c.toJSON())).not.toBe(JSON.stringify(a.toJSON()));
    const back = GradientBoostingClassifier.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    expect(Array.from(back.predictProba(X).data)).toEqual(Array.from(a.predictProba(X).data));
    expect(a.params).toEqual(expect.objectContaining(params));
  });

  it('stops early on a validation set and keeps the best round', () => {
    const { X, y } = randomData(600, 2);
    const v = randomData(300, 3);
    const m = new GradientBoostingClassifier({
      nEstimators: 500,
      learningRate: 0.5,
      earlyStoppingRounds: 5,
      categoricalFeatures: [2],
    }).fit(X, y, { evalSet: { X: v.X, y: v.y } });
    const f = m.fitted;
    expect(f.trees.length).toBe(f.bestIteration);
    expect(f.trees.length).toBeLessThan(100);
    expect(f.evalLoss.length).toBe(f.bestIteration + 5);
    expect(Math.min(...f.evalLoss)).toBe(f.evalLoss[f.bestIteration - 1]);
  });

  it('gain importance ranks the informative features first', () => {
    const { X, y } = randomData(2000, 4);
    const imp = new GradientBoostingClassifier({ nEstimators: 30, categoricalFeatures: [2] })
      .fit(X, y)
      .featureImportance('gain');
    expect(imp[0]).toBeGreaterThan(imp[3]);
  });
});

/** Algorithm 1 of Lundberg et al. 2018: E[f(x) | x_S] with cover-weighted paths for features not in S. */
function expValue(t: BoostedTree, bins: Uint8Array, nRows: number, row: number, S: Set<number>): number {
  const g = (node: number): number => {
    if (node < 0) return t.leafValue[~node];
    const f = t.splitFeature[node];
    if (S.has(f)) return g(goesLeft(t, node, bins[f * nRows + row]) ? t.left[node] : t.right[node]);
    const cov = (c: number) => (c >= 0 ? t.internalCount[c] : t.leafCount[~c]);
    return (
      (cov(t.left[node]) * g(t.left[node]) + cov(t.right[node]) * g(t.right[node])) / t.internalCount[node]
    );
  };
  return t.nInternal === 0 ? t.leafValue[0] : g(0);
}

describe('TreeSHAP contributions', () => {
  const { X, y } = randomData(500, 5);
  const m = new GradientBoostingClassifier({
    nEstimators: 8,
    maxDepth: 4,
    numLeaves: 12,
    categoricalFeatures: [2],
    minDataInLeaf: 5,
  }).fit(X, y);

  it('contributions plus the expected value sum to the raw margin', () => {
    const raw = m.predictRaw(X);
    const c = m.predictContributions(X);
    expect(c.cols).toBe(5);
    for (let r = 0; r < X.rows; r++) {
      let s = 0;
      for (let j = 0; j < 5; j++) s += c.data[r * 5 + j];
      expect(s).toBeCloseTo(raw[r], 10);
    }
  });

  it('equals brute-force Shapley values over all feature subsets', () => {
    const f = m.fitted;
    const bins = binMatrix(f.mapper, X).bins;
    const trees = f.trees.map(treeFromJson);
    const v = (row: number, S: Set<number>) =>
      trees.reduce((acc, t) => acc + expValue(t, bins, X.rows, row, S), f.initScore);
    const fact = [1, 1, 2, 6, 24];
    const M = 4;
    const c = m.predictContributions(X);
    for (const row of [0, 7, 42]) {
      for (let i = 0; i < M; i++) {
        let phi = 0;
        for (let mask = 0; mask < 1 << M; mask++) {
          if (mask & (1 << i)) continue;
          const S = new Set([0, 1, 2, 3].filter((j) => mask & (1 << j)));
          const w = (fact[S.size] * fact[M - S.size - 1]) / fact[M];
          phi += w * (v(row, new Set([...S, i])) - v(row, S));
        }
        expect(c.data[row * 5 + i]).toBeCloseTo(phi, 10);
      }
    }
  });
});
