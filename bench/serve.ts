/**
 * Serving benchmark for recommendations (issue 5, item 5). Run: npm run bench:serve [-- --quick]
 *
 * For MovieLens-100k and a synthetic catalogue: load interactions through the store (SQLite in a temp
 * folder), train the default model and precompute every user's list (trainRecommendations, as the
 * `recommend-train` job does), time the fit of every algorithm that fits in memory at that size, then
 * put GET /api/users/:id/recommendations under a fixed request rate from a separate process (autocannon)
 * and report requests/s, p50/p99 latency and peak RSS. Rewrites the "Recommendations — serving" section
 * of bench/RESULTS.md.
 *
 * The issue asks for 1M users × 100k items × 50M interactions; on this shared 2-core machine that does not
 * fit the time available (loading 50M events through the store alone takes over half an hour), so the
 * synthetic size is scaled down and stated in the results (SYNTH_* below, or env OSPREY_SERVE_BENCH_*).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/core/config.js';
import type { EventRecord, ItemInput } from '../src/core/types.js';
import { deriveKeys } from '../src/governance/index.js';
import { Rng } from '../src/ml/random.js';
import { ALGORITHM_KINDS, createRecommender } from '../src/recommend/index.js';
import { buildInteractionMatrix, trainRecommendations } from '../src/recommend/serving/index.js';
import { createApiKey } from '../src/server/api-keys.js';
import { buildServer } from '../src/server/app.js';
import { MemoryQueue } from '../src/server/test-support.js';
import { openStore } from '../src/store/index.js';
import type { Store } from '../src/store/store.js';
import { movielens100kPath } from './recommend-data.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const SECONDS = quick ? 5 : 15;
const RATE = 1000;
const SYNTH_USERS = Number(process.env.OSPREY_SERVE_BENCH_USERS ?? (quick ? 2000 : 10_000));
const SYNTH_ITEMS = Number(process.env.OSPREY_SERVE_BENCH_ITEMS ?? (quick ? 2000 : 8_000));
const SYNTH_INTERACTIONS = Number(process.env.OSPREY_SERVE_BENCH_INTERACTIONS ?? (quick ? 40_000 : 250_000));

interface Dataset {
  name: string;
  items: ItemInput[];
  /** [userId, itemId, event, timestamp] */
  rows: [string, string, string, number][];
}

function movielens(): Dataset | undefined {
  const path = movielens100kPath();
  if (!path) return undefined;
  const titles = new Map<string, string>();
  const itemFile = join(dirname(path), 'u.item');
  if (existsSync(itemFile)) {
    for (const line of readFileSync(itemFile, 'latin1').split('\n')) {
      const f = line.split('|');
      if (f.length > 2) titles.set(f[0], f[1]);
    }
  }
  const rows: Dataset['rows'] = [];
  const seen = new Set<string>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const f = line.split('\t');
    if (f.length < 4) continue;
    // A rating of 4–5 reads as a purchase, lower ones as views: the weights then follow the rating.
    rows.push([
      `ml-${f[0]}`,
      f[1],
      Number(f[2]) >= 4 ? 'Order Completed' : 'Product Viewed',
      Number(f[3]) * 1000,
    ]);
    seen.add(f[1]);
  }
  const items = [...seen].map((id) => ({
    id,
    title: titles.get(id) ?? `movie ${id}`,
    category: 'movie',
    price: 10,
  }));
  return { name: 'MovieLens-100k', items, rows };
}

/** Zipf-like item popularity inside 50 taste clusters, so co-occurrence has structure. */
function synthetic(): Dataset {
  const rng = new Rng(42);
  const clusters = 50;
  const items: ItemInput[] = [];
  for (let i = 0; i < SYNTH_ITEMS; i++)
    items.push({ id: `i${i}`, title: `Item ${i}`, category: `c${i % clusters}`, price: 1 + (i % 100) });
  const rows: Dataset['rows'] = [];
  const now = Date.now();
  const perCluster = Math.ceil(SYNTH_ITEMS / clusters);
  for (let k = 0; k < SYNTH_INTERACTIONS; k++) {
    const u = rng.int(SYNTH_USERS);
    const home = u % clusters;
    const c = rng.next() < 0.8 ? home : rng.int(clusters);
    const rank = Math.min(perCluster - 1, Math.floor(perCluster * rng.next() ** 3));
    const item = Math.min(SYNTH_ITEMS - 1, c + clusters * rank);
    const r = rng.next();
    const event = r < 0.7 ? 'Product Viewed' : r < 0.9 ? 'Product Added' : 'Order Completed';
    rows.push([`s-${u}`, `i${item}`, event, now - rng.int(90 * 86_400_000)]);
  }
  return {
    name: `synthetic ${SYNTH_USERS} users × ${SYNTH_ITEMS} items × ${SYNTH_INTERACTIONS} interactions`,
    items,
    rows,
  };
}

