/**
 * Segments quality: adjusted Rand index of the demo shop's clusters against its hidden taste clusters
 * (demo-truth.jsonl), and segment sizes with their descriptions on the demo shop and on UCI Online Retail
 * (imported with the online-retail mapping). Run: npm run bench:segments [-- --users 2000 --skip-retail]
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deriveKeys } from '../src/governance/keys.js';
import { loadDemoShop } from '../src/ingest/demo-loader.js';
import { importFile } from '../src/ingest/import/index.js';
import { adjustedRandIndex } from '../src/ml/metrics/clustering.js';
import { trainSegments } from '../src/profiles/index.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const users = Number(arg('users') ?? 2000);
const keys = deriveKeys(Buffer.alloc(32, 9));
const datasets = resolve(
  process.env.OSPREY_DATASETS ?? join(import.meta.dirname, '..', '..', 'shared', 'data'),
);

type Row = { id: string; name: string; size: number; description: string; descriptionZh: string };

function printSegments(summary: Record<string, unknown>): void {
  console.log(
    `  customers ${summary.customers}, k = ${summary.k} (${summary.method}), as of ${summary.asOf}`,
  );
  for (const c of summary.clusters as Row[]) {
    console.log(`  ${c.id} (${c.size}): ${c.description}\n      ${c.descriptionZh}`);
  }
  console.log(`  RFM: ${(summary.rfm as Row[]).map((r) => `${r.name} ${r.size}`).join(', ')}`);
  console.log(`  tags: ${(summary.tags as Row[]).map((r) => `${r.name} ${r.size}`).join(', ')}`);
}

/** ARI over every signed-up customer, and over buyers only (browsers excluded). */
async function ari(store: Store, truthPath: string): Promise<string> {
  const truth = new Map(
    readFileSync(truthPath, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { userId: string; tasteCluster: number })
      .map((t) => [t.userId, t.tasteCluster]),
  );
  const a: number[] = [];
  const b: number[] = [];
  const segments = await store.segments.list({ kind: 'cluster' });
  for (const [i, s] of segments.entries()) {
    let cursor: string | null = null;
    do {
      const page = await store.segments.members(s.id, { cursor, limit: 1000 });
      for (const m of page.items) {
        if (m.userId && truth.has(m.userId)) {
          a.push(s.id === 'cluster-browsers' ? -1 : i);
          b.push(truth.get(m.userId)!);
        }
      }
      cursor = page.next;
    } while (cursor);
  }
  const buyers = a.map((_, i) => i).filter((i) => a[i] >= 0);
  const all = adjustedRandIndex(a, b).toFixed(3);
  const bought = adjustedRandIndex(
    buyers.map((i) => a[i]),
    buyers.map((i) => b[i]),
  ).toFixed(3);
  return `${all} (all signed-up customers), ${bought} (buyers only, ${buyers.length})`;
}

const dir = mkdtempSync(join(tmpdir(), 'osprey-bench-segments-'));
try {
  const demo = await openStore(`sqlite:${join(dir, 'demo', 'osprey.db')}`);
  const loaded = await loadDemoShop(demo, keys, { users, seed: 42, dataDir: join(dir, 'demo') });
  console.log(`demo shop: ${users} users, ${loaded.accepted} messages`);
  for (const o of [
    {},
    { k: 6 },
    { k: 6, method: 'agglomerative' as const },
    { k: 6, focus: 'taste' as const },
  ]) {
    const t0 = performance.now();
    const s = await trainSegments(demo, o);
    const secs = (performance.now() - t0) / 1000;
    console.log(
      `\ntrainSegments(${JSON.stringify(o)}): ${secs.toFixed(1)} s, ARI vs taste clusters = ${await ari(demo, loaded.truthPath)}`,
    );
    if (o.k === undefined) console.log(`  k candidates: ${JSON.stringify(s.kCandidates)}`);
    printSegments(s);
  }
  await demo.close();

  const retail = join(datasets, 'online-retail', 'online_retail.csv.gz');
  if (args.includes('--skip-retail')) console.log('\nOnline Retail skipped (--skip-retail)');
  else if (!existsSync(retail))
    console.log(`\nOnline Retail skipped: ${retail} not found (set OSPREY_DATASETS)`);
  else {
    const store = await openStore(`sqlite:${join(dir, 'retail', 'osprey.db')}`);
    const t0 = performance.now();
    const r = await importFile(store, keys, retail, { mapping: 'online-retail' });
    console.log(
      `\nOnline Retail imported: ${JSON.stringify({ read: r.read, accepted: r.accepted, rejected: r.rejected })} in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
    const t1 = performance.now();
    const s = await trainSegments(store, {});
    console.log(`trainSegments: ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    printSegments(s);
    await store.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
