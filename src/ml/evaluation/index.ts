export {
  type ClassificationReport,
  type CrossValidateOptions,
  crossValidateBinary,
  crossValidateRegression,
  type FoldData,
  type RegressionReport,
  rowsOf,
} from './cross-validate.js';
export { applyEncoding, type EncodingPlan, fitEncoding, toCsr } from './feature-encoding.js';
export { logLoss, regressionScores, rocAuc, thresholdScores } from './scores.js';
export { foldIndices, shuffledFolds, stratifiedFolds } from './stratified-folds.js';
export {
  AVAILABLE_TABULAR_MODELS,
  binaryTrainer,
  GBDT_EVAL_PARAMS,
  LOGREG_EVAL_PARAMS,
  MLP_EVAL_PARAMS,
  regressionTrainer,
  SVM_EVAL_PARAMS,
  TABULAR_MODELS,
  type TabularModelName,
  type TabularProblem,
  TREE_EVAL_PARAMS,
} from './tabular-models.js';
