/**
 * How long the overview dashboard's named query (`store.stats.overview`) takes on the demo shop:
 * loads `--users N` (default 1000) synthetic customers through the real ingestion path into a fresh
 * SQLite file (or PostgreSQL with U=postgres://...), then times the overview over 30 and 365 days.
 * Run: npm run bench:store-stats [-- --users 2000]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveKeys } from '../src/governance/keys.js';
import { generateDemoShop } from '../src/ingest/demo-shop/index.js';
import { ingestRequest } from '../src/ingest/ingest-batch.js';
import { openStore } from '../src/store/index.js';

const usersArg = process.argv.indexOf('--users');
const users = usersArg > 0 ? Number(process.argv[usersArg + 1]) : 1000;
const dir = mkdtempSync(join(tmpdir(), 'osprey-stats-bench-'));
const store = await openStore(process.env.U ?? `sqlite:${join(dir, 'osprey.db')}`, {
  schema: `bench_stats_${process.pid}`,
  dropSchemaOnClose: true,
});
try {
  const keys = deriveKeys(randomBytes(32));
  const now = new Date('2026-11-01T00:00:00Z');
  const shop = generateDemoShop({ users, seed: 42, now });
  await store.items.upsertMany(
    shop.items.map((i) => ({ id: i.id, title: i.title, category: i.category, price: i.price })),
    Date.now(),
  );
  let batch: unknown[] = [];
  const t0 = performance.now();
  const flush = async () => {
    await ingestRequest(store, keys, 'batch', { batch }, { source: 'demo', limits: false });
    batch = [];
  };
  for (const m of shop.messages()) {
    batch.push(m);
    if (batch.length === 500) await flush();
  }
  if (batch.length) await flush();
  const events = await store.events.count();
  console.log(
    `${store.driver}: loaded ${events} events of ${users} demo users in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  for (const days of [30, 365]) {
    const t1 = performance.now();
    const s = await store.stats.overview({ from: now.getTime() - days * 86_400_000, to: now.getTime() });
    console.log(
      `stats.overview over ${days} days: ${(performance.now() - t1).toFixed(0)} ms (${s.events} events, ${s.orders} orders, ${s.users} users)`,
    );
  }
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
