export { cleanEmail, cleanPhone, NUMERIC_PROPERTIES, phoneCountry, toNumber } from './clean-values.js';
export {
  invalidRequest,
  type ParsedRequest,
  type ParseOptions,
  parseSegmentRequest,
  type SegmentRoute,
} from './parse-request.js';
export {
  type CleanMessage,
  MAX_BATCH_BYTES,
  MAX_EVENT_BYTES,
  MAX_FUTURE_MS,
  MESSAGE_TYPES,
} from './segment-message.js';
export { type ValidateOptions, validateMessage } from './validate-message.js';
