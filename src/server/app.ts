import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { type TypeBoxTypeProvider, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { OspreyConfig } from '../core/config.js';
import type { Store } from '../store/store.js';
import { DEFAULT_WEB_DIST, registerDashboard, wantsDashboard } from './dashboard.js';
import type { JobQueue, Secrets } from './domain.js';
import { sendError } from './http-errors.js';
import { createMetrics, type ServerMetrics } from './metrics.js';
import { eventsRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { importsRoutes } from './routes/imports.js';
import { ingestRoutes } from './routes/ingest.js';
import { keysRoutes } from './routes/keys.js';
import { predictionsRoutes } from './routes/predictions.js';
import { recommendationsRoutes } from './routes/recommendations.js';
import { rejectionsRoutes } from './routes/rejections.js';
import { segmentsRoutes } from './routes/segments.js';
import { statsRoutes } from './routes/stats.js';
import { usersRoutes } from './routes/users.js';
import { voiceRoutes } from './routes/voice.js';

export interface ServerOptions {
  store: Store;
  config: OspreyConfig;
  queue: JobQueue;
  secrets: Secrets;
  /** Fastify logger options; default: JSON logs (pino) at config.logLevel. `false` silences them. */
  logger?: FastifyServerOptions['logger'];
  /** Node process metrics (CPU, memory, event loop) on /metrics; off in tests. Default true. */
  defaultMetrics?: boolean;
  /** Built dashboard folder served at `/`; default <repo>/web/dist; null serves no dashboard. */
  webDist?: string | null;
}

/** What every route plugin receives. */
export interface RouteContext {
  store: Store;
  config: OspreyConfig;
  queue: JobQueue;
  secrets: Secrets;
  metrics: ServerMetrics;
}

/** Segment's documented limits (https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/#max-request-size). */
export const EVENT_BODY_LIMIT = 32 * 1024;
export const BATCH_BODY_LIMIT = 500 * 1024;
/** Management routes: generous but bounded; file uploads have their own limit. */
const API_BODY_LIMIT = 1024 * 1024;
export const UPLOAD_LIMIT = 512 * 1024 * 1024;

/**
 * The HTTP adapter: Fastify with JSON logs, request ids, one error table, API-key auth, OpenAPI generated
 * from the TypeBox route schemas, Prometheus metrics. No business logic: routes call domain functions.
 */
export async function buildServer(o: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: o.logger ?? { level: o.config.logLevel },
    bodyLimit: API_BODY_LIMIT,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  }).withTypeProvider<TypeBoxTypeProvider>();

  const metrics = createMetrics({ defaultMetrics: o.defaultMetrics ?? true });
  const ctx: RouteContext = { store: o.store, config: o.config, queue: o.queue, secrets: o.secrets, metrics };

  // TypeBox's compiler reports every problem at once (the issue: "naming every bad field path"), never
  // coerces a JSON body (['x'] stays an array, not 'x') and refuses unknown fields instead of dropping
  // them; query strings and params are still converted from text to the declared types.
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  app.setErrorHandler((err, request, reply) => sendError(err, request, reply));
  let dashboard = false;
  app.setNotFoundHandler((request, reply) => {
    if (dashboard && wantsDashboard(request.method, request.url, request.headers.accept)) {
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send({ error: `no route ${request.method} ${request.url.split('?')[0]}` });
  });
  // Some Segment libraries (analytics.js beacons) post JSON as text/plain.
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      const err = new Error('body is not valid JSON') as Error & { statusCode: number };
      err.statusCode = 400;
      done(err, undefined);
    }
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Osprey API',
        description:
          'Segment-compatible ingestion under /v1 (write key as HTTP Basic username) and management APIs under /api (admin key as Bearer token).',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          writeKey: {
            type: 'http',
            scheme: 'basic',
            description: 'write or admin key as the Basic username',
          },
          adminKey: { type: 'http', scheme: 'bearer', description: 'admin key' },
        },
      },
      tags: [
        { name: 'ingest', description: 'Segment HTTP API' },
        { name: 'users', description: 'profiles, export and erasure' },
        { name: 'events', description: 'stored events' },
        { name: 'stats', description: 'overview figures' },
        { name: 'keys', description: 'API keys' },
        { name: 'imports', description: 'bulk file imports run as jobs' },
        { name: 'segments', description: 'clusters, RFM segments, tags and rule segments' },
        { name: 'voice', description: 'voice of the customer: review sentiment and aspects' },
        { name: 'recommendations', description: 'personal recommendations and similar items' },
        { name: 'ops', description: 'health and metrics' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(multipart, { limits: { fileSize: UPLOAD_LIMIT, files: 1, fields: 10 } });

  await app.register(healthRoutes(ctx));
  await app.register(ingestRoutes(ctx));
  await app.register(usersRoutes(ctx));
  await app.register(eventsRoutes(ctx));
  await app.register(statsRoutes(ctx));
  await app.register(keysRoutes(ctx));
  await app.register(importsRoutes(ctx));
  await app.register(rejectionsRoutes(ctx));
  await app.register(voiceRoutes(ctx));
  await app.register(recommendationsRoutes(ctx));
  await app.register(predictionsRoutes(ctx));
  await app.register(segmentsRoutes(ctx));
  const webDist = o.webDist === undefined ? DEFAULT_WEB_DIST : o.webDist;
  if (webDist !== null) dashboard = await registerDashboard(app, webDist);
  await app.ready();
  return app;
}
