import { checkPair } from './check.js';

export function meanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = checkPair(yTrue, yPred, 'yTrue', 'yPred');
  let s = 0;
  for (let i = 0; i < n; i++) s += (yTrue[i] - yPred[i]) ** 2;
  return s / n;
}

export const rootMeanSquaredError = (yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number =>
  Math.sqrt(meanSquaredError(yTrue, yPred));

export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = checkPair(yTrue, yPred, 'yTrue', 'yPred');
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.abs(yTrue[i] - yPred[i]);
  return s / n;
}

/** Coefficient of determination 1 − SS_res / SS_tot; a constant yTrue gives 1 if predicted exactly, else 0 (sklearn). */
export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = checkPair(yTrue, yPred, 'yTrue', 'yPred');
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i];
  mean /= n;
  let res = 0;
  let tot = 0;
  for (let i = 0; i < n; i++) {
    res += (yTrue[i] - yPred[i]) ** 2;
    tot += (yTrue[i] - mean) ** 2;
  }
  if (tot === 0) return res === 0 ? 1 : 0;
  return 1 - res / tot;
}
