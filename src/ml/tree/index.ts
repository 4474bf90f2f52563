export {
  DECISION_TREE_CLASSIFIER_PARAM_TABLE,
  DECISION_TREE_REGRESSOR_PARAM_TABLE,
  DecisionTreeClassifier,
  type DecisionTreeClassifierParams,
  type DecisionTreeFitted,
  DecisionTreeRegressor,
  type DecisionTreeRegressorParams,
} from './decision-tree.js';
