/**
 * The CLI's composition root: the job queue with its handlers, the importer and the demo-shop loader,
 * shared by `serve`, `worker`, `import` and `demo-data`. Adapters only: the work is in src/jobs and src/ingest.
 */
import { readFile, rm } from 'node:fs/promises';
import type { OspreyConfig } from '../core/config.js';
import { invalidInput } from '../core/errors.js';
import type { JsonObject } from '../core/types.js';
import type { PiiKeys } from '../governance/index.js';
import { loadDemoShop as loadDemoShopInto } from '../ingest/demo-loader.js';
import { type ColumnMapping, type ImportResult, importFile as importRows } from '../ingest/import/index.js';
import { type FollowUpQueue, SCORE_REVIEWS_JOB } from '../ingest/ingest-batch.js';
import { type JobQueue, openJobQueue } from '../jobs/index.js';
import { registerTrainingJobs } from '../predict/index.js';
import { registerSegmentJobs } from '../profiles/index.js';
import { registerRecommendationJobs } from '../recommend/serving/index.js';
import type { Store } from '../store/store.js';
import type { ReviewScorer } from '../text/reviews/index.js';

interface Deps {
  config: OspreyConfig;
  store: Store;
  secrets: PiiKeys;
}

export interface ImportProgress {
  read: number;
  accepted: number;
  rejected: number;
  bytes: number;
  totalBytes: number | null;
  rowsPerSecond: number;
}

export type ImportSummary = ImportResult;

export type ImportKindOption = 'users' | 'items' | 'events';

