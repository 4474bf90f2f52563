import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { RouteContext } from '../app.js';
import { authenticate } from '../auth.js';
import { customerVoice } from '../domain.js';
import { errorResponses } from '../schemas.js';
import { ShopModel } from '../voice-schemas.js';

const Polarity = Type.Union([Type.Literal('positive'), Type.Literal('negative'), Type.Literal('neutral')]);
const Keyword = Type.Object({ term: Type.String(), weight: Type.Number() });
const Representative = Type.Object({
  id: Type.Optional(Type.String({ description: 'the Product Reviewed event id' })),
  text: Type.String(),
  score: Type.Number(),
  lang: Type.String(),
});

export const ItemVoiceResponse = Type.Object({
  itemId: Type.String(),
  title: Type.Union([Type.String(), Type.Null()]),
  reviews: Type.Integer({ description: 'reviews summarised (the newest `limit`)' }),
  model: Type.Union([Type.Literal('lexicon'), Type.Literal('learned'), Type.Literal('mixed')], {
    description: 'the model that scored these reviews (mixed while a rescoring is under way)',
  }),
  shopModel: ShopModel,
  overall: Type.Object({
    meanScore: Type.Number({ description: 'mean signed sentiment in [-1, 1]' }),
    positiveShare: Type.Number(),
    negativeShare: Type.Number(),
  }),
  trend: Type.Array(
    Type.Object({
      period: Type.String({ description: 'first day of the period (ISO weeks start on Monday)' }),
      reviews: Type.Integer(),
      meanScore: Type.Number(),
      positiveShare: Type.Number(),
    }),
  ),
  aspects: Type.Array(
    Type.Object({
      aspect: Type.String(),
      mentions: Type.Integer(),
      positive: Type.Integer(),
      negative: Type.Integer(),
      neutral: Type.Integer(),
      shares: Type.Object({ positive: Type.Number(), negative: Type.Number(), neutral: Type.Number() }),
      examples: Type.Array(Type.Object({ polarity: Polarity, clause: Type.String() })),
    }),
  ),
  keywords: Type.Array(
    Type.Object({
      lang: Type.String(),
      reviews: Type.Integer(),
      tfidf: Type.Array(Keyword),
      textrank: Type.Array(Keyword),
    }),
    { description: 'per language: TF-IDF and TextRank keywords' },
  ),
  representative: Type.Object({
    positive: Type.Array(Representative),
    negative: Type.Array(Representative),
  }),
});

/** Voice of the customer: `GET /api/items/:id/voice`. Admin keys only, like the other management routes. */
export const voiceRoutes =
  (ctx: RouteContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const voice = customerVoice(ctx.store);
    app.get(
      '/api/items/:id/voice',
      {
        preValidation: async (request) => {
          await authenticate(ctx.store, request, 'admin');
        },
        schema: {
          tags: ['voice'],
          summary:
            'Voice of the customer for an item: sentiment trend, aspects, keywords per language, representative reviews, model in use',
          security: [{ adminKey: [] }],
          params: Type.Object({ id: Type.String({ minLength: 1, description: 'the item (product_id)' }) }),
          querystring: Type.Object({
            bucket: Type.Optional(
              Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')], {
                default: 'week',
              }),
            ),
            limit: Type.Optional(
              Type.Integer({
                minimum: 1,
                maximum: 10_000,
                default: 2000,
                description: 'newest reviews summarised',
              }),
            ),
            keywords: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
          }),
          response: { 200: ItemVoiceResponse, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) =>
        voice.item(request.params.id, {
          bucket: request.query.bucket,
          limit: request.query.limit,
          topKeywords: request.query.keywords,
        }),
    );
  };
