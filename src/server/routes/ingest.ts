import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { OspreyError } from '../../core/errors.js';
import type { RouteContext } from '../app.js';
import { BATCH_BODY_LIMIT, EVENT_BODY_LIMIT } from '../app.js';
import { authenticate } from '../auth.js';
import { ingestMessages, type SegmentRoute } from '../domain.js';
import { errorResponses, IngestResponse, SegmentBatch, SegmentMessage } from '../schemas.js';

const SINGLE_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;

/**
 * Segment bodies are validated by src/ingest, which names every bad field path at once; the TypeBox
 * schemas on these routes document the shapes in OpenAPI but do not validate (they would report only
 * the envelope, with different paths).
 */
const documentOnly = () => () => true;

/** Segment HTTP API: /v1/track, identify, page, screen, group, alias and batch. */
export const ingestRoutes =
  (ctx: RouteContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const auth = async (request: Parameters<typeof authenticate>[1]) => {
      await authenticate(ctx.store, request, 'ingest');
    };
    const handle = async (route: SegmentRoute, request: FastifyRequest) => {
      try {
        const length = Number(request.headers['content-length']);
        const r = await ingestMessages({
          store: ctx.store,
          secrets: ctx.secrets,
          source: request.apiKey!.id,
          route,
          body: request.body,
          bodyBytes: Number.isFinite(length) && length > 0 ? length : undefined,
          receivedAt: Date.now(),
          queue: ctx.queue,
        });
        ctx.metrics.eventsIngested.inc({ route }, r.accepted);
        return { success: true, accepted: r.accepted, duplicates: r.duplicates };
      } catch (err) {
        if (err instanceof OspreyError && (err.code === 'INVALID_INPUT' || err.code === 'PAYLOAD_TOO_LARGE'))
          ctx.metrics.rejections.inc({ reason: err.code === 'INVALID_INPUT' ? 'invalid' : 'too large' });
        throw err;
      }
    };

    for (const type of SINGLE_TYPES) {
      app.post(
        `/v1/${type}`,
        {
          bodyLimit: EVENT_BODY_LIMIT,
          preValidation: auth,
          validatorCompiler: documentOnly,
          schema: {
            tags: ['ingest'],
            summary: `Segment ${type} call (up to 32 KB)`,
            security: [{ writeKey: [] }],
            body: SegmentMessage,
            response: { 200: IngestResponse, ...errorResponses(400, 401, 403, 413) },
          },
        },
        async (request) => handle(type, request),
      );
    }

    app.post(
      '/v1/batch',
      {
        bodyLimit: BATCH_BODY_LIMIT,
        preValidation: auth,
        validatorCompiler: documentOnly,
        schema: {
          tags: ['ingest'],
          summary: 'Segment batch: up to 500 KB, each message up to 32 KB; all-or-nothing',
          security: [{ writeKey: [] }],
          body: SegmentBatch,
          response: { 200: IngestResponse, ...errorResponses(400, 401, 403, 413) },
        },
      },
      async (request) => handle('batch', request),
    );
  };
