import { Worker } from 'node:worker_threads';
import { WORKER_BOOTSTRAP } from './threads.js';

/**
 * A gang of worker threads driven synchronously from the calling thread through a SharedArrayBuffer,
 * so an estimator's `fit` can stay synchronous (the estimator contract) while its inner loop runs in
 * parallel. Each `run(command)` splits the work into `chunks` fixed by the caller (never by the number
 * of threads), hands them out through an atomic counter, and the caller works on chunks too; results
 * are written per chunk, so the caller reduces them in chunk order and the outcome does not depend on
 * how many threads took part. If the workers fail to come up, the caller simply does every chunk.
 */
const CMD = 0;
const GEN = 1;
const NEXT = 2;
const DONE = 3;
const READY = 4;
const ERROR = 5;
const CONTROL_INTS = 8;
export const EXIT_COMMAND = -1;

export type ChunkHandler = (command: number, chunk: number) => void;

export class SyncGang {
  private readonly control: Int32Array;
  private readonly workers: Worker[] = [];
  private live = 0;

  /**
   * @param threads total threads including the caller (1 = no workers)
   * @param module  .ts module exporting `entry(data, port)` that calls `serveGang`
   * @param data    structured-cloned to each worker (put SharedArrayBuffers in it)
   */
  constructor(threads: number, module: URL | string, entry: string, data: Record<string, unknown>) {
    this.control = new Int32Array(new SharedArrayBuffer(CONTROL_INTS * 4));
    for (let t = 1; t < threads; t++) {
      const w = new Worker(WORKER_BOOTSTRAP, {
        workerData: { module: String(module), entry, data: { ...data, control: this.control.buffer } },
      });
      w.unref();
      // 'error' events cannot reach a caller blocked in Atomics.wait; serveGang reports failures
      // through the ERROR counter instead, and a worker that never loads is caught by the bounded wait.
      w.on('error', () => {});
      this.workers.push(w);
    }
    if (this.workers.length > 0) {
      // Wait (bounded, ~60 s of timeouts) for workers to load; if any is late, run without workers.
      let timeouts = 0;
      while (Atomics.load(this.control, READY) < this.workers.length && timeouts < 1200) {
        const r = Atomics.wait(this.control, READY, Atomics.load(this.control, READY), 50);
        if (r === 'timed-out') timeouts++;
      }
      this.live = Atomics.load(this.control, READY);
      if (this.live < this.workers.length) this.close();
    }
  }

  /** Threads actually working (caller included). */
  get size(): number {
    return this.live + 1;
  }

  run(command: number, chunks: number, handle: ChunkHandler): void {
    const c = this.control;
    if (this.live === 0) {
      for (let k = 0; k < chunks; k++) handle(command, k);
      return;
    }
    Atomics.store(c, CMD, command);
    Atomics.store(c, NEXT, 0);
    Atomics.store(c, DONE, 0);
    c[6] = chunks;
    Atomics.add(c, GEN, 1);
    Atomics.notify(c, GEN);
    for (let k = Atomics.add(c, NEXT, 1); k < chunks; k = Atomics.add(c, NEXT, 1)) handle(command, k);
    for (;;) {
      const done = Atomics.load(c, DONE);
      if (done + Atomics.load(c, ERROR) >= this.live) break;
      Atomics.wait(c, DONE, done, 100);
    }
    if (Atomics.load(c, ERROR) > 0) throw new Error('a worker thread failed during fit');
  }

  close(): void {
    if (this.workers.length === 0) return;
    Atomics.store(this.control, CMD, EXIT_COMMAND);
    Atomics.add(this.control, GEN, 1);
    Atomics.notify(this.control, GEN);
    for (const w of this.workers) void w.terminate();
    this.workers.length = 0;
    this.live = 0;
  }
}

/** Worker side: signal readiness, then run chunks of each command until told to exit. */
export function serveGang(controlBuffer: SharedArrayBuffer, handle: ChunkHandler): void {
  const c = new Int32Array(controlBuffer);
  let gen = Atomics.load(c, GEN);
  Atomics.add(c, READY, 1);
  Atomics.notify(c, READY);
  for (;;) {
    Atomics.wait(c, GEN, gen);
    gen = Atomics.load(c, GEN);
    const command = Atomics.load(c, CMD);
    if (command === EXIT_COMMAND) return;
    const chunks = c[6];
    try {
      for (let k = Atomics.add(c, NEXT, 1); k < chunks; k = Atomics.add(c, NEXT, 1)) handle(command, k);
    } catch {
      Atomics.add(c, ERROR, 1);
      Atomics.notify(c, DONE);
      return;
    }
    Atomics.add(c, DONE, 1);
    Atomics.notify(c, DONE);
  }
}
