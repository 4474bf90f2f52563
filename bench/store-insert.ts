/**
 * Micro-benchmark of the ingestion hot path: `store.events.insertMany` with batches of 100 Segment-like
 * events (~400 bytes each) into a fresh SQLite file (and PostgreSQL when reachable), no HTTP in between.
 * Run: npm run bench:store [-- --events 200000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventRecord } from '../src/core/types.js';
import { openStore, type Store } from '../src/store/index.js';

const argIndex = process.argv.indexOf('--events');
const total = argIndex > 0 ? Number(process.argv[argIndex + 1]) : 200_000;
const BATCH = 100;

function makeBatch(start: number, profileId: number): (EventRecord & { profileId: number })[] {
  const batch: (EventRecord & { profileId: number })[] = [];
  const now = Date.now();
  for (let i = 0; i < BATCH; i++) {
    const n = start + i;
    batch.push({
      messageId: `bench-${n.toString(36)}-0000-4000-8000-000000000000`,
      source: 'bench',
      type: 'track',
      name: n % 10 === 0 ? 'Order Completed' : 'Product Viewed',
      userId: `user-${n % 5000}`,
      anonymousId: null,
      profileId,
      properties: { product_id: `sku-${n % 997}`, price: 19.99, category: 'Shoes', currency: 'USD' },
      context: {
        ip: '203.0.113.7',
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
        locale: 'en-US',
        page: { path: '/p' },
      },
      timestamp: now - (n % 86_400) * 1000,
      receivedAt: now,
    });
  }
  return batch;
}

async function run(label: string, store: Store): Promise<void> {
  const profile = await store.users.create({ userId: 'bench-user' }, Date.now());
  const bytes = JSON.stringify(makeBatch(0, profile.profileId)[0]).length;
  // CPU time as well as wall time: on a shared machine the wall-clock rate mostly measures the neighbours,
  // while events per CPU-second of this process (SQLite runs in-process) shows what the code costs.
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  let inserted = 0;
  for (let start = 0; start < total; start += BATCH) {
    inserted += await store.events.insertMany(makeBatch(start, profile.profileId));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    `${label}: ${inserted} events in ${seconds.toFixed(2)} s = ${Math.round(inserted / seconds)} events/s wall; ` +
      `${cpuSeconds.toFixed(2)} s CPU in this process = ${Math.round(inserted / cpuSeconds)} events per CPU-second ` +
      `(batches of ${BATCH}, ~${bytes} bytes/event as JSON)`,
  );
  // Re-sending the same batches must insert nothing (idempotency by messageId).
  const dup = await store.events.insertMany(makeBatch(0, profile.profileId));
  if (dup !== 0) throw new Error(`re-sent batch inserted ${dup} events`);
}

const dir = mkdtempSync(join(tmpdir(), 'osprey-bench-'));
try {
  const sqlite = await openStore(`sqlite:${join(dir, 'bench.db')}`);
  await run('sqlite', sqlite);
  await sqlite.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const pgUrl = process.env.OSPREY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
let pgStore: Store | undefined;
try {
  pgStore = await openStore(pgUrl, { schema: `bench_${process.pid}`, dropSchemaOnClose: true });
} catch (err) {
  console.log(`postgres: skipped (${err instanceof Error ? err.message : err})`);
}
if (pgStore) {
  try {
    await run('postgres', pgStore);
  } finally {
    await pgStore.close();
  }
}
