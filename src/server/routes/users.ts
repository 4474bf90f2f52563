import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { OspreyError } from '../../core/errors.js';
import type { UserListFilter } from '../../store/store.js';
import type { RouteContext } from '../app.js';
import { authenticate } from '../auth.js';
import { customerVoice, emailLookupHash, eraseUser, exportUser, presentProfile } from '../domain.js';
import { errorResponses, Paging, UserIdParam } from '../schemas.js';
import { ReviewSummary } from '../voice-schemas.js';

const FreeObject = Type.Object({}, { additionalProperties: true });

/** `country:GB` → { name: 'country', value: 'GB' }; numbers and booleans keep their type. */
function parseTraitFilter(raw: string): { name: string; value: string | number | boolean } {
  const colon = raw.indexOf(':');
  if (colon <= 0) {
    throw new OspreyError('INVALID_INPUT', 'trait filter must be name:value', [
      { path: 'trait', message: `expected name:value, e.g. country:GB; got '${raw}'` },
    ]);
  }
  const name = raw.slice(0, colon);
  const text = raw.slice(colon + 1);
  const value =
    text === 'true' ? true : text === 'false' ? false : /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  return { name, value };
}

/** Profiles by the customer's own userId: list, read, GDPR export and erasure. Admin keys only. */
export const usersRoutes =
  (ctx: RouteContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const preValidation = async (request: Parameters<typeof authenticate>[1]) => {
      await authenticate(ctx.store, request, 'admin');
    };
    const security = [{ adminKey: [] }];
    const voice = customerVoice(ctx.store);

    app.get(
      '/api/users',
      {
        preValidation,
        schema: {
          tags: ['users'],
          summary: 'List profiles (paged), filtered by userId prefix, exact email or a trait',
          security,
          querystring: Type.Object({
            prefix: Type.Optional(Type.String({ description: 'userId prefix' })),
            email: Type.Optional(
              Type.String({ description: 'exact email (matched through its lookup hash)' }),
            ),
            trait: Type.Optional(Type.String({ description: 'name:value, e.g. country:GB' })),
            ...Paging,
          }),
          response: {
            200: Type.Object({
              users: Type.Array(FreeObject),
              next: Type.Union([Type.String(), Type.Null()]),
            }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => {
        const q = request.query;
        const filter: UserListFilter = { cursor: q.cursor ?? null, limit: q.limit ?? 50 };
        if (q.prefix) filter.prefix = q.prefix;
        if (q.email) filter.piiHash = { trait: 'email', hash: emailLookupHash(ctx.secrets, q.email) };
        if (q.trait) filter.trait = parseTraitFilter(q.trait);
        const page = await ctx.store.users.list(filter);
        return {
          users: page.items.map((profile) =>
            presentProfile({ profile, secrets: ctx.secrets, decrypt: true }),
          ),
          next: page.next,
        };
      },
    );

    app.get(
      '/api/users/:id',
      {
        preValidation,
        schema: {
          tags: ['users'],
          summary: 'One profile by userId; PII decrypted (admin keys only); review sentiment in `reviews`',
          security,
          params: UserIdParam,
          response: {
            200: Type.Object({ reviews: ReviewSummary }, { additionalProperties: true }),
            ...errorResponses(401, 403, 404),
          },
        },
      },
      async (request) => {
        const profile = await ctx.store.users.findByIdentity('userId', request.params.id);
        if (!profile) throw new OspreyError('NOT_FOUND', `no user with userId '${request.params.id}'`);
        return {
          ...presentProfile({ profile, secrets: ctx.secrets, decrypt: true }),
          reviews: await voice.profile(profile.profileId),
        };
      },
    );

    app.get(
      '/api/users/:id/export',
      {
        preValidation,
        schema: {
          tags: ['users'],
          summary: 'Everything held about a user (GDPR right of access)',
          security,
          params: UserIdParam,
          response: { 200: FreeObject, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => exportUser({ store: ctx.store, secrets: ctx.secrets, userId: request.params.id }),
    );

    app.delete(
      '/api/users/:id',
      {
        preValidation,
        schema: {
          tags: ['users'],
          summary: 'Erase a user with all their events and identities (GDPR right to erasure)',
          security,
          params: UserIdParam,
          response: {
            200: Type.Object({ erased: Type.Boolean(), erasureId: Type.String(), events: Type.Integer() }),
            ...errorResponses(401, 403, 404),
          },
        },
      },
      async (request) => {
        const r = await eraseUser({
          store: ctx.store,
          secrets: ctx.secrets,
          userId: request.params.id,
          actor: `key:${request.apiKey!.id}`,
        });
        return { erased: true, erasureId: r.erasureId, events: r.events };
      },
    );
  };
