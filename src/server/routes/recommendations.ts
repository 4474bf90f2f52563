import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  type RecommendationQuery,
  RecommendationService,
  STRATEGIES,
  type Strategy,
} from '../../recommend/serving/index.js';
import type { RouteContext } from '../app.js';
import { authenticate } from '../auth.js';
import { errorResponses } from '../schemas.js';

const Item = Type.Object({
  itemId: Type.String(),
  title: Type.String(),
  category: Type.Union([Type.String(), Type.Null()]),
  price: Type.Union([Type.Number(), Type.Null()]),
  score: Type.Number(),
  reason: Type.String({ description: 'in words, e.g. "because you bought X", "popular right now"' }),
});

const RecommendationsResponse = Type.Object({
  strategy: Type.String({
    description:
      'personal | recent-activity (new user: co-occurrence with their first events) | popular | popular-model-not-ready',
  }),
  modelVersion: Type.Union([Type.Integer(), Type.Null()]),
  computedAt: Type.Union([Type.Integer(), Type.Null()]),
  items: Type.Array(Item),
});

const Query = Type.Object({
  n: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
  strategy: Type.Optional(Type.String({ description: STRATEGIES.join(' | ') })),
  category: Type.Optional(Type.String()),
  exclude: Type.Optional(Type.String({ description: 'comma-separated item ids never to return' })),
  minPrice: Type.Optional(Type.Number({ minimum: 0 })),
  maxPrice: Type.Optional(Type.Number({ minimum: 0 })),
  diversity: Type.Optional(Type.Integer({ minimum: 1, description: 'at most this many items per category' })),
});

type QueryText = {
  n?: number;
  strategy?: string;
  category?: string;
  exclude?: string;
  minPrice?: number;
  maxPrice?: number;
  diversity?: number;
};

function toQuery(q: QueryText): RecommendationQuery {
  return {
    n: q.n,
    strategy: q.strategy as Strategy | undefined,
    category: q.category,
    exclude: q.exclude
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    minPrice: q.minPrice,
    maxPrice: q.maxPrice,
    diversity: q.diversity,
  };
}

/**
 * Recommendations (thin: src/recommend/serving does the work). Anonymous visitors have their own path,
 * /api/visitors/:anonymousId/recommendations, so a userId and an anonymousId can never be confused.
 */
export const recommendationsRoutes =
  (ctx: RouteContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const service = new RecommendationService(ctx.store);
    const preValidation = async (request: Parameters<typeof authenticate>[1]) => {
      await authenticate(ctx.store, request, 'admin');
    };
    const security = [{ adminKey: [] }];

    app.get(
      '/api/users/:id/recommendations',
      {
        preValidation,
        schema: {
          tags: ['recommendations'],
          summary:
            'Top-n items for a customer (by userId) with a score and a reason; an unknown userId is a new user and gets popular items',
          security,
          params: Type.Object({ id: Type.String({ minLength: 1 }) }),
          querystring: Query,
          response: { 200: RecommendationsResponse, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => service.forUser(request.params.id, toQuery(request.query)),
    );

    app.get(
      '/api/visitors/:anonymousId/recommendations',
      {
        preValidation,
        schema: {
          tags: ['recommendations'],
          summary: 'Top-n items for an anonymous visitor (by the anonymousId of their events)',
          security,
          params: Type.Object({ anonymousId: Type.String({ minLength: 1 }) }),
          querystring: Query,
          response: { 200: RecommendationsResponse, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => service.forVisitor(request.params.anonymousId, toQuery(request.query)),
    );

    app.get(
      '/api/items/:id/similar',
      {
        preValidation,
        schema: {
          tags: ['recommendations'],
          summary: 'Items similar to this one (co-occurrence; content similarity for items without history)',
          security,
          params: Type.Object({ id: Type.String({ minLength: 1 }) }),
          querystring: Type.Object({
            n: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
          }),
          response: {
            200: Type.Object({ strategy: Type.String(), items: Type.Array(Item) }),
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (request) => service.similarItems(request.params.id, request.query.n ?? 10),
    );
  };