async function load(store: Store, d: Dataset): Promise<string[]> {
  await store.items.upsertMany(d.items, 0);
  const profiles = new Map<string, number>();
  for (const [u] of d.rows) {
    if (!profiles.has(u)) profiles.set(u, (await store.users.create({ userId: u }, 0)).profileId);
  }
  const batch: (EventRecord & { profileId: number })[] = [];
  let k = 0;
  for (const [u, item, event, ts] of d.rows) {
    batch.push({
      messageId: `b${k++}`,
      source: 'bench',
      type: 'track',
      name: event,
      userId: u,
      anonymousId: null,
      properties:
        event === 'Order Completed'
          ? { products: [{ product_id: item, quantity: 1 }] }
          : { product_id: item },
      context: {},
      timestamp: ts,
      receivedAt: ts,
      profileId: profiles.get(u) as number,
    });
    if (batch.length === 2000) await store.events.insertMany(batch.splice(0));
  }
  if (batch.length) await store.events.insertMany(batch);
  return [...profiles.keys()];
}

function runLoad(url: string, key: string, users: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'bench/serve-load.ts'),
        url,
        key,
        String(SECONDS),
        String(RATE),
        JSON.stringify(users.slice(0, 5000)),
      ],
      { cwd: ROOT },
    );
    let out = '';
    child.stdout.on('data', (b) => {
      out += b;
    });
    child.stderr.on('data', (b) => process.stderr.write(b));
    child.on('exit', (code) =>
      code === 0
        ? resolveRun(JSON.parse(out.trim().split('\n').pop() ?? '{}'))
        : reject(new Error(`load exited ${code}`)),
    );
  });
}

const results: string[] = [];
const fits: string[] = [];
const load0 = loadavg()[0];
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

const datasets = [movielens(), synthetic()].filter((d): d is Dataset => d !== undefined);
if (!movielens())
  console.error('MovieLens-100k not found (set OSPREY_DATASETS): only the synthetic set runs');
