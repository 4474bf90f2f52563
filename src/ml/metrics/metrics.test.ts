import { describe, expect, it } from 'vitest';
import { fromRows } from '../matrix.js';
import { accuracy, confusionMatrix, f1, precision, recall } from './classification.js';
import {
  adjustedRandIndex,
  daviesBouldinScore,
  inertia,
  sampledSilhouetteScore,
  silhouetteScore,
} from './clustering.js';
import { brierScore, calibrationCurve, logLoss } from './probability.js';
import { averagePrecision, liftAtK, precisionRecallCurve, rocAuc, rocCurve } from './ranking-curves.js';
import { meanAbsoluteError, meanSquaredError, r2Score, rootMeanSquaredError } from './regression.js';
import { SK } from './sklearn-fixture.js';

const close = (a: readonly number[], b: readonly number[], digits = 12): void => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], digits);
};
const yPred = SK.s.map((v) => (v > 0.5 ? 1 : 0));

describe('classification metrics (sklearn fixtures)', () => {
  it('accuracy, precision, recall, F1, confusion matrix', () => {
    expect(accuracy(SK.y, yPred)).toBeCloseTo(SK.acc, 14);
    expect(precision(SK.y, yPred)).toBeCloseTo(SK.prec, 14);
    expect(recall(SK.y, yPred)).toBeCloseTo(SK.rec, 14);
    expect(f1(SK.y, yPred)).toBeCloseTo(SK.f1, 14);
    expect(confusionMatrix(SK.y, yPred).counts).toEqual(SK.cm);
  });

  it('macro, weighted and micro averages', () => {
    const yt = [0, 1, 2, 2, 1, 0, 2, 1, 1, 0];
    const yp = [0, 2, 2, 2, 1, 0, 1, 1, 0, 0];
    expect(f1(yt, yp, { average: 'macro' })).toBeCloseTo(SK.macro_f1, 14);
    expect(precision(yt, yp, { average: 'weighted' })).toBeCloseTo(SK.weighted_p, 14);
    expect(recall(yt, yp, { average: 'micro' })).toBeCloseTo(SK.micro_r, 14);
    expect(() => f1(yt, yp)).toThrow(/binary/);
  });

  it('rejects mismatched lengths and non-finite values naming the row', () => {
    expect(() => accuracy([1, 0], [1])).toThrow(/yTrue has 2 entries but yPred has 1/);
    expect(() => rocAuc([1, 0, 1], [0.2, Number.NaN, 0.1])).toThrow(/yScore row 1/);
    expect(() => rocAuc([1, 2], [0.2, 0.1])).toThrow(/row 1: value 2 is not 0 or 1/);
  });
});

describe('ranking metrics (sklearn fixtures, tied scores)', () => {
  it('ROC AUC with ties and ROC curve points', () => {
    expect(rocAuc(SK.y, SK.s)).toBeCloseTo(SK.auc, 14);
    const c = rocCurve(SK.y, SK.s);
    close(c.fpr, SK.fpr);
    close(c.tpr, SK.tpr);
    close(c.thresholds.slice(1), SK.th);
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75); // sklearn docs example
  });

  it('precision-recall curve and average precision', () => {
    const c = precisionRecallCurve(SK.y, SK.s);
    close(c.precision, SK.pr_p);
    close(c.recall, SK.pr_r);
    close(c.thresholds, SK.pr_t);
    expect(averagePrecision(SK.y, SK.s)).toBeCloseTo(SK.ap, 14);
  });

  it('lift at k%: hand-computed', () => {
    // 10 rows, 3 positives (base rate 0.3); top 20% = 2 rows, both positive → lift 1/0.3.
    const y = [1, 0, 1, 0, 0, 0, 1, 0, 0, 0];
    const s = [0.9, 0.1, 0.8, 0.2, 0.3, 0.1, 0.05, 0.4, 0.2, 0.1];
    expect(liftAtK(y, s, 0.2)).toBeCloseTo(1 / 0.3, 12);
    expect(liftAtK(y, s, 1)).toBeCloseTo(1, 12);
  });
});

describe('probability metrics (sklearn fixtures)', () => {
  it('log loss (clipped at 0 and 1), Brier score', () => {
    expect(logLoss(SK.y, SK.s)).toBeCloseTo(SK.logloss, 10);
    expect(brierScore(SK.y, SK.s)).toBeCloseTo(SK.brier, 14);
    expect(() => logLoss([1], [1.5])).toThrow(/not a probability/);
  });

  it('calibration curve, uniform and quantile bins', () => {
    const u = calibrationCurve(SK.y, SK.s, { bins: 5 });
    close(u.fractionPositive, SK.cal_t);
    close(u.meanPredicted, SK.cal_p);
    const q = calibrationCurve(SK.y, SK.s, { bins: 3, strategy: 'quantile' });
    close(q.fractionPositive, SK.calq_t);
    close(q.meanPredicted, SK.calq_p);
  });
});

describe('regression metrics (sklearn fixtures)', () => {
  it('MSE, RMSE, MAE, R²', () => {
    expect(meanSquaredError(SK.yt, SK.yr)).toBeCloseTo(SK.mse, 13);
    expect(rootMeanSquaredError(SK.yt, SK.yr)).toBeCloseTo(Math.sqrt(SK.mse), 13);
    expect(meanAbsoluteError(SK.yt, SK.yr)).toBeCloseTo(SK.mae, 13);
    expect(r2Score(SK.yt, SK.yr)).toBeCloseTo(SK.r2, 13);
    expect(r2Score([2, 2], [2, 2])).toBe(1);
  });
});

describe('clustering metrics (sklearn fixtures)', () => {
  const X = fromRows(SK.X as unknown as number[][]);
  it('silhouette (exact and sampled), Davies–Bouldin, ARI, inertia', () => {
    expect(silhouetteScore(X, SK.lab)).toBeCloseTo(SK.sil, 12);
    expect(sampledSilhouetteScore(X, SK.lab, { sampleSize: 1000 })).toBeCloseTo(SK.sil, 12);
    const sampled = sampledSilhouetteScore(X, SK.lab, { sampleSize: 25, seed: 1 });
    expect(sampled).toBe(sampledSilhouetteScore(X, SK.lab, { sampleSize: 25, seed: 1 }));
    expect(Math.abs(sampled - SK.sil)).toBeLessThan(0.15);
    expect(daviesBouldinScore(X, SK.lab)).toBeCloseTo(SK.db, 12);
    expect(adjustedRandIndex(SK.lab, SK.l2)).toBeCloseTo(SK.ari, 12);
    expect(adjustedRandIndex([0, 0, 1, 1], [5, 5, 3, 3])).toBe(1);
    // Hand-computed: points 0, 2 (centroid 1) and 10 (own centroid) → 1 + 1 + 0.
    expect(inertia(fromRows([[0], [2], [10]]), [0, 0, 1])).toBe(2);
    expect(() => silhouetteScore(X, new Array(40).fill(0))).toThrow(/2 <= number of clusters/);
  });
});
