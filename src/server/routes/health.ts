import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { RouteContext } from '../app.js';

/** Liveness/readiness and Prometheus metrics: unauthenticated, as scrapers and load balancers expect. */
export const healthRoutes =
  (ctx: RouteContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/health',
      {
        schema: {
          tags: ['ops'],
          summary: 'Health: the store answers',
          response: {
            200: Type.Object({ status: Type.String(), driver: Type.String() }),
            503: Type.Object({ status: Type.String(), driver: Type.String(), error: Type.String() }),
          },
        },
      },
      async (_request, reply) => {
        try {
          await ctx.store.meta.get('schema_version');
          return { status: 'ok', driver: ctx.store.driver };
        } catch (err) {
          return reply
            .code(503)
            .send({ status: 'unavailable', driver: ctx.store.driver, error: (err as Error).message });
        }
      },
    );
    app.get(
      '/metrics',
      { schema: { tags: ['ops'], summary: 'Prometheus metrics (text exposition format)' } },
      async (_request, reply) => {
        reply.header('content-type', ctx.metrics.registry.contentType);
        return ctx.metrics.registry.metrics();
      },
    );
  };
