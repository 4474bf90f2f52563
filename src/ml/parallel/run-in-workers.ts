import type { MessagePort } from 'node:worker_threads';
import { Worker } from 'node:worker_threads';
import { WORKER_BOOTSTRAP } from './threads.js';

/**
 * Run `tasks` through `exportName` of `module` on up to `threads` worker threads; results come back
 * in task order, so any reduction over them is in a fixed order whatever `threads` is.
 * The task function has the signature `(shared: S, task: T, index: number) => R | Promise<R>`;
 * `shared` is structured-cloned once per worker (typed arrays on a SharedArrayBuffer are shared, not copied).
 */
export async function runInWorkers<S, T, R>(o: {
  module: string | URL;
  exportName: string;
  shared: S;
  tasks: readonly T[];
  threads: number;
}): Promise<R[]> {
  const results = new Array<R>(o.tasks.length);
  if (o.tasks.length === 0) return results;
  const n = Math.max(1, Math.min(o.threads, o.tasks.length));
  let next = 0;
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: n }, () => {
        const w = new Worker(WORKER_BOOTSTRAP, {
          workerData: {
            module: String(o.module),
            entry: 'serveTasks',
            data: { module: String(o.module), exportName: o.exportName, shared: o.shared },
          },
        });
        workers.push(w);
        return new Promise<void>((resolve, reject) => {
          const feed = (): void => {
            if (next >= o.tasks.length) {
              resolve();
              return;
            }
            const i = next++;
            w.postMessage({ i, task: o.tasks[i] });
          };
          w.on('message', (m: { i: number; result?: R; error?: string }) => {
            if (m.error !== undefined) reject(new Error(m.error));
            else {
              results[m.i] = m.result as R;
              feed();
            }
          });
          w.on('error', reject);
          w.on('online', feed);
        });
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

/**
 * Worker side of `runInWorkers`: every module used with it re-exports this as `serveTasks`
 * (`export { serveTasks } from '../parallel/run-in-workers.js'`), so the bootstrap can start it.
 */
export async function serveTasks(
  data: { module: string; exportName: string; shared: unknown },
  port: MessagePort,
): Promise<void> {
  const mod = (await import(data.module)) as Record<string, unknown>;
  const fn = mod[data.exportName];
  if (typeof fn !== 'function') throw new Error(`${data.module} has no export '${data.exportName}'`);
  port.on('message', async (m: { i: number; task: unknown }) => {
    try {
      port.postMessage({ i: m.i, result: await fn(data.shared, m.task, m.i) });
    } catch (e) {
      port.postMessage({ i: m.i, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
  });
}
