export { runInWorkers, serveTasks } from './run-in-workers.js';
export { resolveThreads, WORKER_BOOTSTRAP } from './threads.js';
