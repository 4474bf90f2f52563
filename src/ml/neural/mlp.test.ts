import { describe, expect, it } from 'vitest';
import type { Dense } from '../matrix.js';
import { Rng } from '../random.js';
import { MlpClassifier, MlpRegressor } from './mlp.js';

function xor(n: number, seed: number) {
  const rng = new Rng(seed);
  const X = new Float64Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.next() * 2 - 1;
    const b = rng.next() * 2 - 1;
    X[2 * i] = a;
    X[2 * i + 1] = b;
    y[i] = a * b > 0 ? 1 : 0;
  }
  return { X: { rows: n, cols: 2, data: X } as Dense, y };
}

describe('MlpClassifier', () => {
  it('learns XOR, which no linear model can', () => {
    const { X, y } = xor(800, 1);
    const test = xor(200, 2);
    const m = new MlpClassifier({
      hiddenLayers: [16],
      learningRate: 0.02,
      batchSize: 32,
      maxEpochs: 200,
    }).fit(X, y);
    const pred = m.predict(test.X);
    let ok = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === test.y[i]) ok++;
    expect(ok / pred.length).toBeGreaterThan(0.93);
    const p = m.predictProba(test.X);
    expect(p.cols).toBe(2);
    expect(p.data[0] + p.data[1]).toBeCloseTo(1, 12);
  });

  it('is deterministic per seed, round-trips through JSON and keeps class labels', () => {
    const { X, y } = xor(300, 3);
    const labels = Int32Array.from(y, (v) => (v === 1 ? 7 : -2));
    const params = { hiddenLayers: [8, 4], dropout: 0.2, maxEpochs: 15, seed: 5 };
    const a = new MlpClassifier(params).fit(X, labels);
    const b = new MlpClassifier(params).fit(X, labels);
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
    const back = MlpClassifier.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    expect(Array.from(back.predictProba(X).data)).toEqual(Array.from(a.predictProba(X).data));
    for (const v of a.predict(X)) expect([7, -2]).toContain(v);
  });

  it('stops early on the validation loss and reports it', () => {
    const { X, y } = xor(400, 4);
    const m = new MlpClassifier({ hiddenLayers: [4], maxEpochs: 1000, patience: 3, tol: 1e-2 }).fit(X, y);
    const f = m.fitted;
    expect(f.converged).toBe(true);
    expect(f.epochs).toBeLessThan(1000);
    expect(f.validationLoss.length).toBe(f.epochs);
  });

  it('rejects NaN naming row and column', () => {
    const X: Dense = { rows: 2, cols: 2, data: Float64Array.from([0, 1, Number.NaN, 2]) };
    expect(() => new MlpClassifier().fit(X, [0, 1])).toThrow(/row 1, column 0/);
  });
});

describe('MlpRegressor', () => {
  it('fits a smooth function of two inputs', () => {
    const rng = new Rng(7);
    const n = 1000;
    const X = new Float64Array(n * 2);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = rng.next() * 2 - 1;
      const b = rng.next() * 2 - 1;
      X.set([a, b], 2 * i);
      y[i] = 100 + 30 * a - 20 * b * b;
    }
    const m = new MlpRegressor({ hiddenLayers: [32], learningRate: 0.01, maxEpochs: 300 }).fit(
      { rows: n, cols: 2, data: X },
      y,
    );
    const p = m.predict({ rows: 3, cols: 2, data: Float64Array.from([0, 0, 0.5, 0.5, -0.5, -1]) });
    expect(p[0]).toBeCloseTo(100, -0.3);
    expect(p[1]).toBeCloseTo(110, -0.3);
    expect(p[2]).toBeCloseTo(65, -0.3);
  });
});
