// Plain-JS entry for every src/ml worker thread. The sources are TypeScript run through tsx (under
// `node bin/osprey.js`) or vite-node (under vitest); a worker thread starts with neither loader, so it
// registers tsx itself and then imports the .ts module named in workerData.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const mod = await import(workerData.module);
const entry = mod[workerData.entry];
if (typeof entry !== 'function') throw new Error(`${workerData.module} has no export '${workerData.entry}'`);
await entry(workerData.data, parentPort);
