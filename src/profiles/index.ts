export {
  type BaseStats,
  describeSegment,
  type SegmentDescription,
  type Standout,
  uniqueNames,
} from './describe-segment.js';
export { profileSegments } from './profile-segments.js';
export {
  assignRfm,
  quintileScores,
  RFM_LABELS,
  RFM_SEGMENTS,
  type RfmAssignment,
  type RfmSegment,
  rfmSegmentOf,
} from './rfm-segments.js';
export {
  MAX_RULE_DEPTH,
  PREDICTION_NAMES,
  parseRule,
  referencedSegments,
  VALUE_OPS,
} from './rule-language.js';
export {
  createRuleSegment,
  deleteRuleSegment,
  parseRuleSegmentInput,
  previewRule,
  type RuleSegmentInput,
  refreshRuleSegments,
  segmentIdFrom,
  updateRuleSegment,
} from './rule-segments.js';
export { parseTrainSegmentsRequest, registerSegmentJobs, TRAIN_SEGMENTS_JOB } from './segment-jobs.js';
export { bigSpenderThreshold, TAGS, type TagDefinition, tagsOf } from './tags.js';
export {
  type ClusterInputs,
  clusterInputs,
  clusterRows,
  describeClusters,
  type TrainSegmentsOptions,
  trainSegments,
} from './train-segments.js';
