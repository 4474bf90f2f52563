import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of one server instance. A registry per app (not prom-client's global one) so that
 * several apps in one process — tests, the benchmark — never collide on metric names.
 */
export interface ServerMetrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  latency: Histogram<'method' | 'route'>;
  eventsIngested: Counter<'route'>;
  rejections: Counter<'reason'>;
}

export function createMetrics(o: { defaultMetrics?: boolean } = {}): ServerMetrics {
  const registry = new Registry();
  if (o.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'osprey_' });
  return {
    registry,
    requests: new Counter({
      name: 'osprey_http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'osprey_http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    eventsIngested: new Counter({
      name: 'osprey_events_ingested_total',
      help: 'Segment messages accepted and stored (duplicates by messageId excluded)',
      labelNames: ['route'],
      registers: [registry],
    }),
    rejections: new Counter({
      name: 'osprey_ingest_rejections_total',
      help: 'Ingestion rejections by reason',
      labelNames: ['reason'],
      registers: [registry],
    }),
  };
}
