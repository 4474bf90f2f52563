import type { JsonObject, MessageType } from '../../core/types.js';

/**
 * A Segment message after validation and cleaning, before identity resolution. Field names follow the
 * Segment HTTP API spec (https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/).
 */
export interface CleanMessage {
  type: MessageType;
  /** From the message, or generated (then idempotency only holds for that generated id). */
  messageId: string;
  userId: string | null;
  anonymousId: string | null;
  /** alias: the id being merged into userId. */
  previousId: string | null;
  /** group: the account id. */
  groupId: string | null;
  /** track: event; page/screen: name; otherwise null. */
  name: string | null;
  /** track/page/screen properties (e-commerce numbers coerced). */
  properties: JsonObject;
  /** identify/group traits (emails lower-cased, phones E.164), not yet split into PII/consent/plain. */
  traits: JsonObject;
  context: JsonObject;
  /** epoch ms, after Segment's clock-skew correction when only originalTimestamp + sentAt were given. */
  timestamp: number;
}

export const MESSAGE_TYPES: readonly MessageType[] = [
  'track',
  'identify',
  'page',
  'screen',
  'group',
  'alias',
];

/** Segment HTTP API limits. */
export const MAX_EVENT_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;
/** Timestamps further ahead than this (client clock, not skew) are refused. */
export const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;
