/**
 * The load process of `npm run bench:ingest`: autocannon sends Segment /v1/batch requests of 100 track
 * events (~400 bytes each, every messageId unique so none is skipped as a duplicate) over N connections,
 * and prints autocannon's result as one JSON line. Run by bench/ingest.ts in a separate process so the
 * load generator does not share an event loop with the server.
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

const [url, writeKey, secondsArg, connectionsArg, batchArg, usersArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 20);
const connections = Number(connectionsArg ?? 4);
const batchSize = Number(batchArg ?? 100);
/** Distinct userIds the events cycle through: small = returning customers, large = mostly new profiles. */
const users = Number(usersArg ?? 1000);
const auth = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;

const EVENTS = ['Product Viewed', 'Product Added', 'Order Completed', 'Products Searched'];
// Offset per process so the warm-up and the measured run never repeat a (user, event) sequence exactly.
let n = Math.floor(Math.random() * 1e6);

/** One Segment track event of about 400 bytes, as analytics.js/analytics-node would send it. */
function event(): object {
  n++;
  const user = n % users;
  return {
    type: 'track',
    messageId: randomUUID(),
    userId: `bench-user-${user}`,
    event: EVENTS[n % EVENTS.length],
    properties: {
      product_id: `sku-${n % 5000}`,
      category: 'Shoes',
      price: 59.9,
      quantity: 1,
      currency: 'USD',
    },
    context: { ip: '203.0.113.7', library: { name: 'analytics-node', version: '2.3.0' }, locale: 'en-GB' },
    timestamp: new Date(Date.now() - (n % 3_600_000)).toISOString(),
  };
}

function body(): string {
  const batch = [];
  for (let i = 0; i < batchSize; i++) batch.push(event());
  return JSON.stringify({ batch, sentAt: new Date().toISOString() });
}

const sample = body();
const instance = autocannon({
  url: `${url}/v1/batch`,
  method: 'POST',
  connections,
  duration: seconds,
  headers: { 'content-type': 'application/json', authorization: auth },
  requests: [
    {
      setupRequest: (req: Record<string, unknown>) => ({ ...req, body: body() }),
    },
  ],
});
instance.on('done', (r: autocannon.Result) => {
  process.stdout.write(
    `${JSON.stringify({
      seconds: r.duration,
      requests2xx: r['2xx'],
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
      latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
      bytesPerBatch: Buffer.byteLength(sample),
      bytesPerEvent: Math.round(Buffer.byteLength(sample) / batchSize),
    })}\n`,
  );
});
