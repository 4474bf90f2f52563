export {
  GRADIENT_BOOSTING_DEFAULTS,
  GRADIENT_BOOSTING_PARAM_TABLE,
  GradientBoostingClassifier,
  type GradientBoostingFitOptions,
  type GradientBoostingFitted,
  type GradientBoostingParams,
  GradientBoostingRegressor,
} from './gradient-boosting.js';
