/**
 * Import rows/s and peak RSS of `importFile(..., {mapping: 'online-retail'})` on the 541,909-row UCI Online
 * Retail file into a fresh SQLite store (or OSPREY_BENCH_DATABASE_URL). Run: `npm run bench:import`.
 * Peak RSS is sampled every 50 ms; "flat memory" means it stays bounded while rows stream through.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deriveKeys } from '../src/governance/keys.js';
import { importFile } from '../src/ingest/import/import-file.js';
import { openStore } from '../src/store/open-store.js';

const datasets = resolve(
  process.env.OSPREY_DATASETS ?? join(import.meta.dirname, '..', '..', 'shared', 'data'),
);
const file = join(datasets, 'online-retail', 'online_retail.csv.gz');
if (!existsSync(file)) {
  console.error(`skipped: ${file} not found (set OSPREY_DATASETS to the shared data folder)`);
  process.exit(0);
}
const dir = mkdtempSync(join(tmpdir(), 'osprey-bench-import-'));
const url = process.env.OSPREY_BENCH_DATABASE_URL ?? `sqlite:${join(dir, 'osprey.db')}`;
const store = await openStore(
  url,
  url.startsWith('postgres') ? { schema: `bench_${process.pid}`, dropSchemaOnClose: true } : {},
);
const keys = deriveKeys(Buffer.alloc(32, 1));

let peakRss = process.memoryUsage().rss;
const samples: number[] = [];
const timer = setInterval(() => {
  const rss = process.memoryUsage().rss;
  peakRss = Math.max(peakRss, rss);
  samples.push(rss);
}, 50);
const rssAt: { read: number; rssMb: number; liveHeapMb?: number }[] = [];
let nextMark = 100_000;
const batchSize = process.env.OSPREY_BENCH_BATCH ? Number(process.env.OSPREY_BENCH_BATCH) : undefined;
const r = await importFile(store, keys, file, {
  mapping: 'online-retail',
  batchSize,
  onProgress: (p) => {
    if (p.read >= nextMark) {
      // With --expose-gc, live heap after a full GC shows whether anything accumulates per row.
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      const m = process.memoryUsage();
      rssAt.push({
        read: p.read,
        rssMb: Math.round(m.rss / 2 ** 20),
        ...(gc ? { liveHeapMb: Math.round(m.heapUsed / 2 ** 20) } : {}),
      });
      nextMark += 100_000;
    }
  },
});
clearInterval(timer);
const events = await store.events.count();
const users = await store.users.count();
const items = await store.items.count();
await store.close();
rmSync(dir, { recursive: true, force: true });
const out = {
  file,
  driver: url.split(':')[0],
  batchSize: batchSize ?? 'default',
  read: r.read,
  accepted: r.accepted,
  rejected: r.rejected,
  seconds: r.seconds,
  rowsPerSecond: Math.round(r.read / r.seconds),
  peakRssMb: Math.round(peakRss / 2 ** 20),
  rssMbByRowsRead: rssAt,
  stored: { events, users, items },
  rejectionReasons: r.rejections.slice(0, 3),
};
console.log(JSON.stringify(out, null, 2));
