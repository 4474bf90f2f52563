import { randomUUID } from 'node:crypto';
import { invalidInput } from '../core/errors.js';
import type { Job } from '../core/types.js';
import type { Store } from '../store/store.js';
import {
  backoffDelay,
  DEFAULT_MAX_ATTEMPTS,
  type EnqueueOptions,
  errorMessage,
  type JobHandler,
  type JobQueue,
  type JobState,
} from './job-queue.js';

export interface StoreJobQueueOptions {
  /** Queue name inside the jobs table (default `default`). */
  queue?: string;
  /** How long a claim lasts without a heartbeat (default 30 s); a dead worker's job is re-run after it. */
  leaseMs?: number;
  /** Idle polling interval (default 500 ms); enqueues in this process wake the workers at once. */
  pollMs?: number;
  /** First retry delay, doubled on each further retry (default 1 s). */
  backoffMs?: number;
  workerId?: string;
}

export function toJobState(j: Job): JobState {
  return {
    id: j.id,
    name: j.name,
    status: j.status,
    attempts: j.attempts,
    maxAttempts: j.maxAttempts,
    progress: j.progress,
    result: j.result,
    error: j.error,
    createdAt: j.createdAt,
    updatedAt: j.updatedAt,
  };
}

export function checkEnqueue(name: string, o: EnqueueOptions): void {
  const issues = [];
  if (typeof name !== 'string' || name === '')
    issues.push({ path: 'name', message: 'must be a non-empty string' });
  if (o.maxAttempts !== undefined && (!Number.isInteger(o.maxAttempts) || o.maxAttempts < 1)) {
    issues.push({ path: 'maxAttempts', message: 'must be an integer ≥ 1' });
  }
  if (o.delayMs !== undefined && (!Number.isFinite(o.delayMs) || o.delayMs < 0)) {
    issues.push({ path: 'delayMs', message: 'must be a number ≥ 0' });
  }
  if (issues.length)
    throw invalidInput(`job: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}

/**
 * Jobs in the store's `jobs` table: a worker claims a due job with a lease, renews it by heartbeat
 * (every lease/3) while the handler runs, and records the outcome guarded by its worker id. A worker that
 * dies stops renewing; once the lease lapses any worker — in this process or after a restart — claims
 * the job again. Failures are retried with exponential backoff until maxAttempts.
 */
export class StoreJobQueue implements JobQueue {
  readonly kind = 'store' as const;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly queue: string;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly backoffMs: number;
  private readonly workerId: string;
  private running = false;
  private killed = false;
  private loops: Promise<void>[] = [];
  private readonly inFlight = new Map<string, AbortController>();
  private wake: (() => void)[] = [];

  constructor(
    private readonly store: Store,
    o: StoreJobQueueOptions = {},
  ) {
    this.queue = o.queue ?? 'default';
    this.leaseMs = o.leaseMs ?? 30_000;
    this.pollMs = o.pollMs ?? 500;
    this.backoffMs = o.backoffMs ?? 1_000;
    this.workerId = o.workerId ?? `worker-${randomUUID()}`;
  }

  async enqueue(
    name: string,
    payload: Parameters<JobQueue['enqueue']>[1],
    o: EnqueueOptions = {},
  ): Promise<string> {
    checkEnqueue(name, o);
    const id = randomUUID();
    await this.store.jobs.enqueue({
      id,
      queue: this.queue,
      name,
      payload,
      maxAttempts: o.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      runAt: Date.now() + (o.delayMs ?? 0),
    });
    for (const w of this.wake.splice(0)) w();
    return id;
  }

  register(name: string, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  async start(o: { concurrency?: number } = {}): Promise<void> {
    if (this.running) return;
    const concurrency = o.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw invalidInput(`concurrency: must be an integer ≥ 1; got ${concurrency}`, [
        { path: 'concurrency', message: 'must be an integer ≥ 1' },
      ]);
    }
    this.running = true;
    this.killed = false;
    this.loops = Array.from({ length: concurrency }, () => this.loop());
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const w of this.wake.splice(0)) w();
    await Promise.all(this.loops);
    this.loops = [];
  }

  async kill(): Promise<void> {
    this.killed = true;
    this.running = false;
    for (const c of this.inFlight.values()) c.abort(new Error('worker killed'));
    for (const w of this.wake.splice(0)) w();
    // A dead process does not wait for its handlers: leave them (their writes are now suppressed).
    this.loops = [];
  }

  async get(id: string): Promise<JobState | undefined> {
    const j = await this.store.jobs.get(id);
    return j ? toJobState(j) : undefined;
  }

  async close(): Promise<void> {
    await this.stop();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let job: Job | undefined;
      try {
        job = await this.store.jobs.claim(this.queue, this.workerId, Date.now(), this.leaseMs);
      } catch (err) {
        // A busy or briefly unreachable database must not kill the worker: back off and poll again.
        process.emitWarning(`job claim failed: ${errorMessage(err)}`);
      }
      if (job) await this.run(job);
      else await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.wake = this.wake.filter((w) => w !== done);
        resolve();
      }, this.pollMs);
      this.wake.push(done);
    });
  }

  private async run(job: Job): Promise<void> {
    const { jobs } = this.store;
    const w = this.workerId;
    if (job.attempts > job.maxAttempts) {
      // Claimed again after its last attempt's worker died: that attempt counts as failed.
      await jobs.fail(
        job.id,
        job.error ?? 'worker stopped during the last attempt (lease expired)',
        null,
        Date.now(),
        w,
      );
      return;
    }
    const handler = this.handlers.get(job.name);
    if (!handler) {
      await jobs.fail(job.id, `no handler registered for job '${job.name}'`, null, Date.now(), w);
      return;
    }
    const controller = new AbortController();
    this.inFlight.set(job.id, controller);
    const heartbeat = setInterval(
      () => {
        jobs.extendLease(job.id, Date.now() + this.leaseMs, w).then(
          (held) => {
            if (!held) controller.abort(new Error('lease lost to another worker'));
          },
          () => undefined, // transient: the next beat retries before the lease lapses
        );
      },
      Math.max(10, Math.floor(this.leaseMs / 3)),
    );
    try {
      const result = await handler({
        id: job.id,
        name: job.name,
        payload: job.payload,
        attempt: job.attempts,
        signal: controller.signal,
        progress: async (p) => {
          if (!controller.signal.aborted) await jobs.progress(job.id, p, w);
        },
      });
      if (!controller.signal.aborted) {
        await jobs
          .complete(job.id, result ?? null, Date.now(), w)
          .catch((e) => process.emitWarning(`recording result of job ${job.id} failed: ${errorMessage(e)}`));
      }
    } catch (err) {
      if (!this.killed && !controller.signal.aborted) {
        const retryAt =
          job.attempts < job.maxAttempts ? Date.now() + backoffDelay(this.backoffMs, job.attempts) : null;
        await jobs
          .fail(job.id, errorMessage(err), retryAt, Date.now(), w)
          .catch((e) => process.emitWarning(`recording failure of job ${job.id} failed: ${errorMessage(e)}`));
      }
    } finally {
      clearInterval(heartbeat);
      this.inFlight.delete(job.id);
    }
  }
}
