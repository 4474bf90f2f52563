/**
 * K-Means part of the ML benchmark (issue 3, item 11): Osprey KMeans vs scikit-learn KMeans (same
 * n_init) and the `ml-kmeans` npm package, k = 8, on 1,000,000 × 16 synthetic blobs and on the bank
 * marketing numeric columns (standard-scaled, `duration` dropped, as `osprey eval cluster`).
 * `npm run bench:kmeans` prints the rows; bench/ml.ts (`npm run bench:ml`) calls `runKMeansBench`.
 * Timings are wall-clock fit seconds on a shared machine; CPU seconds are reported beside them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readNumericCsv } from '../src/cli/commands/eval-cluster.js';
import { KMeans } from '../src/ml/cluster/k-means.js';
import { makeBlobs } from '../src/ml/cluster/make-blobs.js';
import type { Dense } from '../src/ml/matrix.js';
import { StandardScaler } from '../src/ml/preprocessing/standard-scaler.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const datasets = resolve(root, process.env.OSPREY_DATASETS ?? '../shared/data');
const PY = process.env.PYTHON ?? '/usr/bin/python3';
const log = (m: string) => process.stderr.write(`${m}\n`);

/** Row shape shared with bench/ml.ts (plus peerName/ratio for standalone use). */
export interface KMeansBenchRow {
  task: string;
  osprey: string;
  peer: string;
  peerName: string;
  metric: string;
  ospreyQuality: number;
  peerQuality: number;
  ospreySeconds: number;
  peerSeconds: number;
  ospreyCpu?: number;
  peerCpu?: number;
  /** Osprey / peer for inertia (quality) and seconds (time). */
  ratio: { quality: number; time: number };
  note?: string;
}

interface Fit {
  inertia: number;
  seconds: number;
  cpu: number;
  iterations?: number;
}

function timed<T>(fn: () => T): { value: T; seconds: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { value, seconds, cpu: (c.user + c.system) / 1e6 };
}

function osprey(X: Dense, k: number, nInit: number): Fit {
  const r = timed(() => new KMeans({ k, nInit, seed: 0 }).fit(X));
  return {
    inertia: r.value.fitted.inertia,
    seconds: r.seconds,
    cpu: r.cpu,
    iterations: r.value.fitted.iterations,
  };
}