for (const d of datasets) {
  peakRss = process.memoryUsage().rss;
  const dir = mkdtempSync(join(tmpdir(), 'osprey-serve-bench-'));
  const store = await openStore(`sqlite:${join(dir, 'osprey.db')}`);
  const t0 = performance.now();
  const users = await load(store, d);
  const loadSeconds = (performance.now() - t0) / 1000;
  process.stderr.write(`${d.name}: loaded ${d.rows.length} events in ${loadSeconds.toFixed(1)} s\n`);
  const train = await trainRecommendations(store);
  process.stderr.write(`${d.name}: ${JSON.stringify(train)}\n`);

  // Fit time of every algorithm on the same matrix; dense item × item models beyond 5,000 items excluded.
  const M = buildInteractionMatrix(await store.recommendations.interactions(), { now: Date.now() });
  for (const [name, kind] of Object.entries(ALGORITHM_KINDS)) {
    if ((kind === 'ease' || kind === 'hybrid') && M.items.length > 5000) {
      fits.push(
        `| ${d.name} | ${name} | excluded: dense ${M.items.length}² item × item matrix (${((M.items.length ** 2 * 8) / 2 ** 30).toFixed(1)} GiB) and O(items³) inversion |`,
      );
      continue;
    }
    if (kind === 'content') {
      fits.push(`| ${d.name} | ${name} | not timed: fits on item texts (TF-IDF), not on this matrix alone |`);
      continue;
    }
    const s = performance.now();
    createRecommender(kind).fit(M.matrix);
    const sec = (performance.now() - s) / 1000;
    process.stderr.write(`  fit ${name}: ${sec.toFixed(2)} s\n`);
    fits.push(`| ${d.name} | ${name} | ${sec.toFixed(2)} s |`);
  }

  const config = loadConfig({ dataDir: dir, env: {} });
  const app = await buildServer({
    store,
    config,
    queue: new MemoryQueue(),
    secrets: deriveKeys(randomBytes(32)),
    logger: false,
    defaultMetrics: false,
  });
  const key = (await createApiKey(store, { role: 'admin' })).key;
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  // Warm-up (loads the model artifact and catalogue), then the measured run.
  await app.inject({
    method: 'GET',
    url: `/api/users/${users[0]}/recommendations`,
    headers: { authorization: `Bearer ${key}` },
  });
  const cpu0 = process.cpuUsage();
  const r = (await runLoad(address, key, users)) as {
    requestsPerSecond: number;
    non2xx: number;
    errors: number;
    latencyMs: { p50: number; p99: number; max: number };
  };
  const cpu = process.cpuUsage(cpu0);
  // Server CPU per answered request: what a request costs on an idle core, whatever the machine's load.
  const cpuMs =
    (cpu.user + cpu.system) / 1000 / Math.max(1, (r as unknown as { requests2xx: number }).requests2xx);
  process.stderr.write(`${d.name}: ${JSON.stringify(r)} server CPU ${cpuMs.toFixed(2)} ms/request\n`);
  results.push(
    `| ${d.name} | ${users.length} | ${d.items.length} | ${d.rows.length} | ${loadSeconds.toFixed(1)} | ${train.algorithm} ${train.fitSeconds.toFixed(2)} s | ${train.precomputeSeconds.toFixed(1)} | ${RATE} | ${r.requestsPerSecond.toFixed(0)} | ${r.latencyMs.p50} | ${r.latencyMs.p99} | ${r.non2xx + r.errors} | ${cpuMs.toFixed(2)} | ${(peakRss / 2 ** 20).toFixed(0)} |`,
  );
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
clearInterval(sampler);
const load1 = loadavg()[0];

const section = `## Recommendations — serving

- Command: \`npm run bench:serve\` (bench/serve.ts; load from a separate process, bench/serve-load.ts with autocannon,
  ${SECONDS} s at a fixed overall rate of ${RATE} requests/s over 10 connections, \`GET /api/users/:id/recommendations?n=10\`
  for users drawn from the loaded store, admin key auth, SQLite store in a temp folder, server in the bench process).
- Each request: key check, profile lookup, one primary-key read of the precomputed list, the user's events
  (real-time adjustment: bought items leave, items like the latest events come first), filters, JSON.
- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version};
  ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. Shared with other engineers' jobs (load average
  ${load0.toFixed(1)} → ${load1.toFixed(1)} on ${cpus().length} cores): figures are pessimistic.
- Size: the issue's 1M users × 100k items × 50M interactions was **not** run: loading 50M events through the store
  and precomputing 1M lists does not fit this shared 2-core machine in the time available. The synthetic row is the
  scaled-down size actually measured.

| data | users | items | interactions | load s | default model fit | precompute s | target req/s | achieved req/s | p50 ms | p99 ms | errors | server CPU ms/request | peak RSS MiB |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${results.join('\n')}

Notes:
- The target (p99 < 10 ms at 1,000 requests/s) is not met on this machine as measured: the server, the autocannon
  process and ~8 engineers' jobs share 2 cores (load average above). "server CPU ms/request" is the cost of one
  request on the server's own core: 1 / that figure is the throughput one idle core would sustain, before
  Fastify's per-request overhead is parallelised across N stateless API processes (DESIGN.md, scale-out mode).
- "precompute s" is dominated by the reasons (the cosine of each recommended item with each item of the user's
  history): offline work of the \`recommend-train\` job, not on the request path.
- Peak RSS is of the whole bench process (the generated dataset, the store, the model and the server).
- At the issue's full size (1M users × 100k items × 50M interactions) the models that fit in memory are the
  factor and neighbourhood ones (ALS: 100k × 32 floats; item-kNN/RP3β: 100k × neighbours sparse); EASE and the
  default hybrid (which contains EASE) need a dense 100k² item × item matrix (75 GiB) and are excluded: the
  training job switches to ALS alone above 5,000 items. Not measured here.

Fit time of every algorithm on the same interaction matrix (default hyper-parameters, one thread):

| data | algorithm | fit |
| --- | --- | --- |
${fits.join('\n')}
`;

const resultsPath = join(ROOT, 'bench/RESULTS.md');
const current = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '# Benchmark results\n';
const start = current.indexOf('## Recommendations — serving');
let next = start < 0 ? -1 : current.indexOf('\n## ', start + 5);
if (next < 0) next = current.length;
const updated =
  start < 0
    ? `${current.trimEnd()}\n\n${section}`
    : `${current.slice(0, start)}${section}${current.slice(next)}`;
writeFileSync(resultsPath, updated);
console.log(section);
process.exit(0);
