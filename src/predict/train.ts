import { invalidInput } from '../core/errors.js';
import type { JsonObject } from '../core/types.js';
import {
  columnIndex,
  DEFAULT_WINDOWS_DAYS,
  type FeatureMatrix,
  resolveFeatureSpec,
} from '../features/index.js';
import type { Dense } from '../ml/matrix.js';
import {
  calibrationCurve,
  liftAtK,
  logLoss,
  rocAuc,
  rocCurve,
  rootMeanSquaredError,
} from '../ml/metrics/index.js';
import type { ModelRecord, Store } from '../store/store.js';
import { buildLabelledSet, type LabelledSet, type LabelOptions, type PredictionKind } from './labels.js';
import { type ClassifierAlgorithm, PredictionModel } from './prediction-model.js';
import { type ServedArtifact, scoreAll } from './serving.js';

const DAY = 86_400_000;
export const MIN_POSITIVES = 50;

export interface TrainOptions {
  store: Store;
  kind: PredictionKind;
  /** Scoring time; the validation cut-off is now − H, training cut-offs H, 2H... before that. */
  now?: number;
  horizonDays?: number;
  /** Classifiers: gradient boosting (default) or logistic regression (interpretable). */
  algorithm?: ClassifierAlgorithm;
  churnOn?: LabelOptions['churnOn'];
  category?: string;
  calibration?: 'platt' | 'isotonic';
  /** How many earlier cut-offs to train on (default 3). */
  trainingCutoffs?: number;
  /** Score every user with the new model once trained (default true). */
  score?: boolean;
  onProgress?: (fraction: number, message?: string) => void;
}

export interface TrainResult {
  model: ModelRecord;
  scored: number;
}

function stack(sets: LabelledSet[]): { X: FeatureMatrix; y: Float64Array } {
  const first = sets[0].matrix;
  const rows = sets.reduce((s, t) => s + t.matrix.rows, 0);
  const data = new Float64Array(rows * first.cols);
  const y = new Float64Array(rows);
  let r = 0;
  for (const s of sets) {
    data.set(s.matrix.data, r * first.cols);
    y.set(s.y, r);
    r += s.matrix.rows;
  }
  return { X: { ...first, rows, data, profileIds: new Int32Array(rows), userIds: [] }, y };
}

const iso = (t: number) => new Date(t).toISOString();
const label: Record<PredictionKind, string> = {
  churn: 'churned',
  propensity: 'bought',
  clv: 'spent anything',
};

/**
 * Train a churn, propensity or CLV model with time-based validation: features as of earlier cut-offs
 * with labels from the H days after each, validated on the latest cut-off whose window has fully passed
 * (now − H); probabilities calibrated on that later period. The new version becomes active and, unless
 * `score: false`, every user is scored with it.
 */
