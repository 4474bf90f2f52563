import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { RouteContext } from '../app.js';
import { authenticate } from '../auth.js';
import { errorResponses, TimeParam } from '../schemas.js';
import { parseTime } from '../time.js';

const DAY = 86_400_000;

/** The bounded ingestion rejection log: time, source, reason and field path — never the payload. */
export const rejectionsRoutes =
  (ctx: RouteContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/ingest/rejections',
      {
        preValidation: async (request) => {
          await authenticate(ctx.store, request, 'admin');
        },
        schema: {
          tags: ['ingest'],
          summary: 'Recent ingestion rejections and counts by reason (default: the last 7 days)',
          security: [{ adminKey: [] }],
          querystring: Type.Object({
            since: Type.Optional(TimeParam),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
          }),
          response: {
            200: Type.Object({
              since: Type.String(),
              counts: Type.Array(Type.Object({ reason: Type.String(), count: Type.Integer() })),
              rejections: Type.Array(
                Type.Object({
                  at: Type.String(),
                  source: Type.String(),
                  reason: Type.String(),
                  path: Type.String(),
                }),
              ),
            }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => {
        const since = parseTime('since', request.query.since) ?? Date.now() - 7 * DAY;
        const [counts, rejections] = await Promise.all([
          ctx.store.rejections.countsByReason(since),
          ctx.store.rejections.list({ since, limit: request.query.limit ?? 100 }),
        ]);
        return {
          since: new Date(since).toISOString(),
          counts,
          rejections: rejections.map((r) => ({ ...r, at: new Date(r.at).toISOString() })),
        };
      },
    );
  };
