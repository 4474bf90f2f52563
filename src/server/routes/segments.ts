import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { OspreyError } from '../../core/errors.js';
import type { JsonObject } from '../../core/types.js';
import type { SegmentKind, SegmentRecord } from '../../store/store.js';
import type { RouteContext } from '../app.js';
import { authenticate } from '../auth.js';
import {
  createRuleSegment,
  deleteRuleSegment,
  parseRuleSegmentInput,
  parseTrainSegmentsRequest,
  previewRule,
  TRAIN_SEGMENTS_JOB,
  updateRuleSegment,
} from '../domain.js';
import { errorResponses, Paging } from '../schemas.js';
import { iso } from '../time.js';

const FreeObject = Type.Object({}, { additionalProperties: true });
const KINDS: SegmentKind[] = ['cluster', 'rfm', 'tag', 'rule'];

function view(s: SegmentRecord): JsonObject {
  return {
    id: s.id,
    kind: s.kind,
    name: s.name,
    nameZh: s.nameZh,
    description: s.description,
    descriptionZh: s.descriptionZh,
    size: s.size,
    rule: s.rule as unknown as JsonObject | null,
    details: s.details,
    createdAt: iso(s.createdAt) ?? null,
    updatedAt: iso(s.updatedAt) ?? null,
    refreshedAt: s.refreshedAt === null ? null : (iso(s.refreshedAt) ?? null),
  };
}

/**
 * Segments: clusters, RFM segments and tags (trained as a job) and rule segments (the JSON rule language,
 * docs/rule-language.md), with sizes, descriptions in English and Chinese, and paged members.
 */
export const segmentsRoutes =
  (ctx: RouteContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const preValidation = async (request: Parameters<typeof authenticate>[1]) => {
      await authenticate(ctx.store, request, 'admin');
    };
    const security = [{ adminKey: [] }];
    const tags = ['segments'];

    app.get(
      '/api/segments',
      {
        preValidation,
        schema: {
          tags,
          summary: 'Every segment (clusters, RFM, tags, rules) with its size and description',
          security,
          querystring: Type.Object({ kind: Type.Optional(Type.String({ description: KINDS.join(', ') })) }),
          response: {
            200: Type.Object({ segments: Type.Array(FreeObject) }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => {
        const kind = request.query.kind;
        if (kind !== undefined && !KINDS.includes(kind as SegmentKind)) {
          throw new OspreyError(
            'INVALID_INPUT',
            `kind: unknown segment kind '${kind}'; expected ${KINDS.join(', ')}`,
          );
        }
        const list = await ctx.store.segments.list({ kind: kind as SegmentKind | undefined });
        return { segments: list.map(view) };
      },
    );

    app.get(
      '/api/segments/:id',
      {
        preValidation,
        schema: {
          tags,
          summary: 'One segment',
          security,
          params: Type.Object({ id: Type.String({ minLength: 1 }) }),
          response: { 200: FreeObject, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const s = await ctx.store.segments.get(request.params.id);
        if (!s) throw new OspreyError('NOT_FOUND', `no segment '${request.params.id}'`);
        return view(s);
      },
    );

    app.get(
      '/api/segments/:id/members',
      {
        preValidation,
        schema: {
          tags,
          summary: 'Current members (paged) with entry time and 2-D PCA coordinates for clusters',
          security,
          params: Type.Object({ id: Type.String({ minLength: 1 }) }),
          querystring: Type.Object({ ...Paging }),
          response: {
            200: Type.Object({
              members: Type.Array(FreeObject),
              next: Type.Union([Type.String(), Type.Null()]),
            }),
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (request) => {
        const s = await ctx.store.segments.get(request.params.id);
        if (!s) throw new OspreyError('NOT_FOUND', `no segment '${request.params.id}'`);
        const page = await ctx.store.segments.members(s.id, {
          cursor: request.query.cursor ?? null,
          limit: request.query.limit,
        });
        return {
          members: page.items.map((m) => ({
            userId: m.userId,
            profileId: m.profileId,
            enteredAt: iso(m.enteredAt) ?? null,
            x: m.x,
            y: m.y,
          })),
          next: page.next,
        };
      },
    );

    app.post(
      '/api/segments/preview',
      {
        preValidation,
        schema: {
          tags,
          summary: 'Count the profiles a rule matches now, without saving it',
          security,
          body: Type.Object({ rule: Type.Unknown() }, { additionalProperties: true }),
          response: { 200: Type.Object({ count: Type.Integer() }), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const body = request.body as JsonObject;
        for (const k of Object.keys(body)) {
          if (k !== 'rule')
            throw new OspreyError('INVALID_INPUT', `${k}: unknown field '${k}'; expected rule`);
        }
        return { count: await previewRule(ctx.store, body.rule, Date.now()) };
      },
    );

    app.post(
      '/api/segments/train',
      {
        preValidation,
        schema: {
          tags,
          summary: 'Train clusters, RFM segments and tags as a background job (then refresh rule segments)',
          security,
          body: Type.Optional(FreeObject),
          response: { 202: Type.Object({ jobId: Type.String() }), ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        const body = (request.body ?? {}) as JsonObject;
        const o = parseTrainSegmentsRequest(body);
        const jobId = await ctx.queue.enqueue(TRAIN_SEGMENTS_JOB, { ...o } as unknown as JsonObject);
        return reply.code(202).send({ jobId });
      },
    );

    app.post(
      '/api/segments',
      {
        preValidation,
        schema: {
          tags,
          summary: 'Create a rule segment (docs/rule-language.md); its members are evaluated at once',
          security,
          body: FreeObject,
          response: { 201: FreeObject, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const input = parseRuleSegmentInput(request.body);
        const s = await createRuleSegment(ctx.store, input, Date.now());
        return reply.code(201).send(view(s));
      },
    );

    app.put(
      '/api/segments/:id',
      {
        preValidation,
        schema: {
          tags,
          summary: 'Replace the name, descriptions and rule of a rule segment; members are re-evaluated',
          security,
          params: Type.Object({ id: Type.String({ minLength: 1 }) }),
          body: FreeObject,
          response: { 200: FreeObject, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const input = parseRuleSegmentInput(request.body);
        return view(await updateRuleSegment(ctx.store, request.params.id, input, Date.now()));
      },
    );

    app.delete(
      '/api/segments/:id',
      {
        preValidation,
        schema: {
          tags,
          summary: 'Delete a rule segment and its membership history',
          security,
          params: Type.Object({ id: Type.String({ minLength: 1 }) }),
          response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await deleteRuleSegment(ctx.store, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
