import type { Dense } from '../matrix.js';
import { logLoss, regressionScores, rocAuc, thresholdScores } from './scores.js';
import { foldIndices } from './stratified-folds.js';

/**
 * K-fold evaluation of a binary classifier or a regressor. The model is reached only through a
 * `train` callback that returns a predictor, so any estimator (and any per-fold preprocessing) fits.
 * `now` is injected because src/ml reads no clock; without it fit times are reported as 0.
 */
export interface FoldData {
  readonly fold: number;
  readonly train: Int32Array;
  readonly test: Int32Array;
}

export interface CrossValidateOptions {
  /** Wall clock in milliseconds (e.g. performance.now). */
  now?: () => number;
  /** Process CPU time in milliseconds, to report fit CPU seconds beside wall seconds. */
  cpuNow?: () => number;
  onFold?: (fold: number, folds: number) => void;
}

export interface ClassificationReport {
  folds: number;
  auc: number;
  aucStd: number;
  logloss: number;
  accuracy: number;
  f1: number;
  fitSeconds: number;
  fitCpuSeconds: number;
  perFold: { auc: number; logloss: number; accuracy: number; f1: number; fitSeconds: number }[];
}

export interface RegressionReport {
  folds: number;
  rmse: number;
  mae: number;
  r2: number;
  fitSeconds: number;
  fitCpuSeconds: number;
  perFold: { rmse: number; mae: number; r2: number; fitSeconds: number }[];
}

const mean = (a: number[]): number => a.reduce((s, v) => s + v, 0) / a.length;
/** Population standard deviation (numpy's default, as in the scikit-learn peers). */
const std = (a: number[]): number => {
  const m = mean(a);
  return Math.sqrt(mean(a.map((v) => (v - m) ** 2)));
};

function runFolds<T>(
  folds: Int32Array,
  k: number,
  o: CrossValidateOptions,
  each: (d: FoldData, timed: <R>(fn: () => R) => R) => T,
): { results: T[]; seconds: number[]; cpuSeconds: number } {
  const results: T[] = [];
  const seconds: number[] = [];
  let cpuSeconds = 0;
  for (let f = 0; f < k; f++) {
    const { train, test } = foldIndices(folds, f);
    let elapsed = 0;
    const timed = <R>(fn: () => R): R => {
      const t0 = o.now?.() ?? 0;
      const c0 = o.cpuNow?.() ?? 0;
      const r = fn();
      elapsed += ((o.now?.() ?? 0) - t0) / 1000;
      cpuSeconds += ((o.cpuNow?.() ?? 0) - c0) / 1000;
      return r;
    };
    results.push(each({ fold: f, train, test }, timed));
    seconds.push(elapsed);
    o.onFold?.(f + 1, k);
  }
  return { results, seconds, cpuSeconds };
}

/**
 * `train(d, timed)` fits on `d.train` (wrapping the fit itself in `timed`) and returns the positive-class
 * probability of every row of `d.test`.
 */
export function crossValidateBinary(
  y: ArrayLike<number>,
  folds: Int32Array,
  k: number,
  train: (d: FoldData, timed: <R>(fn: () => R) => R) => ArrayLike<number>,
  o: CrossValidateOptions = {},
): ClassificationReport {
  const { results, seconds, cpuSeconds } = runFolds(folds, k, o, (d, timed) => {
    const p = train(d, timed);
    const yt = Float64Array.from(d.test, (r) => y[r]);
    return { auc: rocAuc(yt, p), logloss: logLoss(yt, p), ...thresholdScores(yt, p, 0.5) };
  });
  const perFold = results.map((r, i) => ({ ...r, fitSeconds: seconds[i] }));
  return {
    folds: k,
    auc: mean(results.map((r) => r.auc)),
    aucStd: std(results.map((r) => r.auc)),
    logloss: mean(results.map((r) => r.logloss)),
    accuracy: mean(results.map((r) => r.accuracy)),
    f1: mean(results.map((r) => r.f1)),
    fitSeconds: seconds.reduce((a, b) => a + b, 0),
    fitCpuSeconds: cpuSeconds,
    perFold,
  };
}

export function crossValidateRegression(
  y: ArrayLike<number>,
  folds: Int32Array,
  k: number,
  train: (d: FoldData, timed: <R>(fn: () => R) => R) => ArrayLike<number>,
  o: CrossValidateOptions = {},
): RegressionReport {
  const { results, seconds, cpuSeconds } = runFolds(folds, k, o, (d, timed) => {
    const p = train(d, timed);
    return regressionScores(
      Array.from(d.test, (r) => y[r]),
      p,
    );
  });
  return {
    folds: k,
    rmse: mean(results.map((r) => r.rmse)),
    mae: mean(results.map((r) => r.mae)),
    r2: mean(results.map((r) => r.r2)),
    fitSeconds: seconds.reduce((a, b) => a + b, 0),
    fitCpuSeconds: cpuSeconds,
    perFold: results.map((r, i) => ({ ...r, fitSeconds: seconds[i] })),
  };
}

/** Rows `idx` of a dense matrix (helper for fold slicing without going through CSR-aware code). */
export function rowsOf(X: Dense, idx: ArrayLike<number>): Dense {
  const out = new Float64Array(idx.length * X.cols);
  for (let i = 0; i < idx.length; i++)
    out.set(X.data.subarray(idx[i] * X.cols, (idx[i] + 1) * X.cols), i * X.cols);
  return { rows: idx.length, cols: X.cols, data: out };
}
