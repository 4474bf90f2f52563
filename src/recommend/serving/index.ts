export { Catalogue, type CatalogueItem } from './catalogue.js';
export { buildInteractionMatrix, type InteractionMatrix } from './interaction-matrix.js';
export { RECOMMEND_TRAIN_JOB, registerRecommendationJobs, scheduleRecommendationRefresh } from './jobs.js';
export { POPULAR_IN_SEGMENT, POPULAR_NOW } from './reasons.js';
export {
  checkQuery,
  type RecommendationQuery,
  RecommendationService,
  type Recommendations,
  type RecommendedItem,
  STRATEGIES,
  type Strategy,
} from './recommendation-service.js';
export {
  PERSONAL_STRATEGY,
  RECOMMEND_MODEL_KIND,
  SERVING_DEFAULTS,
  type ServingArtifact,
  type TrainRecommendationsOptions,
  type TrainRecommendationsResult,
  trainRecommendations,
} from './train-recommendations.js';
