export {
  type ClassificationReport,
  type CrossValidateOptions,
  crossValidateBinary,
  crossValidateRegression,
  type FoldData,
  type RegressionReport,
  rowsOf,
} from './cross-validate.js';
export { applyEncoding, type EncodingPlan, fitEncoding } from './feature-encoding.js';
export { logLoss, regressionScores, rocAuc, thresholdScores } from './scores.js';
export { foldIndices, stratifiedFolds } from './stratified-folds.js';