export async function trainModel(o: TrainOptions): Promise<TrainResult> {
  const { store, kind } = o;
  const now = o.now ?? Date.now();
  const H = o.horizonDays ?? 90;
  if (!(H > 0 && H <= 730)) throw invalidInput(`horizonDays must be between 1 and 730; got ${H}`);
  const nCut = o.trainingCutoffs ?? 3;
  const algorithm: ClassifierAlgorithm = kind === 'clv' ? 'gbdt' : (o.algorithm ?? 'gbdt');
  const labels: LabelOptions = { horizonDays: H, churnOn: o.churnOn, category: o.category };
  const progress = (f: number, m: string) => o.onProgress?.(f, m);

  const validationCutoff = now - H * DAY;
  const windowsDays = [...new Set([...DEFAULT_WINDOWS_DAYS, H])].sort((a, b) => a - b);
  const spec = await resolveFeatureSpec(store, validationCutoff, { windowsDays });
  const cutoffs = Array.from({ length: nCut }, (_, k) => validationCutoff - (k + 1) * H * DAY);
  const trainSets: LabelledSet[] = [];
  for (let k = 0; k < cutoffs.length; k++) {
    progress((k / (nCut + 2)) * 0.6, `features as of ${iso(cutoffs[k]).slice(0, 10)}`);
    const s = await buildLabelledSet({ store, kind, asOf: cutoffs[k], spec, labels });
    if (s.matrix.rows > 0) trainSets.push(s);
  }
  progress(0.5, `features as of ${iso(validationCutoff).slice(0, 10)} (validation)`);
  const valid = await buildLabelledSet({ store, kind, asOf: validationCutoff, spec, labels });

  const window = `training cut-offs ${cutoffs.map((c) => iso(c).slice(0, 10)).join(', ')} with ${H}-day outcome windows`;
  if (trainSets.length === 0) {
    throw invalidInput(
      `${kind}: too little data to train: no customers with an order before any of the ${window}`,
    );
  }
  const { X, y } = stack(trainSets);
  let pos = 0;
  for (const v of y) if (v > 0) pos++;
  if (pos < MIN_POSITIVES || (kind !== 'clv' && pos === y.length)) {
    const what = pos === y.length ? 'every one of them' : `only ${pos}`;
    throw invalidInput(
      `${kind}: too little data to train: ${X.rows} customers at the ${window}, of whom ${what} ${label[kind]}; ` +
        `at least ${MIN_POSITIVES} who ${label[kind]} and some who did not are needed`,
    );
  }
  let vpos = 0;
  for (const v of valid.y) if (v > 0) vpos++;
  if (valid.matrix.rows === 0 || (kind !== 'clv' && (vpos === 0 || vpos === valid.matrix.rows))) {
    throw invalidInput(
      `${kind}: too little data to validate: the validation cut-off ${iso(validationCutoff).slice(0, 10)} has ` +
        `${valid.matrix.rows} customers, ${vpos} of whom ${label[kind]}; both outcomes are needed`,
    );
  }

  progress(0.65, `fitting ${algorithm}`);
  const training: JsonObject = {
    cutoffs: trainSets.map((s) => iso(s.asOf)),
    validationCutoff: iso(validationCutoff),
    horizonDays: H,
    trainRows: X.rows,
    validationRows: valid.matrix.rows,
    ...(o.churnOn ? { churnOn: o.churnOn } : {}),
    ...(o.category ? { category: o.category } : {}),
  };
  let model: PredictionModel;
  let metrics: JsonObject;
  let prior: number;
  if (kind === 'clv') {
    model = PredictionModel.fitRegressor(X, y);
    const p = model.predict(valid.matrix).map((v) => Math.max(0, v));
    const naiveCol = columnIndex(valid.matrix, `revenue_${H}d`);
    const naive = Float64Array.from(
      { length: valid.matrix.rows },
      (_, i) => valid.matrix.data[i * valid.matrix.cols + naiveCol],
    );
    metrics = { rmse: rootMeanSquaredError(valid.y, p), naiveRmse: rootMeanSquaredError(valid.y, naive) };
    prior = y.reduce((s, v) => s + v, 0) / y.length;
  } else {
    const yi = Int32Array.from(y);
    const vy = Int32Array.from(valid.y);
    model = PredictionModel.fitClassifier(algorithm, X, yi, X.columns);
    const raw = model.raw(valid.matrix);
    // Cross-fitted calibration on the validation period: each half is calibrated on the other, so the
    // reported log loss and calibration curve are honest; the served calibrator then uses all of it.
    const half = Int32Array.from({ length: vy.length }, (_, i) => i % 2);
    const calibrated = new Float64Array(vy.length);
    for (const side of [0, 1]) {
      const fitIdx = [...half.keys()].filter((i) => half[i] !== side);
      const evalIdx = [...half.keys()].filter((i) => half[i] === side);
      const fy = Int32Array.from(fitIdx, (i) => vy[i]);
      const hasBoth = fy.some((v) => v === 1) && fy.some((v) => v === 0);
      const cal = PredictionModel.fromJSON(model.toJSON());
      const sub = (idx: number[]): Dense => subDense(valid.matrix, idx);
      if (hasBoth) cal.calibrate(sub(fitIdx), fy, o.calibration);
      const pe = cal.predict(sub(evalIdx));
      evalIdx.forEach((row, k) => {
        calibrated[row] = pe[k];
      });
    }
    model.calibrate(valid.matrix, vy, o.calibration);
    const clipped = calibrated.map((p) => Math.min(1 - 1e-15, Math.max(1e-15, p)));
    const roc = rocCurve(vy, raw);
    const step = Math.max(1, Math.ceil(roc.fpr.length / 50));
    const curve = calibrationCurve(vy, clipped, { bins: 10, strategy: 'quantile' });
    metrics = {
      auc: rocAuc(vy, raw),
      logLoss: logLoss(vy, clipped),
      liftAtTopDecile: liftAtK(vy, raw, 0.1),
      positiveRate: vpos / vy.length,
      calibration: {
        meanPredicted: curve.meanPredicted,
        fractionPositive: curve.fractionPositive,
        count: curve.count,
      },
      roc: {
        fpr: roc.fpr.filter((_, i) => i % step === 0 || i === roc.fpr.length - 1),
        tpr: roc.tpr.filter((_, i) => i % step === 0 || i === roc.tpr.length - 1),
      },
    };
    prior = pos / y.length;
  }
  const artifact: ServedArtifact = {
    model: model.toJSON(),
    spec,
    horizonDays: H,
    prior,
    ...(o.churnOn ? { churnOn: o.churnOn } : {}),
  };
  const record = await store.models.create(
    {
      kind,
      algorithm: kind === 'clv' ? 'gbdt-regressor' : algorithm,
      params: {
        ...((model.toJSON().estimator as JsonObject).params as JsonObject),
        calibration: o.calibration ?? 'platt',
      },
      training,
      metrics,
      active: true,
      artifact: artifact as unknown as JsonObject,
    },
    Date.now(),
  );
  progress(0.8, `scoring with ${kind} v${record.version}`);
  const scored = o.score === false ? 0 : await scoreAll({ store, kind, now });
  progress(1, `${kind} v${record.version} trained, ${scored} users scored`);
  return { model: record, scored };
}

function subDense(m: Dense, idx: number[]): Dense {
  const data = new Float64Array(idx.length * m.cols);
  idx.forEach((r, k) => {
    data.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), k * m.cols);
  });
  return { rows: idx.length, cols: m.cols, data };
}
