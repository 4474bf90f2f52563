export { LinearSVC, type LinearSvcFitted, type LinearSvcParams } from './linear-svc.js';
export {
  LogisticRegression,
  type LogisticRegressionFitted,
  type LogisticRegressionParams,
  sigmoid,
} from './logistic-regression.js';
export {
  LinearRegression,
  type LinearRegressionParams,
  Ridge,
  type RidgeFitted,
  type RidgeParams,
} from './ridge.js';
