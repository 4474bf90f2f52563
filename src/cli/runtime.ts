/**
 * The CLI's composition root: the job queue with its handlers, the importer and the demo-shop loader,
 * shared by `serve`, `worker`, `import` and `demo-data`. Adapters only: the work is in src/jobs and src/ingest.
 */
import { join } from 'node:path';
import type { OspreyConfig } from '../core/config.js';
import { OspreyError } from '../core/errors.js';
import type { PiiKeys } from '../governance/index.js';
import type { JobQueue } from '../server/domain.js';
import type { Store } from '../store/store.js';

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

export interface ImportSummary {
  read: number;
  accepted: number;
  rejected: number;
  rejections: { row: number; field: string; reason: string }[];
  seconds: number;
}

const pending = (what: string): never => {
  throw new OspreyError('UNSUPPORTED', `${what} is not wired yet`);
};

/**
 * The job runner must register every module's handlers before it starts, including src/predict's
 * `registerTrainingJobs(queue, store)` (the `train-model` job that `serve --demo` schedules daily).
 */
export async function startJobs(
  _o: Deps & { runWorker: boolean },
): Promise<{ queue: JobQueue; stop(): Promise<void> }> {
  return pending('the job queue');
}

export async function importFile(
  _o: Deps & {
    file: string;
    kind?: 'users' | 'items' | 'events';
    mapping?: string;
    onProgress?: (p: ImportProgress) => void;
  },
): Promise<ImportSummary> {
  return pending('import');
}

export async function loadDemoShop(
  o: Deps & { users: number; seed: number; now: number; onProgress?: (message: string) => void },
): Promise<{ users: number; items: number; events: number; truth: string }> {
  void join(o.config.dataDir, 'demo-truth.jsonl');
  return pending('the demo shop');
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
