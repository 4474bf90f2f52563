import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { OspreyError } from '../../core/errors.js';
import type { RouteContext } from '../app.js';
import { BATCH_BODY_LIMIT, EVENT_BODY_LIMIT } from '../app.js';
import { authenticate } from '../auth.js';
import { ingestMessages } from '../domain.js';
import { errorResponses, IngestResponse, SegmentBatch, SegmentMessage } from '../schemas.js';

const SINGLE_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;

/** Segment's per-message cap applies inside a batch too; the whole batch is refused (all-or-nothing). */
function checkMessageSizes(batch: unknown[]): void {
  const issues = [];
  for (let i = 0; i < batch.length; i++) {
    const size = Buffer.byteLength(JSON.stringify(batch[i]) ?? '');
    if (size > EVENT_BODY_LIMIT)
      issues.push({ path: `batch[${i}]`, message: `message is ${size} bytes; the limit is 32 KB` });
  }
  if (issues.length > 0)
    throw new OspreyError('PAYLOAD_TOO_LARGE', 'a message in the batch exceeds 32 KB', issues);
}

/** Segment HTTP API: /v1/track, identify, page, screen, group, alias and batch. */
export const ingestRoutes =
  (ctx: RouteContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const auth = async (request: Parameters<typeof authenticate>[1]) => {
      await authenticate(ctx.store, request, 'ingest');
    };
    const record = (r: { accepted: number; byType: Record<string, number> }) => {
      for (const [type, n] of Object.entries(r.byType)) ctx.metrics.eventsIngested.inc({ type }, n);
    };
    const countRejection = (err: unknown) => {
      if (err instanceof OspreyError && (err.code === 'INVALID_INPUT' || err.code === 'PAYLOAD_TOO_LARGE'))
        ctx.metrics.rejections.inc({ reason: err.code === 'INVALID_INPUT' ? 'invalid' : 'too large' });
    };

    for (const type of SINGLE_TYPES) {
      app.post(
        `/v1/${type}`,
        {
          bodyLimit: EVENT_BODY_LIMIT,
          preValidation: auth,
          schema: {
            tags: ['ingest'],
            summary: `Segment ${type} call`,
            security: [{ writeKey: [] }],
            body: SegmentMessage,
            response: { 200: IngestResponse, ...errorResponses(400, 401, 403, 413) },
          },
        },
        async (request) => {
          const message = { ...request.body, type };
          delete (message as { writeKey?: string }).writeKey;
          try {
            const r = await ingestMessages({
              store: ctx.store,
              secrets: ctx.secrets,
              source: request.apiKey!.id,
              messages: [message],
              pathPrefix: '',
              receivedAt: Date.now(),
            });
            record(r);
            return { success: true, accepted: r.accepted, duplicates: r.duplicates };
          } catch (err) {
            countRejection(err);
            throw err;
          }
        },
      );
    }

    app.post(
      '/v1/batch',
      {
        bodyLimit: BATCH_BODY_LIMIT,
        preValidation: auth,
        schema: {
          tags: ['ingest'],
          summary: 'Segment batch: up to 500 KB, each message up to 32 KB; all-or-nothing',
          security: [{ writeKey: [] }],
          body: SegmentBatch,
          response: { 200: IngestResponse, ...errorResponses(400, 401, 403, 413) },
        },
      },
      async (request) => {
        try {
          checkMessageSizes(request.body.batch);
          const r = await ingestMessages({
            store: ctx.store,
            secrets: ctx.secrets,
            source: request.apiKey!.id,
            messages: request.body.batch,
            pathPrefix: 'batch',
            receivedAt: Date.now(),
          });
          record(r);
          return { success: true, accepted: r.accepted, duplicates: r.duplicates };
        } catch (err) {
          countRejection(err);
          throw err;
        }
      },
    );
  };
