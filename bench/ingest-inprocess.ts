/**
 * In-process profile of the /v1/batch path (no network, no load process): `app.inject` of N batches of 100
 * track events cycling through U userIds, on a SQLite file. Run under the profiler:
 *   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/ingest-inprocess.ts 300 500
 * and read the .cpuprofile in Chrome DevTools (or any cpuprofile viewer).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/core/config.js';
import { deriveKeys } from '../src/governance/index.js';
import { createApiKey } from '../src/server/api-keys.js';
import { buildServer } from '../src/server/app.js';
import { MemoryQueue } from '../src/server/test-support.js';
import { openStore } from '../src/store/index.js';

const batches = Number(process.argv[2] ?? 300);
const users = Number(process.argv[3] ?? 500);
const dir = mkdtempSync(join(tmpdir(), 'osprey-profile-'));
const store = await openStore(`sqlite:${join(dir, 'osprey.db')}`);
const app = await buildServer({
  store,
  config: loadConfig({ dataDir: dir, env: {} }),
  queue: new MemoryQueue(),
  secrets: deriveKeys(randomBytes(32)),
  logger: false,
  defaultMetrics: false,
});
const key = await createApiKey(store, { role: 'write' });
const auth = `Basic ${Buffer.from(`${key.key}:`).toString('base64')}`;
const EVENTS = ['Product Viewed', 'Product Added', 'Order Completed', 'Products Searched'];
let n = 0;
function body(): string {
  const batch = [];
  for (let i = 0; i < 100; i++) {
    n++;
    batch.push({
      type: 'track',
      messageId: randomUUID(),
      userId: `bench-user-${n % users}`,
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
    });
  }
  return JSON.stringify({ batch });
}
const started = performance.now();
for (let i = 0; i < batches; i++) {
  const r = await app.inject({
    method: 'POST',
    url: '/v1/batch',
    payload: body(),
    headers: { 'content-type': 'application/json', authorization: auth },
  });
  if (r.statusCode !== 200) throw new Error(`batch ${i}: ${r.statusCode} ${r.body}`);
}
const seconds = (performance.now() - started) / 1000;
console.log(
  `${batches} batches × 100 events, ${users} distinct userIds: ${seconds.toFixed(2)} s, ${Math.round((batches * 100) / seconds)} events/s`,
);
await app.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
