export {
  type AveragingOptions,
  accuracy,
  type ConfusionMatrix,
  confusionMatrix,
  f1,
  precision,
  recall,
} from './classification.js';
export {
  adjustedRandIndex,
  daviesBouldinScore,
  inertia,
  sampledSilhouetteScore,
  silhouetteScore,
} from './clustering.js';
export { brierScore, type CalibrationCurve, calibrationCurve, logLoss, quantile } from './probability.js';
export {
  averagePrecisionAtK,
  catalogueCoverage,
  hitsAtK,
  ndcgAtK,
  precisionAtK,
  type RankingMetrics,
  rankingMetrics,
  recallAtK,
} from './ranking.js';
export {
  averagePrecision,
  liftAtK,
  type PrecisionRecallCurve,
  prAuc,
  precisionRecallCurve,
  type RocCurve,
  rocAuc,
  rocCurve,
} from './ranking-curves.js';
export { meanAbsoluteError, meanSquaredError, r2Score, rootMeanSquaredError } from './regression.js';
