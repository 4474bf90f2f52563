export {
  type BuildFeaturesOptions,
  buildFeatureMatrix,
  columnIndex,
  type FeatureMatrix,
  resolveFeatureSpec,
} from './feature-matrix.js';
export {
  DEFAULT_CATEGORICAL_TRAITS,
  DEFAULT_EVENT_NAMES,
  DEFAULT_NUMERIC_TRAITS,
  DEFAULT_ORDER_WINDOWS,
  DEFAULT_WINDOWS_DAYS,
  describeFeature,
  type FeatureColumn,
  type FeatureSpec,
  type FeatureUnit,
  featureColumns,
  slug,
} from './feature-spec.js';
