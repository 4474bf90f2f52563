/**
 * In-process throughput of ingestRequest('batch') — validation, identity resolution and the store write,
 * without HTTP — with 100-event batches of ~400-byte Segment events into a fresh SQLite store.
 * `npm run bench:ingest-batch`. The HTTP figure (4 connections, separate load process) is bench:ingest.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveKeys } from '../src/governance/keys.js';
import { ingestRequest } from '../src/ingest/ingest-batch.js';
import { openStore } from '../src/store/open-store.js';

const batches = Number(process.env.OSPREY_BENCH_BATCHES ?? 600);
const users = Number(process.env.OSPREY_BENCH_USERS ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'osprey-bench-batch-'));
const store = await openStore(`sqlite:${join(dir, 'osprey.db')}`);
const keys = deriveKeys(Buffer.alloc(32, 1));
let seq = 0;
const event = () => {
  const i = seq++;
  const u = (i * 7919) % users;
  return {
    type: 'track',
    messageId: `m-${i}`,
    userId: `user-${u}`,
    event: 'Product Viewed',
    timestamp: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    properties: {
      product_id: `sku-${i % 500}`,
      name: 'Green tea, loose leaf 100 g',
      price: '12.50',
      category: 'tea',
    },
    context: { library: { name: 'analytics-node', version: '2.3.0' }, ip: '203.0.113.7', locale: 'en-GB' },
  };
};
const bodies = Array.from({ length: batches }, () => ({ batch: Array.from({ length: 100 }, event) }));
const bytes = JSON.stringify(bodies[0].batch[0]).length;
const lat: number[] = [];
const t0 = performance.now();
for (const body of bodies) {
  const s = performance.now();
  await ingestRequest(store, keys, 'batch', body, { source: 'bench', receivedAt: Date.UTC(2026, 1, 1) });
  lat.push(performance.now() - s);
}
const seconds = (performance.now() - t0) / 1000;
lat.sort((a, b) => a - b);
await store.close();
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    batches,
    eventBytes: bytes,
    eventsPerSecond: Math.round((batches * 100) / seconds),
    p50ms: +lat[Math.floor(lat.length / 2)].toFixed(2),
    p99ms: +lat[Math.floor(lat.length * 0.99)].toFixed(2),
  }),
);
