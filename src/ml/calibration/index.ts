export {
  IsotonicRegression,
  type IsotonicRegressionFitted,
  type IsotonicRegressionParams,
  pav,
} from './isotonic-regression.js';
export { PlattScaling, type PlattScalingFitted, type PlattScalingParams } from './platt-scaling.js';
