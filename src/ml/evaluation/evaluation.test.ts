import { describe, expect, it } from 'vitest';
import type { Dense } from '../matrix.js';
import { crossValidateBinary } from './cross-validate.js';
import { applyEncoding, fitEncoding } from './feature-encoding.js';
import { logLoss, regressionScores, rocAuc, thresholdScores } from './scores.js';
import { foldIndices, stratifiedFolds } from './stratified-folds.js';

describe('scores (values recorded from scikit-learn 1.2.1)', () => {
  const y = [0, 0, 1, 1, 0, 1, 1, 0];
  const p = [0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.2, 0.05];
  it('roc_auc_score handles ties by mean rank', () => {
    // sklearn.metrics.roc_auc_score(y, p) = 0.75
    expect(rocAuc(y, p)).toBeCloseTo(0.75, 12);
  });
  it('log_loss', () => {
    // sklearn.metrics.log_loss(y, p) = 0.5207586451852716
    expect(logLoss(y, p)).toBeCloseTo(0.5207586451852716, 12);
  });
  it('accuracy and f1 at 0.5', () => {
    expect(thresholdScores(y, p)).toEqual({ accuracy: 0.75, f1: 2 / 3 });
  });
  it('rmse, mae, r2', () => {
    // r2_score([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]) = 0.9486081370449679
    const s = regressionScores([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]);
    expect(s.r2).toBeCloseTo(0.9486081370449679, 12);
    expect(s.mae).toBeCloseTo(0.5, 12);
    expect(s.rmse).toBeCloseTo(Math.sqrt(0.375), 12);
  });
});

describe('stratified folds', () => {
  it('keeps class proportions and fold sizes within one row', () => {
    const y = Array.from({ length: 103 }, (_, i) => (i % 10 === 0 ? 1 : 0));
    const folds = stratifiedFolds(y, 5, 42);
    for (let f = 0; f < 5; f++) {
      const { train, test } = foldIndices(folds, f);
      expect(train.length + test.length).toBe(103);
      expect(test.length === 20 || test.length === 21).toBe(true);
      const pos = Array.from(test).filter((r) => y[r] === 1).length;
      expect(pos === 2 || pos === 3).toBe(true);
    }
    expect(Array.from(stratifiedFolds(y, 5, 42))).toEqual(Array.from(folds));
  });
});

describe('encoding and cross-validation', () => {
  it('one-hot encodes categories seen in training, imputes and standardises numerics', () => {
    const X: Dense = { rows: 4, cols: 2, data: Float64Array.from([1, 0, 3, 2, Number.NaN, 0, 5, 9]) };
    const plan = fitEncoding(X, [0, 1, 2], new Set([1]), false);
    expect(Array.from(plan.source)).toEqual([0, 1, 1]);
    const e = applyEncoding(plan, X, [0, 1, 2, 3], false);
    // row 2 numeric NaN → training mean 2; row 3 category 9 is unseen → all zeros.
    expect(Array.from(e.data)).toEqual([1, 1, 0, 3, 0, 1, 2, 1, 0, 5, 0, 0]);
    const s = applyEncoding(fitEncoding(X, [0, 1, 2], new Set([1]), true), X, [0], true);
    expect(s.data[0]).toBeCloseTo(-1, 12);
  });

  it('averages fold scores and totals the injected fit time', () => {
    const y = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1];
    let clock = 0;
    const r = crossValidateBinary(
      y,
      stratifiedFolds(y, 2, 1),
      2,
      (d, timed) => {
        timed(() => {
          clock += 1500;
        });
        return Array.from(d.test, (i) => (y[i] === 1 ? 0.9 : 0.1));
      },
      { now: () => clock },
    );
    expect(r.auc).toBe(1);
    expect(r.accuracy).toBe(1);
    expect(r.fitSeconds).toBeCloseTo(3, 12);
    expect(r.logloss).toBeCloseTo(-Math.log(0.9), 12);
  });
});
