export {
  type ClvReport,
  evaluateClv,
  evaluatePropensity,
  PROPENSITY_EVAL_MODELS,
  type PropensityEvalModel,
  type PropensityReport,
} from './evaluate-protocol.js';
export {
  buildLabelledSet,
  isPredictionKind,
  type LabelledSet,
  type LabelOptions,
  PREDICTION_KINDS,
  type PredictionKind,
  populationRows,
  selectRows,
} from './labels.js';
export { type ClassifierAlgorithm, PredictionModel } from './prediction-model.js';
export { formatEffect, NO_HISTORY, NO_PURCHASE_HISTORY, type Reason, topReasons } from './reasons.js';
export {
  activeModel,
  type Prediction,
  predictionsForProfile,
  predictRows,
  type ServedArtifact,
  type ServedModel,
  scoreAll,
} from './serving.js';
export { MIN_POSITIVES, type TrainOptions, type TrainResult, trainModel } from './train.js';
export {
  parseTrainRequest,
  RETRAIN_EVERY_MS,
  registerTrainingJobs,
  runTraining,
  scheduleTraining,
  TRAIN_JOB,
  type TrainRequest,
} from './training-jobs.js';
