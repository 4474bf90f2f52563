import { type TSchema, Type } from '@sinclair/typebox';

/**
 * TypeBox schemas: the single source for request validation, TypeScript types and the OpenAPI document.
 * Segment message bodies are documented here but validated deeply by src/ingest, which reports every bad
 * field path at once (`batch[3].timestamp: not a date`); the schemas only check the envelope.
 */
const FreeObject = Type.Object({}, { additionalProperties: true });

export const ErrorResponse = Type.Object(
  {
    error: Type.String(),
    issues: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
    requestId: Type.Optional(Type.String()),
  },
  { description: 'Every error: a message and, for bad input, one issue per bad field path' },
);

export const errorResponses = (...codes: number[]): Record<number, TSchema> =>
  Object.fromEntries(codes.map((c) => [c, ErrorResponse]));

export const SegmentMessage = Type.Object(
  {
    type: Type.Optional(Type.String({ description: 'track, identify, page, screen, group or alias' })),
    messageId: Type.Optional(Type.String({ description: 'idempotency key; generated when absent' })),
    userId: Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Null()])),
    anonymousId: Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Null()])),
    event: Type.Optional(Type.String({ description: 'track: the event name, e.g. Order Completed' })),
    name: Type.Optional(Type.String({ description: 'page/screen name' })),
    properties: Type.Optional(FreeObject),
    traits: Type.Optional(FreeObject),
    context: Type.Optional(FreeObject),
    timestamp: Type.Optional(Type.String({ description: 'ISO-8601 time it happened' })),
    previousId: Type.Optional(Type.String({ description: 'alias: the id being merged' })),
    groupId: Type.Optional(Type.String()),
    writeKey: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);

export const SegmentBatch = Type.Object(
  {
    batch: Type.Array(Type.Unknown(), { description: 'Segment messages, each with its `type`' }),
    context: Type.Optional(FreeObject),
    sentAt: Type.Optional(Type.String()),
    writeKey: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);

export const IngestResponse = Type.Object({
  success: Type.Boolean(),
  accepted: Type.Integer({ description: 'messages stored now' }),
  duplicates: Type.Integer({ description: 'messages already stored (same messageId): skipped' }),
});

export const Paging = {
  cursor: Type.Optional(Type.String({ description: 'the `next` of the previous page' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
};

export const UserIdParam = Type.Object({
  id: Type.String({ minLength: 1, description: "the customer's own userId" }),
});

/** ISO-8601 time or epoch milliseconds. */
export const TimeParam = Type.String({ description: 'ISO-8601 time or epoch milliseconds' });
