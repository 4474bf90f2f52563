import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { OspreyError } from '../../core/errors.js';
import type { JsonObject } from '../../core/types.js';
import type { RouteContext } from '../app.js';
import { authenticate } from '../auth.js';
import { parseTrainRequest, predictionsForProfile, TRAIN_JOB } from '../domain.js';
import { errorResponses } from '../schemas.js';
import { iso } from '../time.js';

const FreeObject = Type.Object({}, { additionalProperties: true });

const TrainJobView = Type.Object({
  id: Type.String(),
  status: Type.String({ description: 'queued, running, succeeded or failed' }),
  progress: Type.Union([FreeObject, Type.Null()]),
  result: Type.Union([FreeObject, Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

/**
 * Predictions: a user's profile with every active model's score and reasons, model training as a job,
 * and the model registry. The profile response is an object so that segments, RFM segment and tags
 * (src/profiles) join it as further fields.
 */
export const predictionsRoutes =
  (ctx: RouteContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const preValidation = async (request: Parameters<typeof authenticate>[1]) => {
      await authenticate(ctx.store, request, 'admin');
    };
    const security = [{ adminKey: [] }];

    app.get(
      '/api/users/:id/profile',
      {
        preValidation,
        schema: {
          tags: ['predictions'],
          summary: "A user's predictions (churn, propensity, CLV) with their reasons in words",
          security,
          params: Type.Object({ id: Type.String({ minLength: 1 }) }),
          response: {
            200: Type.Object(
              { userId: Type.String(), predictions: FreeObject },
              { additionalProperties: true },
            ),
            ...errorResponses(401, 403, 404),
          },
        },
      },
      async (request) => {
        const profile = await ctx.store.users.findByIdentity('userId', request.params.id);
        if (!profile) throw new OspreyError('NOT_FOUND', `no user with userId '${request.params.id}'`);
        const list = await predictionsForProfile(ctx.store, profile.profileId, Date.now());
        const predictions: JsonObject = {};
        for (const p of list) {
          predictions[p.kind] = {
            value: p.value,
            modelVersion: p.modelVersion,
            algorithm: p.algorithm,
            horizonDays: p.horizonDays,
            reasons: p.reasons.map((r) => ({ feature: r.feature, effect: r.effect, text: r.text })),
            scoredAt: iso(p.scoredAt) ?? null,
          };
        }
        return { userId: request.params.id, predictions };
      },
    );

    app.post(
      '/api/models/:kind/train',
      {
        preValidation,
        schema: {
          tags: ['predictions'],
          summary: 'Train a model (churn, propensity, clv or all) as a background job',
          security,
          params: Type.Object({ kind: Type.String() }),
          body: Type.Optional(
            Type.Object({
              horizonDays: Type.Optional(Type.Number()),
              algorithm: Type.Optional(Type.String({ description: 'gbdt (default) or logistic' })),
              churnOn: Type.Optional(Type.String({ description: 'purchase (default) or activity' })),
              category: Type.Optional(Type.String({ description: 'propensity within one category' })),
            }),
          ),
          response: { 202: TrainJobView, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        const body = (request.body ?? {}) as JsonObject;
        const req = parseTrainRequest(request.params.kind, body);
        const id = await ctx.queue.enqueue(TRAIN_JOB, { ...req } as unknown as JsonObject);
        const job = await ctx.queue.get(id);
        if (!job) throw new Error(`training job ${id} vanished after enqueue`);
        return reply.code(202).send(jobView(job));
      },
    );

    app.get(
      '/api/models/jobs/:id',
      {
        preValidation,
        schema: {
          tags: ['predictions'],
          summary: 'Progress and result of a training job',
          security,
          params: Type.Object({ id: Type.String({ minLength: 1 }) }),
          response: { 200: TrainJobView, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const job = await ctx.queue.get(request.params.id);
        if (job?.name !== TRAIN_JOB)
          throw new OspreyError('NOT_FOUND', `no training job '${request.params.id}'`);
        return jobView(job);
      },
    );

    app.get(
      '/api/models',
      {
        preValidation,
        schema: {
          tags: ['predictions'],
          summary:
            'Model registry: every version with its training window, validation metrics and active flag',
          security,
          querystring: Type.Object({ kind: Type.Optional(Type.String()) }),
          response: { 200: Type.Object({ models: Type.Array(FreeObject) }), ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        const models = await ctx.store.models.list({ kind: request.query.kind });
        return { models: models.map((m) => ({ ...m, createdAt: iso(m.createdAt) })) };
      },
    );
  };

function jobView(j: {
  id: string;
  status: string;
  progress: JsonObject | null;
  result: JsonObject | null;
  error: string | null;
  createdAt: number;
  updatedAt: number;
}) {
  return {
    id: j.id,
    status: j.status,
    progress: j.progress,
    result: j.result,
    error: j.error,
    createdAt: iso(j.createdAt)!,
    updatedAt: iso(j.updatedAt)!,
  };
}