/** `--mapping`: the built-in `online-retail`, or a JSON file `{ "osprey field": "column" }`. */
async function resolveMapping(
  mapping: string | undefined,
): Promise<'online-retail' | ColumnMapping | undefined> {
  if (mapping === undefined || mapping === 'online-retail') return mapping;
  let parsed: unknown;
  try {
    parsed = mapping.trim().startsWith('{')
      ? JSON.parse(mapping)
      : JSON.parse(await readFile(mapping, 'utf8'));
  } catch (err) {
    throw invalidInput(
      `mapping: '${mapping}' is neither online-retail nor a readable JSON file (${(err as Error).message})`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw invalidInput('mapping: expected a JSON object {"osprey field": "column name"}');
  const issues = Object.entries(parsed)
    .filter(([, v]) => typeof v !== 'string')
    .map(([k]) => ({ path: `mapping.${k}`, message: 'must be a column name (a string)' }));
  if (issues.length) throw invalidInput('mapping: every value must be a column name', issues);
  return parsed as ColumnMapping;
}

/** Run an import with progress in rows/s; the same function backs `osprey import` and the `import` job. */
export async function importFile(
  o: Deps & {
    file: string;
    kind?: ImportKindOption;
    mapping?: string;
    onProgress?: (p: ImportProgress) => void;
    /** Where scoring of imported reviews is enqueued; without it a queue is opened when first needed. */
    queue?: FollowUpQueue;
  },
): Promise<ImportSummary> {
  const mapping = await resolveMapping(o.mapping);
  const started = performance.now();
  const lazy = o.queue ? undefined : lazyQueue(o);
  return importRows(o.store, o.secrets, o.file, {
    kind: o.kind,
    mapping,
    queue: o.queue ?? lazy?.queue,
    onProgress: (p) =>
      o.onProgress?.({
        read: p.read,
        accepted: p.accepted,
        rejected: p.rejected,
        bytes: p.bytesRead,
        totalBytes: p.totalBytes || null,
        rowsPerSecond: p.read / Math.max(1e-3, (performance.now() - started) / 1000),
      }),
  }).finally(() => lazy?.close());
}

/**
 * A job queue opened on the first enqueue, for CLI verbs that only enqueue follow-up work (`osprey import`,
 * `osprey demo-data`): the jobs wait in the store (or Redis) for the next `serve` or `worker`.
 */
function lazyQueue(o: Deps): { queue: FollowUpQueue; close(): Promise<void> } {
  let q: JobQueue | undefined;
  return {
    queue: {
      enqueue: (name, payload, options) => {
        q ??= openJobQueue(o.config, o.store);
        return q.enqueue(name, payload, options);
      },
    },
    close: async () => {
      await q?.close();
    },
  };
}

/** Osprey's job handlers, each owned by its module: imports (src/ingest), review scoring (src/text/reviews), training (src/predict). */
export function registerJobHandlers(queue: JobQueue, o: Deps): void {
  queue.register('import', async (job) => {
    const p = job.payload;
    let last = 0;
    const r = await importFile({
      ...o,
      queue,
      file: String(p.file),
      kind: typeof p.kind === 'string' ? (p.kind as ImportKindOption) : undefined,
      mapping: typeof p.mapping === 'string' ? p.mapping : undefined,
      onProgress: (progress) => {
        const now = Date.now();
        if (now - last < 1000) return;
        last = now;
        void job.progress({ ...progress } as unknown as JsonObject).catch(() => {});
      },
    });
    // An upload holds customers' personal data: once imported it must not outlive an erasure in the
    // uploads folder. (A failed attempt keeps it so the retry can run.)
    if (p.upload === true) await rm(String(p.file), { force: true });
    return r as unknown as JsonObject;
  });
  // Reviews of each stored batch (src/ingest enqueues, src/text/reviews scores; the store is its repository).
  // Loaded on first use: the tokenisers' dictionaries would slow every CLI verb's start-up.
  let reviews: ReviewScorer | undefined;
  queue.register(SCORE_REVIEWS_JOB, async (job) => {
    reviews ??= new (await import('../text/reviews/index.js')).ReviewScorer(o.store);
    const ids = Array.isArray(job.payload.eventIds) ? job.payload.eventIds.map(Number) : [];
    return reviews.scoreEvents(ids, job.signal);
  });
  registerRecommendationJobs(queue, o.store);
  registerTrainingJobs(queue, o.store);
  registerSegmentJobs(queue, o.store);
}

/**
 * The job queue of this process with Osprey's handlers registered: store-backed, or BullMQ when
 * OSPREY_REDIS_URL is set. `runWorker` also starts taking jobs (serve without Redis, and `osprey worker`).
 */
export async function startJobs(
  o: Deps & { runWorker: boolean },
): Promise<{ queue: JobQueue; stop(): Promise<void> }> {
  const queue = openJobQueue(o.config, o.store);
  registerJobHandlers(queue, o);
  if (o.runWorker) await queue.start();
  return { queue, stop: () => queue.close() };
}

/**
 * Generate the demo shop and load it through the ingest path (src/ingest's loader: source `demo`, idempotent
 * by messageId); its hidden truth goes to `<data folder>/demo-truth.jsonl`, never into the store.
 */
export async function loadDemoShop(
  o: Deps & {
    users: number;
    seed: number;
    now: number;
    onProgress?: (message: string) => void;
    /** Where review scoring is enqueued; without it a queue is opened for the load (the worker scores later). */
    queue?: JobQueue;
  },
): Promise<{ users: number; items: number; events: number; truth: string }> {
  let lastReport = Date.now();
  const lazy = o.queue ? undefined : lazyQueue(o);
  const r = await loadDemoShopInto(o.store, o.secrets, {
    queue: o.queue ?? lazy?.queue,
    users: o.users,
    seed: o.seed,
    now: new Date(o.now),
    dataDir: o.config.dataDir,
    onProgress: (p) => {
      if (Date.now() - lastReport < 3000) return;
      lastReport = Date.now();
      o.onProgress?.(`  ${p.accepted} events loaded…`);
    },
  }).finally(() => lazy?.close());
  await o.store.meta.set(
    'demo_shop',
    JSON.stringify({ users: o.users, seed: o.seed, now: new Date(o.now).toISOString() }),
  );
  return { users: o.users, items: r.items, events: r.accepted, truth: r.truthPath };
}

/** The demo shop is only ever loaded into a store with no users, events or items. */
export async function isStoreEmpty(store: Store): Promise<boolean> {
  const [users, events, items] = await Promise.all([
    store.users.count(),
    store.events.count(),
    store.items.count(),
  ]);
  return users === 0 && events === 0 && items === 0;
}
