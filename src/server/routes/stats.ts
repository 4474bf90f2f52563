import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { OspreyError } from '../../core/errors.js';
import type { RouteContext } from '../app.js';
import { authenticate } from '../auth.js';
import { errorResponses, TimeParam } from '../schemas.js';
import { parseTime } from '../time.js';

const DAY = 86_400_000;

/** Overview figures for a time range (default: the last 30 days). Admin keys only. */
export const statsRoutes =
  (ctx: RouteContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/stats',
      {
        preValidation: async (request) => {
          await authenticate(ctx.store, request, 'admin');
        },
        schema: {
          tags: ['stats'],
          summary:
            'Events by type and day, users, orders, revenue, AOV, DAU/WAU/MAU, view→purchase conversion, top items and categories',
          security: [{ adminKey: [] }],
          querystring: Type.Object({
            from: Type.Optional(TimeParam),
            to: Type.Optional(TimeParam),
            top: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
          }),
          response: {
            200: Type.Object({}, { additionalProperties: true }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => {
        const to = parseTime('to', request.query.to) ?? Date.now();
        const from = parseTime('from', request.query.from) ?? to - 30 * DAY;
        if (from > to)
          throw new OspreyError('INVALID_INPUT', 'from is after to', [{ path: 'from', message: 'after to' }]);
        const s = await ctx.store.stats.overview({ from, to, topN: request.query.top ?? 10 });
        return { ...s, from: new Date(s.from).toISOString(), to: new Date(s.to).toISOString() };
      },
    );
  };
