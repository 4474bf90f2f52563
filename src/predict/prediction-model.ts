import { invalidInput } from '../core/errors.js';
import type { JsonObject } from '../core/types.js';
import type { FeatureColumn } from '../features/index.js';
import {
  GradientBoostingClassifier,
  type GradientBoostingParams,
  GradientBoostingRegressor,
} from '../ml/boosting/index.js';
import { IsotonicRegression, PlattScaling } from '../ml/calibration/index.js';
import type { ModelArtifact } from '../ml/estimator.js';
import { LogisticRegression } from '../ml/linear/index.js';
import type { Dense } from '../ml/matrix.js';

/** The algorithms a prediction can be served by. */
export type ClassifierAlgorithm = 'gbdt' | 'logistic';
export type RegressorAlgorithm = 'gbdt';

/**
 * Production settings: shallow trees with row and column sampling, tuned on the demo shop and UCI Online
 * Retail (a few thousand customers): deeper trees overfit those bases (bench/RESULTS.md, "Predictions").
 */
export const GBDT_PREDICT_PARAMS = {
  nEstimators: 200,
  learningRate: 0.03,
  numLeaves: 8,
  maxDepth: 3,
  minDataInLeaf: 30,
  subsample: 0.8,
  colsample: 0.8,
  lambda: 5,
  seed: 42,
} as const;

export const LOGISTIC_PREDICT_PARAMS = { penalty: 'l2', C: 0.1, maxIter: 1000 } as const;

/**
 * Linear models see a signed log of heavy-tailed columns (counts, money, days — the "log-RFM" of the
 * marketing literature), missing values imputed by the training median, then standardised.
 */
export interface LinearPreprocessing {
  log: boolean[];
  /** training median of the transformed column, imputed for missing values */
  median: number[];
  center: number[];
  scale: number[];
}

function transformValue(v: number, log: boolean): number {
  return log ? Math.sign(v) * Math.log1p(Math.abs(v)) : v;
}

export function fitLinearPreprocessing(X: Dense, columns: FeatureColumn[]): LinearPreprocessing {
  const { rows, cols, data } = X;
  const log = columns.map((c) => c.unit === 'count' || c.unit === 'money' || c.unit === 'days');
  const median: number[] = [];
  const center: number[] = [];
  const scale: number[] = [];
  const col = new Float64Array(rows);
  for (let j = 0; j < cols; j++) {
    let k = 0;
    for (let i = 0; i < rows; i++) {
      const v = data[i * cols + j];
      if (!Number.isNaN(v)) col[k++] = transformValue(v, log[j]);
    }
    const present = col.subarray(0, k).slice().sort();
    const med = k === 0 ? 0 : present[k >> 1];
    median.push(med);
    let mean = 0;
    for (let i = 0; i < rows; i++) {
      const v = data[i * cols + j];
      mean += Number.isNaN(v) ? med : transformValue(v, log[j]);
    }
    mean /= Math.max(1, rows);
    let ss = 0;
    for (let i = 0; i < rows; i++) {
      const v = data[i * cols + j];
      const t = Number.isNaN(v) ? med : transformValue(v, log[j]);
      ss += (t - mean) ** 2;
    }
    const sd = Math.sqrt(ss / Math.max(1, rows));
    // Imputation then centring: a missing value maps to (median − mean) / sd.
    center.push(mean);
    scale.push(sd > 1e-12 ? sd : 1);
  }
  return { log, median, center, scale };
}

export function applyLinearPreprocessing(X: Dense, p: LinearPreprocessing): Dense {
  const { rows, cols, data } = X;
  const median = p.median;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = data[i * cols + j];
      const t = Number.isNaN(v) ? median[j] : transformValue(v, p.log[j]);
      out[i * cols + j] = (t - p.center[j]) / p.scale[j];
    }
  }
  return { rows, cols, data: out };
}

type Calibrator = PlattScaling | IsotonicRegression;

/**
 * One served model: the estimator, its input preparation, an optional probability calibrator and the
 * feature columns it was trained on. `contributions` explains a row on the output scale: log-odds for
 * classifiers, currency for regressors.
 */
export class PredictionModel {
  private constructor(
    readonly task: 'classification' | 'regression',
    readonly algorithm: ClassifierAlgorithm | RegressorAlgorithm,
    private readonly gbdtC: GradientBoostingClassifier | undefined,
    private readonly gbdtR: GradientBoostingRegressor | undefined,
    private readonly logistic: LogisticRegression | undefined,
    private readonly prep: LinearPreprocessing | undefined,
    private calibrator: Calibrator | undefined,
  ) {}

  static fitClassifier(
    algorithm: ClassifierAlgorithm,
    X: Dense,
    y: Int32Array,
    columns: FeatureColumn[],
    params: JsonObject = {},
  ): PredictionModel {
    if (algorithm === 'gbdt') {
      const m = new GradientBoostingClassifier({ ...GBDT_PREDICT_PARAMS, ...params }).fit(X, y);
      return new PredictionModel('classification', 'gbdt', m, undefined, undefined, undefined, undefined);
    }
    if (algorithm === 'logistic') {
      const prep = fitLinearPreprocessing(X, columns);
      const m = new LogisticRegression({ ...LOGISTIC_PREDICT_PARAMS, ...params }).fit(
        applyLinearPreprocessing(X, prep),
        y,
      );
      return new PredictionModel('classification', 'logistic', undefined, undefined, m, prep, undefined);
    }
    throw invalidInput(`unknown classifier algorithm '${String(algorithm)}'; use gbdt or logistic`);
  }

