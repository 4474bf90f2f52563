// Worker side of bench/histogram-threads.ts: wait for a generation bump, answer it, forever.
import { workerData } from 'node:worker_threads';

const ctl = new Int32Array(workerData.sab);
let seen = 0;
for (;;) {
  Atomics.wait(ctl, 0, seen);
  seen = Atomics.load(ctl, 0);
  if (seen < 0) break;
  Atomics.store(ctl, 1, seen);
  Atomics.notify(ctl, 1);
}
