import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { OspreyError } from '../../core/errors.js';
import { createApiKey, describeKey } from '../api-keys.js';
import type { RouteContext } from '../app.js';
import { authenticate } from '../auth.js';
import { errorResponses } from '../schemas.js';

const KeyView = Type.Object({
  id: Type.String(),
  role: Type.Union([Type.Literal('write'), Type.Literal('admin')]),
  label: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});

/** API keys: list (never the secret or its hash), create (the secret is in this response only), revoke. */
export const keysRoutes =
  (ctx: RouteContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const preValidation = async (request: Parameters<typeof authenticate>[1]) => {
      await authenticate(ctx.store, request, 'admin');
    };
    app.get(
      '/api/keys',
      {
        preValidation,
        schema: {
          tags: ['keys'],
          summary: 'List API keys',
          security: [{ adminKey: [] }],
          response: { 200: Type.Object({ keys: Type.Array(KeyView) }), ...errorResponses(401, 403) },
        },
      },
      async () => ({ keys: (await ctx.store.keys.list()).map(describeKey) }),
    );
    app.post(
      '/api/keys',
      {
        preValidation,
        schema: {
          tags: ['keys'],
          summary: 'Create an API key; the secret is shown in this response only',
          security: [{ adminKey: [] }],
          body: Type.Object(
            {
              role: Type.Union([Type.Literal('write'), Type.Literal('admin')]),
              label: Type.Optional(Type.String({ maxLength: 200 })),
            },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({ key: Type.String(), role: Type.String(), id: Type.String() }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request, reply) => {
        const minted = await createApiKey(ctx.store, { role: request.body.role, label: request.body.label });
        return reply.code(201).send(minted);
      },
    );
    app.delete(
      '/api/keys/:id',
      {
        preValidation,
        schema: {
          tags: ['keys'],
          summary: 'Revoke an API key',
          security: [{ adminKey: [] }],
          params: Type.Object({ id: Type.String({ minLength: 1 }) }),
          response: { 200: Type.Object({ revoked: Type.String() }), ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const ok = await ctx.store.keys.revoke(request.params.id, Date.now());
        if (!ok) throw new OspreyError('NOT_FOUND', `no active API key with id '${request.params.id}'`);
        return { revoked: request.params.id };
      },
    );
  };
