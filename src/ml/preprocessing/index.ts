export { columnStats } from './column-stats.js';
export { MinMaxScaler, type MinMaxScalerFitted, type MinMaxScalerParams } from './min-max-scaler.js';
export {
  type CategoricalRows,
  OneHotEncoder,
  type OneHotEncoderFitted,
  type OneHotEncoderParams,
} from './one-hot-encoder.js';
export { OrdinalEncoder, type OrdinalEncoderFitted, type OrdinalEncoderParams } from './ordinal-encoder.js';
export { SimpleImputer, type SimpleImputerFitted, type SimpleImputerParams } from './simple-imputer.js';
export { StandardScaler, type StandardScalerFitted, type StandardScalerParams } from './standard-scaler.js';