function sklearn(X: Dense, k: number, nInit: number): Fit | string {
  const dir = mkdtempSync(join(tmpdir(), 'osprey-kmeans-'));
  const file = join(dir, 'x.f64');
  try {
    writeFileSync(file, new Uint8Array(X.data.buffer, X.data.byteOffset, X.data.byteLength));
    const r = spawnSync(
      PY,
      [join(here, 'ml_kmeans_peers.py'), file, String(X.rows), String(X.cols), String(k), String(nInit), '0'],
      { encoding: 'utf8' },
    );
    if (r.status !== 0)
      return `sklearn failed: ${r.stderr.trim().split('\n').pop()} (apt-get install -y python3-sklearn)`;
    const o = JSON.parse(r.stdout.trim().split('\n').pop()!);
    return { inertia: o.inertia, seconds: o.seconds, cpu: o.cpu_seconds, iterations: o.n_iter };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function mlKMeans(X: Dense, k: number): Promise<Fit | string> {
  let kmeans: (
    data: number[][],
    k: number,
    o: Record<string, unknown>,
  ) => { clusters: number[]; centroids: number[][]; iterations: number };
  try {
    ({ kmeans } = (await import('ml-kmeans')) as unknown as { kmeans: typeof kmeans });
  } catch (e) {
    return `ml-kmeans not installed: ${(e as Error).message}`;
  }
  const d = X.cols;
  const rows: number[][] = [];
  for (let i = 0; i < X.rows; i++) rows.push(Array.from(X.data.subarray(i * d, (i + 1) * d)));
  const r = timed(() => kmeans(rows, k, { initialization: 'kmeans++', seed: 0 }));
  let inertia = 0;
  for (let i = 0; i < rows.length; i++) {
    const c = r.value.centroids[r.value.clusters[i]];
    for (let t = 0; t < d; t++) inertia += (rows[i][t] - c[t]) ** 2;
  }
  return { inertia, seconds: r.seconds, cpu: r.cpu, iterations: r.value.iterations };
}

function row(task: string, peerName: string, o: Fit, p: Fit | string, note: string): KMeansBenchRow {
  const failed = typeof p === 'string';
  const peer = failed ? { inertia: Number.NaN, seconds: Number.NaN, cpu: Number.NaN } : p;
  return {
    task,
    osprey: 'KMeans',
    peer: peerName,
    peerName,
    metric: 'inertia',
    ospreyQuality: o.inertia,
    peerQuality: peer.inertia,
    ospreySeconds: o.seconds,
    peerSeconds: peer.seconds,
    ospreyCpu: o.cpu,
    peerCpu: peer.cpu,
    ratio: { quality: o.inertia / peer.inertia, time: o.seconds / peer.seconds },
    note: failed ? p : note,
  };
}

/** Run the K-Means comparisons; returns rows for bench/ml.ts's table. */
export async function runKMeansBench(): Promise<KMeansBenchRow[]> {
  const rows: KMeansBenchRow[] = [];
  const k = 8;
  const only = process.env.KMEANS_ONLY?.split(',');
  const want = (x: string) => !only || only.includes(x);

  if (want('blobs')) {
    const n = Number(process.env.KMEANS_ROWS ?? 1_000_000);
    log(`k-means: generating ${n} × 16 blobs...`);
    // SharedArrayBuffer-backed so worker threads read the rows without a copy.
    const { X } = makeBlobs({ rows: n, cols: 16, k, seed: 1, centerSpread: 5, shared: true });
    const task = `blobs ${n / 1e6}M×16, k=8`;
    log('k-means: Osprey (n_init=1)...');
    const o = osprey(X, k, 1);
    log(`  inertia ${o.inertia.toFixed(1)}, ${o.seconds.toFixed(2)} s, ${o.iterations} iterations`);
    log('k-means: sklearn (n_init=1)...');
    const s = sklearn(X, k, 1);
    rows.push(row(task, 'sklearn KMeans', o, s, 'n_init=1, k-means++ (greedy), lloyd'));
    if (want('mljs')) {
      log('k-means: ml-kmeans (single k-means++ run)...');
      rows.push(row(task, 'ml-kmeans', o, await mlKMeans(X, k), 'ml-kmeans has no n_init; Osprey n_init=1'));
    }
  }

  const bankFile = join(datasets, 'bank-marketing/bank-full.csv');
  if (want('bank')) {
    if (!existsSync(bankFile)) log(`k-means: skipping bank (${bankFile} not found; set OSPREY_DATASETS)`);
    else {
      const { X: raw, columns } = await readNumericCsv(bankFile, new Set(['duration']));
      const X = new StandardScaler().fit(raw).transform(raw);
      const task = `bank numeric (${columns.length} cols, scaled), k=8`;
      log(`k-means: bank ${X.rows} × ${X.cols} (${columns.join(', ')})`);
      const o = osprey(X, k, 10);
      rows.push(row(task, 'sklearn KMeans', o, sklearn(X, k, 10), 'n_init=10'));
      if (want('mljs')) {
        const o1 = osprey(X, k, 1);
        rows.push(row(task, 'ml-kmeans', o1, await mlKMeans(X, k), 'single run each (Osprey n_init=1)'));
      }
    }
  }
  return rows;
}

function renderTable(rows: KMeansBenchRow[]): string {
  const f = (v: number, dp = 3) => (Number.isFinite(v) ? v.toFixed(dp) : 'n/a');
  const lines = [
    '| task | peer | Osprey inertia | peer inertia | inertia ratio O/p | Osprey s | peer s | time ratio O/p | CPU s O / p | note |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows)
    lines.push(
      `| ${r.task} | ${r.peerName} | ${f(r.ospreyQuality, 1)} | ${f(r.peerQuality, 1)} | ${f(r.ratio.quality, 4)} | ${f(r.ospreySeconds, 2)} | ${f(r.peerSeconds, 2)} | ${f(r.ratio.time, 2)} | ${f(r.ospreyCpu ?? Number.NaN, 1)} / ${f(r.peerCpu ?? Number.NaN, 1)} | ${r.note ?? ''} |`,
    );
  return lines.join('\n');
}

/** Replace (or append) the "## K-Means" section of bench/RESULTS.md, keeping hand-written ### notes. */
function writeResults(table: string, started: Date): void {
  const file = join(here, 'RESULTS.md');
  const cpu = cpus();
  const section = [
    '## K-Means',
    '',
    '- command: `npm run bench:kmeans` (also part of `npm run bench:ml`)',
    `- date: ${started.toISOString()}`,
    `- machine: ${cpu.length} × ${cpu[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}; shared with other jobs while measuring, so wall seconds are noisy — CPU seconds (all threads) are given beside them`,
    '- data: 1,000,000 × 16 Gaussian blobs (8 centres, seed 1) and the bank-full numeric columns (duration dropped, standard-scaled); k = 8; peers: scikit-learn KMeans (lloyd, same n_init, random_state 0) and ml-kmeans (one k-means++ run)',
    '',
    table,
    '',
  ].join('\n');
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n\n';
  const start = text.indexOf('## K-Means\n');
  if (start >= 0) {
    const next = text.indexOf('\n## ', start + 1);
    const tail = next >= 0 ? text.slice(next + 1) : '';
    const manual = text.slice(start, next >= 0 ? next + 1 : text.length);
    const keepIdx = manual.indexOf('\n### ');
    const kept = keepIdx >= 0 ? manual.slice(keepIdx + 1) : '';
    text = text.slice(0, start) + section + (kept ? `\n${kept}` : '') + (tail ? `\n${tail}` : '');
  } else text = `${text.trimEnd()}\n\n${section}`;
  writeFileSync(file, text);
  // Biome formats Markdown tables (padded columns); keep the file lint-clean for CI.
  spawnSync('npx', ['biome', 'format', '--write', file], { cwd: root, stdio: 'ignore' });
  log(`wrote ${file}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = new Date();
  const rows = await runKMeansBench();
  const table = renderTable(rows);
  process.stdout.write(`${table}\n`);
  if (!process.env.KMEANS_ONLY && !process.env.KMEANS_ROWS) writeResults(table, started);
}
