export {
  type BaseStats,
  describeSegment,
  type SegmentDescription,
  type Standout,
  uniqueNames,
} from './describe-segment.js';
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
export { bigSpenderThreshold, TAGS, type TagDefinition, tagsOf } from './tags.js';
