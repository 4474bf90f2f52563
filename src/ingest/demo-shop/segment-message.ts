/**
 * The minimal shape of a Segment message as a client POSTs it to `/v1/track`, `/v1/identify`,
 * `/v1/page` or inside `/v1/batch` (https://segment.com/docs/connections/spec/common/). The demo shop
 * emits these so that its data goes through exactly the same ingestion path as a customer's.
 * The ingestion module owns the full schema; this type is deliberately the common subset.
 */
export type SegmentMessageType = 'identify' | 'track' | 'page';

export interface SegmentMessage {
  type: SegmentMessageType;
  messageId: string;
  /** ISO-8601 time at which the event happened on the client. */
  timestamp: string;
  userId?: string;
  anonymousId?: string;
  /** `track` only: the event name, e.g. `Order Completed`. */
  event?: string;
  /** `page` only: the page name, e.g. `Home`. */
  name?: string;
  properties?: Record<string, unknown>;
  /** `identify` only. */
  traits?: Record<string, unknown>;
  context?: Record<string, unknown>;
}
