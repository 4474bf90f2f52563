import { invalidInput } from '../core/errors.js';
import { columnIndex, DEFAULT_WINDOWS_DAYS, resolveFeatureSpec } from '../features/index.js';
import { foldIndices, stratifiedFolds } from '../ml/evaluation/index.js';
import { liftAtK, logLoss, rocAuc, rootMeanSquaredError } from '../ml/metrics/index.js';
import type { Store } from '../store/store.js';
import { bgNbdClv } from './bg-nbd-clv.js';
import { buildLabelledSet, type LabelledSet, selectRows } from './labels.js';
import { type ClassifierAlgorithm, PredictionModel, spendColumns } from './prediction-model.js';

export interface ProtocolOptions {
  store: Store;
  /** Cut-off (epoch ms): features from events before it, labels from [cut-off, cut-off + horizon). */
  cutoff: number;
  horizonDays: number;
  folds?: number;
  seed?: number;
  onProgress?: (fraction: number, message?: string) => void;
}

export interface PropensityReport {
  customers: number;
  positive_rate: number;
  auc: number;
  lift_at_10pct: number;
  logloss: number;
  model: string;
}

export interface ClvReport {
  customers: number;
  rmse: number;
  naive_rmse: number;
  model: string;
}

export const PROPENSITY_EVAL_MODELS = ['gbdt', 'logistic', 'blend', 'recency'] as const;
export type PropensityEvalModel = (typeof PROPENSITY_EVAL_MODELS)[number];

async function protocolSet(o: ProtocolOptions, kind: 'propensity' | 'clv'): Promise<LabelledSet> {
  if (!Number.isFinite(o.cutoff)) throw invalidInput('cutoff is not a time');
  if (!(o.horizonDays > 0)) throw invalidInput('horizon must be a positive number of days');
  const windowsDays = [...new Set([...DEFAULT_WINDOWS_DAYS, o.horizonDays])].sort((a, b) => a - b);
  const spec = await resolveFeatureSpec(o.store, o.cutoff, { windowsDays });
  const set = await buildLabelledSet({
    store: o.store,
    kind,
    asOf: o.cutoff,
    spec,
    labels: { horizonDays: o.horizonDays },
  });
  if (set.matrix.rows < (o.folds ?? 5) * 2) {
    throw invalidInput(
      `only ${set.matrix.rows} customers have an order before the cut-off: import data first or choose a later --cutoff`,
    );
  }
  return set;
}

/**
 * The comparison protocol of issue 4: customers = identified users with an order before the cut-off;
 * label = any order in the horizon; k-fold stratified CV (seed 42); AUC, lift and log loss pooled over
 * the out-of-fold predictions. 'blend' averages the probabilities of gradient boosting and log-RFM
 * logistic regression; 'recency' ranks by days since the last order alone (the baseline).
 */
export async function evaluatePropensity(
  o: ProtocolOptions & { model?: PropensityEvalModel },
): Promise<PropensityReport> {
  const set = await protocolSet(o, 'propensity');
  const { matrix } = set;
  const y = Int32Array.from(set.y);
  let positives = 0;
  for (const v of y) positives += v;
  if (positives === 0 || positives === y.length) {
    throw invalidInput(
      `every customer has the same label (${positives} of ${y.length} bought): nothing to rank`,
    );
  }
  const model = o.model ?? 'gbdt';
  const k = o.folds ?? 5;
  const folds = stratifiedFolds(y, k, o.seed ?? 42);
  const oof = new Float64Array(matrix.rows);
  if (model === 'recency') {
    const r = columnIndex(matrix, 'recency_days');
    for (let i = 0; i < matrix.rows; i++) oof[i] = 1 / (1 + matrix.data[i * matrix.cols + r] / 30);
  } else {
    for (let f = 0; f < k; f++) {
      const { train, test } = foldIndices(folds, f);
      const Xtr = selectRows(matrix, train);
      const Xte = selectRows(matrix, test);
      const ytr = Int32Array.from(train, (i) => y[i]);
      const fitAndPredict = (a: ClassifierAlgorithm) =>
        PredictionModel.fitClassifier(a, Xtr, ytr, matrix.columns).predict(Xte);
      let p: Float64Array;
      if (model === 'blend') {
        const a = fitAndPredict('gbdt');
        const b = fitAndPredict('logistic');
        p = a.map((v, i) => (v + b[i]) / 2);
      } else p = fitAndPredict(model);
      test.forEach((row, i) => {
        oof[row] = p[i];
      });
      o.onProgress?.((f + 1) / k, `fold ${f + 1}/${k}`);
    }
  }
  const clipped = oof.map((p) => Math.min(1 - 1e-15, Math.max(1e-15, p)));
  return {
    customers: matrix.rows,
    positive_rate: positives / matrix.rows,
    auc: rocAuc(y, oof),
    lift_at_10pct: liftAtK(y, oof, 0.1),
    logloss: model === 'recency' ? Number.NaN : logLoss(y, clipped),
    model: model === 'blend' ? 'gbdt+logistic' : model,
  };
}

/** Spend over the horizon, same customers and folds (stratified on whether they bought). */
export const CLV_EVAL_MODELS = ['spend-linear', 'gbdt', 'bgnbd', 'naive'] as const;
export type ClvEvalModel = (typeof CLV_EVAL_MODELS)[number];

export async function evaluateClv(o: ProtocolOptions & { model?: ClvEvalModel }): Promise<ClvReport> {
  const set = await protocolSet(o, 'clv');
  const { matrix, y } = set;
  const bought = Int32Array.from(y, (v) => (v > 0 ? 1 : 0));
  const k = o.folds ?? 5;
  const folds = stratifiedFolds(bought, k, o.seed ?? 42);
  const naiveCol = columnIndex(matrix, `revenue_${o.horizonDays}d`);
  const naive = Float64Array.from({ length: matrix.rows }, (_, i) => matrix.data[i * matrix.cols + naiveCol]);
  const model = o.model ?? 'spend-linear';
  const spendIdx = spendColumns(o.horizonDays).map((n) => columnIndex(matrix, n));
  const oof = new Float64Array(matrix.rows);
  if (model === 'naive') oof.set(naive);
  else {
    for (let f = 0; f < k; f++) {
      const { train, test } = foldIndices(folds, f);
      const Xtr = selectRows(matrix, train);
      const Xte = selectRows(matrix, test);
      const ytr = Float64Array.from(train, (i) => y[i]);
      const p =
        model === 'bgnbd'
          ? bgNbdClv(Xtr, Xte, o.horizonDays)
          : (model === 'gbdt'
              ? PredictionModel.fitRegressor(Xtr, ytr)
              : PredictionModel.fitSpendLinear(Xtr, ytr, spendIdx)
            ).predict(Xte);
      test.forEach((row, i) => {
        oof[row] = Math.max(0, p[i]);
      });
      o.onProgress?.((f + 1) / k, `fold ${f + 1}/${k}`);
    }
  }
  return {
    customers: matrix.rows,
    rmse: rootMeanSquaredError(y, oof),
    naive_rmse: rootMeanSquaredError(y, naive),
    model,
  };
}
