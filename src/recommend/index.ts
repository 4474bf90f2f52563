export { ALS_DEFAULTS, type AlsFitted, type AlsParams, ImplicitAls } from './als.js';
export { BPR_DEFAULTS, Bpr, type BprFitted, type BprParams } from './bpr.js';
export { ContentBased, type ContentBasedFitted, type ContentBasedParams } from './content-based.js';
export { EASE_DEFAULTS, Ease, type EaseFitted, type EaseParams } from './ease.js';
export {
  type EvaluableRecommender,
  type EvaluationData,
  evaluateRecommender,
  prepareEvaluation,
  type RecommenderEvaluation,
} from './evaluation/evaluate.js';
export {
  formatFromFileName,
  type InteractionFormat,
  type InteractionLog,
  interactionMatrix,
  parseInteractionsCsv,
  parseMovieLens,
  readInteractions,
} from './evaluation/interactions.js';
export { readMovieLensItemTexts } from './evaluation/item-texts.js';
export {
  parseSplitSpec,
  type Split,
  type SplitSpec,
  splitLog,
  stratifiedSplit,
  timeSplit,
} from './evaluation/split.js';
export {
  addStandardised,
  HYBRID_DEFAULT_MEMBERS,
  Hybrid,
  type HybridFitted,
  type HybridMember,
  type HybridParams,
} from './hybrid.js';
export {
  DEFAULT_WEIGHTING,
  type InteractionWeighting,
  interactionWeight,
} from './interaction-weights.js';
export { ItemKnn, type ItemKnnFitted, type KnnParams } from './item-knn.js';
export type { AnyRecommender } from './members.js';
export { Popularity, type PopularityFitted, type PopularityParams } from './popularity.js';
export type { BaseFitted, Plain, RecommendOptions } from './recommender-base.js';
export { ALGORITHM_KINDS, createRecommender, recommenderFromJSON } from './registry.js';
export { Rp3Beta, type Rp3BetaFitted, type Rp3BetaParams } from './rp3beta.js';
export { UserKnn, type UserKnnFitted } from './user-knn.js';
