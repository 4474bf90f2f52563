import { OspreyError } from '../../core/errors.js';
import { GradientBoostingClassifier, GradientBoostingRegressor } from '../boosting/index.js';
import { LinearSVC } from '../linear/linear-svc.js';
import { LogisticRegression } from '../linear/logistic-regression.js';
import type { Dense } from '../matrix.js';
import { MlpClassifier, MlpRegressor } from '../neural/index.js';
import { DecisionTreeClassifier, DecisionTreeRegressor } from '../tree/index.js';
import { type FoldData, rowsOf } from './cross-validate.js';
import { applyEncoding, fitEncoding, toCsr } from './feature-encoding.js';

/**
 * The models the generic evaluators (`osprey eval classify|regress`) compare, with the settings the
 * benchmark uses for their peers, and the per-fold preparation each needs: gradient boosting takes
 * the columns as they are (native categoricals, NaN as missing); CART takes one-hot columns; the MLP
 * one-hot, imputed and standardised columns.
 */
export const TABULAR_MODELS = ['gbdt', 'logreg', 'tree', 'mlp', 'svm'] as const;
export type TabularModelName = (typeof TABULAR_MODELS)[number];
/** Models available for classification (regression: gbdt, tree, mlp). */
export const AVAILABLE_TABULAR_MODELS: readonly TabularModelName[] = ['gbdt', 'logreg', 'tree', 'mlp', 'svm'];

export interface TabularProblem {
  /** rows × features: numbers, or category codes for the columns in `categorical`; NaN = missing. */
  readonly X: Dense;
  readonly categorical: ReadonlySet<number>;
  readonly seed: number;
}

/** Settings shared with `bench/ml.ts` (XGBoost peer: 300 trees, depth 6, lr 0.05, 0.8/0.8 sampling). */
export const GBDT_EVAL_PARAMS = {
  nEstimators: 300,
  learningRate: 0.05,
  maxDepth: 6,
  numLeaves: 64,
  subsample: 0.8,
  colsample: 0.8,
  minDataInLeaf: 50,
  minChildWeight: 1,
  lambda: 1,
} as const;

/** scikit-learn peer: LogisticRegression(solver="lbfgs", max_iter=1000) on scaled inputs. */
export const LOGREG_EVAL_PARAMS = { penalty: 'l2', C: 1, maxIter: 1000 } as const;

/** liblinear's defaults (LinearSVC: squared hinge, C = 1); probabilities are a logistic of the margin. */
export const SVM_EVAL_PARAMS = { loss: 'squared_hinge', C: 1, maxIter: 1000 } as const;

export const TREE_EVAL_PARAMS = { maxDepth: 8, minSamplesLeaf: 20 } as const;

export const MLP_EVAL_PARAMS = {
  hiddenLayers: [64, 32],
  batchSize: 256,
  learningRate: 1e-3,
  maxEpochs: 50,
  patience: 5,
  earlyStopping: true,
} as const;

type Trainer = (d: FoldData, timed: <R>(fn: () => R) => R) => Float64Array;

function unavailable(name: string, task: string, available: readonly string[]): never {
  throw new OspreyError(
    'UNSUPPORTED',
    `model '${name}' is not available for ${task}; choose one of ${available.join(', ')}`,
  );
}

function encoded(p: TabularProblem, d: FoldData, standardize: boolean): { train: Dense; test: Dense } {
  const plan = fitEncoding(p.X, d.train, p.categorical, standardize);
  return {
    train: applyEncoding(plan, p.X, d.train, standardize),
    test: applyEncoding(plan, p.X, d.test, standardize),
  };
}

/** A trainer returning the positive-class probability of each test row (y is 0/1). */
export function binaryTrainer(name: TabularModelName, p: TabularProblem, y: ArrayLike<number>): Trainer {
  const labels = (rows: Int32Array) => Int32Array.from(rows, (r) => y[r]);
  const positive = (proba: Dense) =>
    Float64Array.from({ length: proba.rows }, (_, i) => proba.data[i * 2 + 1]);
  switch (name) {
    case 'gbdt':
      return (d, timed) => {
        const m = new GradientBoostingClassifier({
          ...GBDT_EVAL_PARAMS,
          categoricalFeatures: [...p.categorical],
          seed: p.seed,
        });
        timed(() => m.fit(rowsOf(p.X, d.train), labels(d.train)));
        return positive(m.predictProba(rowsOf(p.X, d.test)));
      };
    case 'logreg':
      return (d, timed) => {
        const { train, test } = encoded(p, d, true);
        const m = new LogisticRegression(LOGREG_EVAL_PARAMS);
        const sparse = toCsr(train);
        timed(() => m.fit(sparse, labels(d.train)));
        return positive(m.predictProba(test));
      };
    case 'svm':
      return (d, timed) => {
        const { train, test } = encoded(p, d, true);
        const m = new LinearSVC(SVM_EVAL_PARAMS);
        const sparse = toCsr(train);
        timed(() => m.fit(sparse, labels(d.train)));
        return positive(m.predictProba(test));
      };
    case 'tree':
      return (d, timed) => {
        const { train, test } = encoded(p, d, false);
        const m = new DecisionTreeClassifier(TREE_EVAL_PARAMS);
        timed(() => m.fit(train, labels(d.train)));
        return positive(m.predictProba(test));
      };
    case 'mlp':
      return (d, timed) => {
        const { train, test } = encoded(p, d, true);
        const m = new MlpClassifier({
          ...MLP_EVAL_PARAMS,
          hiddenLayers: [...MLP_EVAL_PARAMS.hiddenLayers],
          seed: p.seed,
        });
        timed(() => m.fit(train, labels(d.train)));
        return positive(m.predictProba(test));
      };
    default:
      return unavailable(name, 'classification', AVAILABLE_TABULAR_MODELS);
  }
}

/** A trainer returning the predicted value of each test row. */
export function regressionTrainer(name: TabularModelName, p: TabularProblem, y: ArrayLike<number>): Trainer {
  const targets = (rows: Int32Array) => Float64Array.from(rows, (r) => y[r]);
  switch (name) {
    case 'gbdt':
      return (d, timed) => {
        const m = new GradientBoostingRegressor({
          ...GBDT_EVAL_PARAMS,
          categoricalFeatures: [...p.categorical],
          seed: p.seed,
        });
        timed(() => m.fit(rowsOf(p.X, d.train), targets(d.train)));
        return m.predict(rowsOf(p.X, d.test));
      };
    case 'tree':
      return (d, timed) => {
        const { train, test } = encoded(p, d, false);
        const m = new DecisionTreeRegressor(TREE_EVAL_PARAMS);
        timed(() => m.fit(train, targets(d.train)));
        return m.predict(test);
      };
    case 'mlp':
      return (d, timed) => {
        const { train, test } = encoded(p, d, true);
        const m = new MlpRegressor({
          ...MLP_EVAL_PARAMS,
          hiddenLayers: [...MLP_EVAL_PARAMS.hiddenLayers],
          seed: p.seed,
        });
        timed(() => m.fit(train, targets(d.train)));
        return m.predict(test);
      };
    default:
      return unavailable(name, 'regression', ['gbdt', 'tree', 'mlp']);
  }
}
