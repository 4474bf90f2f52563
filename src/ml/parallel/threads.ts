import { availableParallelism } from 'node:os';
import { invalidInput } from '../../core/errors.js';

/** Resolve the `threads` fit option: default = number of cores; validated like any parameter. */
export function resolveThreads(threads: number | undefined): number {
  if (threads === undefined) return Math.max(1, availableParallelism());
  if (!Number.isInteger(threads) || threads < 1)
    throw invalidInput(`threads must be an integer >= 1; got ${threads}`);
  return threads;
}

/** URL of the plain-JS bootstrap that registers tsx in a worker and imports a .ts module. */
export const WORKER_BOOTSTRAP = new URL('./worker-bootstrap.mjs', import.meta.url);
