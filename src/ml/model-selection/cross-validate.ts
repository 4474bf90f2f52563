import { runInWorkers } from '../parallel/run-in-workers.js';
import { resolveThreads } from '../parallel/threads.js';
import type { Split } from './split.js';

/** Run `run` on every fold in order, in-process; results are in fold order. */
export function crossValidate<R>(folds: readonly Split[], run: (fold: Split, index: number) => R): R[] {
  return folds.map((f, i) => run(f, i));
}

/**
 * Run folds on worker threads. `module` must export `exportName(shared, fold, index)` and re-export
 * `serveTasks` from '../parallel/run-in-workers.js'. Results come back in fold order so the reduction
 * (e.g. `meanStd`) is identical whatever `threads` is.
 */
export async function crossValidateInWorkers<S, R>(o: {
  folds: readonly Split[];
  module: string | URL;
  exportName: string;
  shared: S;
  threads?: number;
}): Promise<R[]> {
  const threads = resolveThreads(o.threads);
  return runInWorkers<S, Split, R>({
    module: o.module,
    exportName: o.exportName,
    shared: o.shared,
    tasks: o.folds,
    threads,
  });
}

/** Mean and population standard deviation (np.std, ddof = 0) of fold scores, summed in fold order. */
export function meanStd(values: readonly number[]): { mean: number; std: number } {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, std: Number.NaN };
  let s = 0;
  for (const v of values) s += v;
  const mean = s / n;
  let q = 0;
  for (const v of values) q += (v - mean) ** 2;
  return { mean, std: Math.sqrt(q / n) };
}
