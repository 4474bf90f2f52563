export { crossValidate, crossValidateInWorkers, meanStd } from './cross-validate.js';
export { type KFoldOptions, kFold, stratifiedKFold } from './k-fold.js';
export {
  foldsFromAssignment,
  groupByClass,
  type Split,
  type TimeSplitOptions,
  type TrainTestSplitOptions,
  timeSplit,
  trainTestSplit,
} from './split.js';
