import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Dense } from '../matrix.js';
import { DecisionTreeClassifier, DecisionTreeRegressor } from './decision-tree.js';

/*
 * fixtures/sklearn-cart.json was recorded with scikit-learn 1.2.1 on the data built by `fixtureData`:
 *   X = stack([x0, x1, x2]); y as below; DecisionTreeClassifier(random_state=0, **kw).fit(X, y)
 *   (gini max_depth=3; entropy min_samples_leaf=5; gini max_leaf_nodes=5) and
 *   DecisionTreeRegressor(random_state=0, max_depth=3, min_samples_leaf=5).fit(X, yr);
 *   stored: sorted (feature, threshold) of internal nodes, leaf count, feature_importances_,
 *   predict_proba / predict of the first 12 rows.
 */
const fixture = JSON.parse(readFileSync(new URL('./fixtures/sklearn-cart.json', import.meta.url), 'utf8'));

function fixtureData() {
  const n = 120;
  const X = new Float64Array(n * 3);
  const y: number[] = [];
  const yr: number[] = [];
  for (let i = 0; i < n; i++) {
    const x0 = ((i * 37) % 101) / 7;
    const x1 = ((i * 53) % 89) / 3 - 5;
    const x2 = ((i * i) % 97) / 11;
    const noise = ((i * 29) % 13) / 13;
    X.set([x0, x1, x2], i * 3);
    y.push((x0 + 0.5 * x1 + 3 * noise > 12 ? 1 : 0) + (x2 > 6 && x0 < 5 ? 1 : 0));
    yr.push(x0 * 2 + Math.sin(x1) + noise);
  }
  return { X: { rows: n, cols: 3, data: X } as Dense, y, yr };
}

function splits(t: { feature: number[]; threshold: number[] }): [number, number][] {
  const s: [number, number][] = [];
  t.feature.forEach((f, i) => {
    if (f >= 0) s.push([f, t.threshold[i]]);
  });
  return s.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

const first12 = (X: Dense): Dense => ({ rows: 12, cols: 3, data: X.data.slice(0, 36) });

describe('DecisionTreeClassifier matches scikit-learn', () => {
  const { X, y } = fixtureData();
  const cases = [
    ['gini_d3', { maxDepth: 3 }],
    ['entropy_leaf5', { criterion: 'entropy' as const, minSamplesLeaf: 5 }],
    ['gini_maxleaf5', { maxLeafNodes: 5 }],
  ] as const;
  for (const [name, params] of cases) {
    it(name, () => {
      const ref = fixture[name];
      const m = new DecisionTreeClassifier(params).fit(X, y);
      const got = splits(m.fitted);
      expect(got.length).toBe(ref.splits.length);
      got.forEach(([f, t], i) => {
        expect(f).toBe(ref.splits[i][0]);
        // scikit-learn stores X as float32, so its thresholds are float32-rounded midpoints.
        expect(t).toBeCloseTo(ref.splits[i][1], 5);
      });
      const imp = m.featureImportance();
      ref.importances.forEach((v: number, f: number) => {
        expect(imp[f]).toBeCloseTo(v, 10);
      });
      const p = m.predictProba(first12(X));
      ref.proba.flat().forEach((v: number, i: number) => {
        expect(p.data[i]).toBeCloseTo(v, 10);
      });
    });
  }
});

describe('DecisionTreeRegressor', () => {
  it('matches scikit-learn (max_depth 3, min_samples_leaf 5)', () => {
    const { X, yr } = fixtureData();
    const ref = fixture.reg_d3_leaf5;
    const m = new DecisionTreeRegressor({ maxDepth: 3, minSamplesLeaf: 5 }).fit(X, yr);
    const got = splits(m.fitted);
    expect(got.map((s) => s[0])).toEqual(ref.splits.map((s: number[]) => s[0]));
    got.forEach(([, t], i) => {
      expect(t).toBeCloseTo(ref.splits[i][1], 5);
    });
    const p = m.predict(first12(X));
    ref.pred.forEach((v: number, i: number) => {
      expect(p[i]).toBeCloseTo(v, 10);
    });
  });

  it('a hand-computed stump: mean of each side, threshold halfway', () => {
    const X: Dense = { rows: 4, cols: 1, data: Float64Array.from([1, 2, 10, 12]) };
    const m = new DecisionTreeRegressor({ maxDepth: 1 }).fit(X, [0, 2, 10, 14]);
    expect(m.fitted.threshold[0]).toBe(6);
    expect(Array.from(m.predict(X))).toEqual([1, 1, 12, 12]);
  });
});

describe('rule export', () => {
  it('writes one readable rule per leaf, merging bounds on the same feature', () => {
    const X: Dense = { rows: 6, cols: 2, data: Float64Array.from([5, 0, 10, 1, 20, 1, 40, 1, 50, 0, 60, 1]) };
    const m = new DecisionTreeClassifier().fit(X, [1, 1, 0, 0, 1, 0]);
    const rules = m.exportRules({ featureNames: ['recency_days', 'opened_email'], targetName: 'churn' });
    expect(rules).toEqual([
      'if recency_days <= 15 then churn = 1 (probability 1, 2 samples)',
      'if recency_days > 15 and opened_email <= 0.5 then churn = 1 (probability 1, 1 samples)',
      'if recency_days > 15 and opened_email > 0.5 then churn = 0 (probability 1, 3 samples)',
    ]);
  });

  it('rejects NaN naming row and column; round-trips through JSON', () => {
    const { X, y } = fixtureData();
    const bad: Dense = { rows: 2, cols: 1, data: Float64Array.from([1, Number.NaN]) };
    expect(() => new DecisionTreeClassifier().fit(bad, [0, 1])).toThrow(/row 1, column 0/);
    const m = new DecisionTreeClassifier({ maxDepth: 4 }).fit(X, y);
    const back = DecisionTreeClassifier.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(Array.from(back.predictProba(X).data)).toEqual(Array.from(m.predictProba(X).data));
  });
});