  static fitRegressor(X: Dense, y: Float64Array, params: JsonObject = {}): PredictionModel {
    const m = new GradientBoostingRegressor({ ...GBDT_PREDICT_PARAMS, ...params }).fit(X, y);
    return new PredictionModel('regression', 'gbdt', undefined, m, undefined, undefined, undefined);
  }

  /** Raw score: log-odds (classifier) or value (regressor). */
  raw(X: Dense): Float64Array {
    if (this.gbdtC) return this.gbdtC.predictRaw(X);
    if (this.gbdtR) return this.gbdtR.predict(X);
    const lr = this.logistic as LogisticRegression;
    const Z = applyLinearPreprocessing(X, this.prep as LinearPreprocessing);
    const f = lr.fitted;
    const out = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      let s = f.intercept[0];
      for (let j = 0; j < X.cols; j++) s += f.coef[j] * Z.data[i * X.cols + j];
      out[i] = s;
    }
    return out;
  }

  /** Calibrate probabilities on held-out (later) rows: Platt by default, isotonic when asked. */
  calibrate(X: Dense, y: Int32Array, method: 'platt' | 'isotonic' = 'platt'): this {
    const s = this.raw(X);
    const col: Dense = { rows: s.length, cols: 1, data: s };
    this.calibrator =
      method === 'isotonic' ? new IsotonicRegression().fit(col, y) : new PlattScaling().fit(col, y);
    return this;
  }

  /** Probabilities (calibrated when a calibrator was fitted) or regression values. */
  predict(X: Dense): Float64Array {
    const s = this.raw(X);
    if (this.task === 'regression') return s;
    if (this.calibrator) return this.calibrator.predict({ rows: s.length, cols: 1, data: s });
    return s.map((z) => 1 / (1 + Math.exp(-z)));
  }

  /** The served value of one raw score: calibrated probability, or the value itself for regressors. */
  link(z: number): number {
    if (this.task === 'regression') return z;
    if (this.calibrator) return this.calibrator.predict({ rows: 1, cols: 1, data: Float64Array.of(z) })[0];
    return 1 / (1 + Math.exp(-z));
  }

  /** rows × (features + 1) contributions on the raw scale; the last column is the base value. */
  contributions(X: Dense): Dense {
    if (this.gbdtC) return this.gbdtC.predictContributions(X);
    if (this.gbdtR) return this.gbdtR.predictContributions(X);
    const f = (this.logistic as LogisticRegression).fitted;
    const Z = applyLinearPreprocessing(X, this.prep as LinearPreprocessing);
    const m = X.cols;
    const out = new Float64Array(X.rows * (m + 1));
    for (let i = 0; i < X.rows; i++) {
      // Standardised inputs have mean 0 on the training rows: coef·z is the change from the average customer.
      for (let j = 0; j < m; j++) out[i * (m + 1) + j] = f.coef[j] * Z.data[i * m + j];
      out[i * (m + 1) + m] = f.intercept[0];
    }
    return { rows: X.rows, cols: m + 1, data: out };
  }

  toJSON(): JsonObject {
    const est = this.gbdtC ?? this.gbdtR ?? this.logistic;
    return {
      task: this.task,
      algorithm: this.algorithm,
      estimator: (est as { toJSON(): ModelArtifact }).toJSON() as unknown as JsonObject,
      preprocessing: (this.prep ?? null) as unknown as JsonObject,
      calibrator: (this.calibrator?.toJSON() ?? null) as unknown as JsonObject,
    };
  }

  static fromJSON(j: JsonObject): PredictionModel {
    const est = j.estimator as unknown as ModelArtifact<GradientBoostingParams>;
    const cal = j.calibrator as unknown as ModelArtifact | null;
    const calibrator = cal
      ? cal.kind === IsotonicRegression.kind
        ? IsotonicRegression.fromJSON(cal)
        : PlattScaling.fromJSON(cal)
      : undefined;
    const prep = (j.preprocessing ?? undefined) as unknown as LinearPreprocessing | undefined;
    const task = j.task as 'classification' | 'regression';
    const algorithm = j.algorithm as ClassifierAlgorithm;
    if (algorithm === 'logistic') {
      return new PredictionModel(
        task,
        algorithm,
        undefined,
        undefined,
        LogisticRegression.fromJSON(est),
        prep,
        calibrator,
      );
    }
    if (task === 'regression') {
      return new PredictionModel(
        task,
        'gbdt',
        undefined,
        GradientBoostingRegressor.fromJSON(est),
        undefined,
        undefined,
        undefined,
      );
    }
    return new PredictionModel(
      task,
      'gbdt',
      GradientBoostingClassifier.fromJSON(est),
      undefined,
      undefined,
      undefined,
      calibrator,
    );
  }
}
