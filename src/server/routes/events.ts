import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { StoredEvent } from '../../core/types.js';
import type { EventFilter } from '../../store/store.js';
import type { RouteContext } from '../app.js';
import { authenticate } from '../auth.js';
import { errorResponses, Paging, TimeParam } from '../schemas.js';
import { parseTime } from '../time.js';

const FreeObject = Type.Object({}, { additionalProperties: true });

export const EventView = Type.Object({
  messageId: Type.String(),
  type: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  userId: Type.Union([Type.String(), Type.Null()]),
  anonymousId: Type.Union([Type.String(), Type.Null()]),
  properties: FreeObject,
  context: FreeObject,
  timestamp: Type.String(),
  receivedAt: Type.String(),
  source: Type.String(),
});

export const eventView = (e: StoredEvent) => ({
  messageId: e.messageId,
  type: e.type,
  name: e.name,
  userId: e.userId,
  anonymousId: e.anonymousId,
  properties: e.properties,
  context: e.context,
  timestamp: new Date(e.timestamp).toISOString(),
  receivedAt: new Date(e.receivedAt).toISOString(),
  source: e.source,
});

/** Stored events, newest first, filtered by user, event name, type and time. Admin keys only. */
export const eventsRoutes =
  (ctx: RouteContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/events',
      {
        preValidation: async (request) => {
          await authenticate(ctx.store, request, 'admin');
        },
        schema: {
          tags: ['events'],
          summary: 'List stored events (paged)',
          security: [{ adminKey: [] }],
          querystring: Type.Object({
            userId: Type.Optional(
              Type.String({ description: "the customer's userId (whole merged history)" }),
            ),
            name: Type.Optional(Type.String({ description: 'event name, e.g. Order Completed' })),
            type: Type.Optional(
              Type.Union(
                ['track', 'identify', 'page', 'screen', 'group', 'alias'].map((t) => Type.Literal(t)),
              ),
            ),
            from: Type.Optional(TimeParam),
            to: Type.Optional(TimeParam),
            order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
            ...Paging,
          }),
          response: {
            200: Type.Object({
              events: Type.Array(EventView),
              next: Type.Union([Type.String(), Type.Null()]),
            }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => {
        const q = request.query;
        const filter: EventFilter = {
          cursor: q.cursor ?? null,
          limit: q.limit ?? 50,
          order: q.order ?? 'desc',
        };
        if (q.userId !== undefined) {
          const profile = await ctx.store.users.findByIdentity('userId', q.userId);
          if (!profile) return { events: [], next: null };
          filter.profileId = profile.profileId;
        }
        if (q.name) filter.name = q.name;
        if (q.type) filter.type = q.type;
        const from = parseTime('from', q.from);
        const to = parseTime('to', q.to);
        if (from !== undefined) filter.from = from;
        if (to !== undefined) filter.to = to;
        const page = await ctx.store.events.list(filter);
        return { events: page.items.map(eventView), next: page.next };
      },
    );
  };
