/**
 * `npm run bench:ingest` — ingestion figures for bench/RESULTS.md:
 *  1. sustained events/s through POST /v1/batch (100 Segment events of ~400 bytes per request, 4
 *     concurrent connections) from a separate load process (bench/ingest-load.ts, autocannon) into a real
 *     `osprey serve` process on SQLite and on PostgreSQL, with p50/p99 batch latency;
 *  2. `osprey import` of the UCI Online Retail file (541,909 rows): rows/s and peak RSS, RSS sampled.
 * Options: --seconds N (default 20), --skip-postgres, --skip-import, --write (update bench/RESULTS.md).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/osprey.js');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const SECONDS = Number(option('seconds', '20'));
const PG_URL = process.env.OSPREY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DATASETS = resolve(ROOT, process.env.OSPREY_DATASETS ?? '../shared/data');
const RETAIL = join(DATASETS, 'online-retail/online_retail.csv.gz');

const cleanEnv = () =>
  Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OSPREY_')));

function run(
  cmd: string,
  argv: string[],
  env: Record<string, string | undefined>,
): Promise<{ out: string; err: string; code: number | null }> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, argv, { env, cwd: ROOT });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', fail);
    child.on('close', (code) => done({ out, err, code }));
  });
}

/** Start `osprey serve` and wait for its banner; returns the URL and the admin key printed on first start. */
async function startServer(
  env: Record<string, string | undefined>,
): Promise<{ child: ChildProcess; url: string; adminKey: string }> {
  const child = spawn(process.execPath, [BIN, 'serve'], { env, cwd: ROOT });
  let out = '';
  child.stderr.on('data', (d) => process.stderr.write(d));
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${out}`)), 60_000);
    child.stdout.on('data', (d) => {
      out += d;
      const url = /running at (http:\/\/\S+)/.exec(out)?.[1];
      const key = /admin key\s+(osp_\S+)/.exec(out)?.[1];
      if (url && key) {
        clearTimeout(timer);
        done({ child, url, adminKey: key });
      }
    });
    child.on('exit', (code) => fail(new Error(`server exited with ${code}:\n${out}`)));
  });
}

interface LoadResult {
  driver: string;
  users: number;
  seconds: number;
  requests: number;
  eventsPerSecond: number;
  /** Share of one core the server process got during the run (1 = a full core). */
  serverCpuShare: number;
  eventsPerServerCpuSecond: number;
  storedEvents: number;
  non2xx: number;
  errors: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  bytesPerEvent: number;
}

async function benchHttp(driver: 'sqlite' | 'postgres', users: number): Promise<LoadResult> {
  const home = mkdtempSync(join(tmpdir(), 'osprey-bench-'));
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const port = String(20000 + Math.floor(Math.random() * 20000));
  const env: Record<string, string | undefined> = {
    ...cleanEnv(),
    OSPREY_HOME: home,
    OSPREY_PORT: port,
    OSPREY_HOST: '127.0.0.1',
    OSPREY_LOG_LEVEL: 'warn',
  };
  if (driver === 'postgres') {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`create schema "${schema}"`);
    await c.end();
    // The server's pool connects with search_path = the bench schema (libpq `options`).
    const u = new URL(PG_URL);
    u.searchParams.set('options', `-c search_path=${schema}`);
    env.OSPREY_DATABASE_URL = u.toString();
  }
  const server = await startServer(env);
  try {
    const res = await fetch(`${server.url}/api/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'write', label: 'bench' }),
    });
    const { key } = (await res.json()) as { key: string };
    await run(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bench/ingest-load.ts'), server.url, key, '3', '4', '100'],
      cleanEnv(),
    );
    const before = await storedEvents(server.url, server.adminKey);
    const cpuBefore = cpuSeconds(server.child.pid);
    const load = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'bench/ingest-load.ts'),
        server.url,
        key,
        String(SECONDS),
        '4',
        '100',
        String(users),
      ],
      cleanEnv(),
    );
    if (load.code !== 0) throw new Error(`load process failed: ${load.err}`);
    const r = JSON.parse(load.out.trim().split('\n').pop()!);
    const serverCpu = cpuSeconds(server.child.pid) - cpuBefore;
    const after = await storedEvents(server.url, server.adminKey);
    return {
      driver,
      users,
      seconds: r.seconds,
      requests: r.requests2xx,
      eventsPerSecond: Math.round((r.requests2xx * 100) / r.seconds),
      serverCpuShare: serverCpu / r.seconds,
      eventsPerServerCpuSecond: Math.round((r.requests2xx * 100) / serverCpu),
      storedEvents: after - before,
      non2xx: r.non2xx,
      errors: r.errors,
      latencyMs: r.latencyMs,
      bytesPerEvent: r.bytesPerEvent,
    };
  } finally {
    server.child.kill('SIGINT');
    await new Promise((d) => server.child.once('exit', d));
    rmSync(home, { recursive: true, force: true });
    if (driver === 'postgres') {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists "${schema}" cascade`);
      await c.end();
    }
  }
}

/**
 * CPU seconds (user + system) a process has used, from /proc/<pid>/stat (fields 14 and 15, in clock ticks
 * of 1/100 s on Linux). On a machine shared with other work, events per server CPU-second says what the
 * server would sustain on a core of its own; wall-clock events/s says what it got.
 */
function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

async function storedEvents(url: string, adminKey: string): Promise<number> {
  const r = await fetch(`${url}/api/stats?from=1970-01-01&to=2100-01-01&top=1`, {
    headers: { authorization: `Bearer ${adminKey}` },
  });
  return ((await r.json()) as { events: number }).events;
}

interface ImportBench {
  read: number;
  accepted: number;
  rejected: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  rssSamplesMb: number[];
}

/** `osprey import` as a user runs it; RSS sampled from /proc every 250 ms, peak from VmHWM. */
async function benchImport(): Promise<ImportBench | string> {
  if (!existsSync(RETAIL)) return `skipped: ${RETAIL} not found (set OSPREY_DATASETS)`;
  const home = mkdtempSync(join(tmpdir(), 'osprey-bench-import-'));
  const child = spawn(
    process.execPath,
    [BIN, '--data-dir', home, 'import', RETAIL, '--mapping', 'online-retail', '--json'],
    {
      env: cleanEnv(),
      cwd: ROOT,
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const samples: number[] = [];
  let peakKb = 0;
  const timer = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      samples.push(rss);
      peakKb = Math.max(peakKb, hwm, rss);
    } catch {
      // the process has just exited
    }
  }, 250);
  const code = await new Promise<number | null>((d) => child.on('close', d));
  clearInterval(timer);
  rmSync(home, { recursive: true, force: true });
  if (code !== 0) throw new Error(`osprey import failed (${code}): ${err}`);
  const r = JSON.parse(out.trim());
  // Ten evenly spaced samples show whether memory stays flat over the run.
  const step = Math.max(1, Math.floor(samples.length / 10));
  const shown = samples.filter((_, i) => i % step === 0).map((kb) => Math.round(kb / 1024));
  return {
    read: r.read,
    accepted: r.accepted,
    rejected: r.rejected,
    seconds: r.seconds,
    rowsPerSecond: Math.round(r.read / r.seconds),
    peakRssMb: Math.round(peakKb / 1024),
    rssSamplesMb: shown,
  };
}

async function postgresReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

/** Returning customers (1,000 userIds, profiles created during warm-up) and mostly-new customers (50,000). */
const RETURNING = 1000;
const NEW = 50_000;
const http: LoadResult[] = [];
const measure = async (driver: 'sqlite' | 'postgres', users: number) => {
  http.push(await benchHttp(driver, users));
  console.error(JSON.stringify(http[http.length - 1]));
};
await measure('sqlite', RETURNING);
await measure('sqlite', NEW);
if (!flag('skip-postgres')) {
  if (await postgresReachable()) {
    await measure('postgres', RETURNING);
    await measure('postgres', NEW);
  } else console.error(`PostgreSQL at ${PG_URL} unreachable: skipped`);
}
const imp = flag('skip-import') ? 'skipped (--skip-import)' : await benchImport();
console.error(JSON.stringify(imp));

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, ${process.platform}`;
const lines = [
  '## Ingestion',
  '',
  `Measured ${new Date().toISOString().slice(0, 16)} UTC on ${machine}; the machine was shared with other`,
  'engineers’ builds and tests at the time, so figures are lower bounds of what an idle machine gives.',
  '',
  `Command: \`npm run bench:ingest -- --seconds ${SECONDS}${flag('write') ? ' --write' : ''}\` (bench/ingest.ts). Server: \`osprey serve\``,
  'in its own process (log level warn); load: bench/ingest-load.ts (autocannon) in another process, POST',
  '/v1/batch with 100 track events per request, 4 connections, unique messageIds, after a 3 s warm-up.',
  '"server CPU" is the share of one core the `osprey serve` process got (user + system time from /proc, not',
  'counting PostgreSQL’s own processes); "events per server CPU-second" is what it sustains per core it gets.',
  '',
  '| store | distinct userIds | events/s | server CPU (cores) | events per server CPU-second | p50 batch latency | p99 batch latency | events stored | non-2xx | bytes/event |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...http.map(
    (h) =>
      `| ${h.driver} | ${h.users.toLocaleString('en')} | ${h.eventsPerSecond.toLocaleString('en')} | ${h.serverCpuShare.toFixed(2)} | ${h.eventsPerServerCpuSecond.toLocaleString('en')} | ${h.latencyMs.p50} ms | ${h.latencyMs.p99} ms | ${h.storedEvents.toLocaleString('en')} | ${h.non2xx} | ${h.bytesPerEvent} |`,
  ),
  '',
  'Import: `osprey import online_retail.csv.gz --mapping online-retail --json` (UCI Online Retail, gzip) into',
  'a fresh SQLite data folder.',
  '',
];
if (typeof imp === 'string') lines.push(`Import ${imp}.`);
else {
  lines.push(
    '| rows read | accepted | rejected | seconds | rows/s | peak RSS | RSS over the run (MB, evenly spaced samples) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    `| ${imp.read.toLocaleString('en')} | ${imp.accepted.toLocaleString('en')} | ${imp.rejected.toLocaleString('en')} | ${imp.seconds} | ${imp.rowsPerSecond.toLocaleString('en')} | ${imp.peakRssMb} MB | ${imp.rssSamplesMb.join(', ')} |`,
  );
}
const section = lines.join('\n');
process.stdout.write(`${section}\n`);

if (flag('write')) {
  const file = join(ROOT, 'bench/RESULTS.md');
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
  const start = existing.indexOf('## Ingestion');
  let next: string;
  if (start < 0) next = `${existing.trimEnd()}\n\n${section}\n`;
  else {
    const end = existing.indexOf('\n## ', start + 1);
    next = `${existing.slice(0, start)}${section}\n${end < 0 ? '' : `\n${existing.slice(end + 1)}`}`;
  }
  writeFileSync(file, next);
  console.error(`wrote ${file}`);
}
