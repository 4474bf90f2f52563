export {
  DEMO_SOURCE,
  DEMO_TRUTH_FILE,
  type DemoLoadOptions,
  type DemoLoadResult,
  loadDemoShop,
} from './demo-loader.js';
export {
  type ImportFormat,
  type ImportKind,
  type ImportOptions,
  type ImportProgress,
  type ImportResult,
  importFile,
  ONLINE_RETAIL_SOURCE,
  type RowRejection,
} from './import/index.js';
export {
  type FollowUpQueue,
  type IngestOptions,
  type IngestResult,
  ingestClean,
  ingestMessages,
  ingestRequest,
  PRODUCT_REVIEWED,
  recordRejections,
  SCORE_REVIEWS_JOB,
} from './ingest-batch.js';
export {
  type CleanMessage,
  MAX_BATCH_BYTES,
  MAX_EVENT_BYTES,
  parseSegmentRequest,
  type SegmentRoute,
  validateMessage,
} from './segment/index.js';
export { splitTraits } from './split-traits.js';
