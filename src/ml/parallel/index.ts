export { runInWorkers, serveTasks } from './run-in-workers.js';
export { type ChunkHandler, SyncGang, serveGang } from './sync-gang.js';
export { resolveThreads, WORKER_BOOTSTRAP } from './threads.js';
