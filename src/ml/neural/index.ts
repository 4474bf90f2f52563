export {
  MLP_DEFAULTS,
  MLP_PARAM_TABLE,
  MlpClassifier,
  type MlpFitted,
  type MlpParams,
  MlpRegressor,
} from './mlp.js';
