import { randomUUID } from 'node:crypto';
import { type Job as BullJob, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { invalidInput } from '../core/errors.js';
import type { JobStatus, JsonObject } from '../core/types.js';
import {
  DEFAULT_MAX_ATTEMPTS,
  type EnqueueOptions,
  errorMessage,
  type JobHandler,
  type JobQueue,
  type JobState,
} from './job-queue.js';
import { checkEnqueue } from './store-job-queue.js';

export interface BullJobQueueOptions {
  /** BullMQ queue name (default `osprey`). */
  queue?: string;
  /** Redis key prefix (default `osprey`); tests use a random one per run. */
  prefix?: string;
  /** Lock held by a worker on a running job, renewed automatically (BullMQ default 30 s). */
  lockDurationMs?: number;
  /** How often workers look for jobs whose lock lapsed (stalled: the worker died) (default 30 s). */
  stalledIntervalMs?: number;
  /** First retry delay, doubled per retry (default 1 s). */
  backoffMs?: number;
}

/**
 * What a killed worker's processor returns: a promise that never settles, so BullMQ writes no outcome
 * for the job — as when a process dies — and the lapsed lock lets another worker take it over.
 */
function dead(): Promise<never> {
  return new Promise<never>(() => undefined);
}

const STATUS: Record<string, JobStatus> = {
  completed: 'succeeded',
  failed: 'failed',
  active: 'running',
  waiting: 'queued',
  delayed: 'queued',
  prioritized: 'queued',
  'waiting-children': 'queued',
};

/**
 * Jobs on Redis through BullMQ, for scale-out (`osprey worker` processes on several nodes). BullMQ gives
 * the same guarantees as the store-backed queue: a lock renewed while the job runs, stalled-job recovery
 * when a worker dies, exponential-backoff retries.
 */
export class BullJobQueue implements JobQueue {
  readonly kind = 'bullmq' as const;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly name: string;
  private readonly prefix: string;
  private readonly o: BullJobQueueOptions;
  private readonly connection: Redis;
  private readonly queue: Queue;
  private worker: Worker | undefined;
  private readonly inFlight = new Set<AbortController>();
  private killed = false;

  constructor(
    private readonly redisUrl: string,
    o: BullJobQueueOptions = {},
  ) {
    this.o = o;
    this.name = o.queue ?? 'osprey';
    this.prefix = o.prefix ?? 'osprey';
    // BullMQ requires maxRetriesPerRequest: null on connections used by workers (blocking commands).
    this.connection = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
    this.queue = new Queue(this.name, { connection: this.connection, prefix: this.prefix });
  }

  async enqueue(name: string, payload: JsonObject, o: EnqueueOptions = {}): Promise<string> {
    checkEnqueue(name, o);
    const id = randomUUID();
    await this.queue.add(name, payload, {
      jobId: id,
      attempts: o.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.o.backoffMs ?? 1_000 },
      delay: o.delayMs ?? 0,
      removeOnComplete: false,
      removeOnFail: false,
    });
    return id;
  }

  register(name: string, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  async start(o: { concurrency?: number } = {}): Promise<void> {
    if (this.worker) return;
    const concurrency = o.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw invalidInput(`concurrency: must be an integer ≥ 1; got ${concurrency}`, [
        { path: 'concurrency', message: 'must be an integer ≥ 1' },
      ]);
    }
    this.killed = false;
    this.worker = new Worker(this.name, (job, _token, signal) => this.process(job, signal), {
      connection: new Redis(this.redisUrl, { maxRetriesPerRequest: null }),
      prefix: this.prefix,
      concurrency,
      lockDuration: this.o.lockDurationMs ?? 30_000,
      stalledInterval: this.o.stalledIntervalMs ?? 30_000,
      // Exponential backoff is applied by BullMQ from the job's backoff option.
    });
    // Errors are also reported per job; without a listener Node would treat them as unhandled.
    this.worker.on('error', (err) => process.emitWarning(`BullMQ worker: ${errorMessage(err)}`));
    await this.worker.waitUntilReady();
  }

  private async process(job: BullJob, signal?: AbortSignal): Promise<JsonObject | null> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new UnrecoverableError(`no handler registered for job '${job.name}'`);
    const controller = new AbortController();
    signal?.addEventListener('abort', () => controller.abort(signal.reason));
    this.inFlight.add(controller);
    try {
      const result = await handler({
        id: String(job.id),
        name: job.name,
        payload: job.data as JsonObject,
        attempt: job.attemptsMade + 1,
        signal: controller.signal,
        progress: async (p) => {
          if (!controller.signal.aborted) await job.updateProgress(p);
        },
      });
      if (this.killed) return dead();
      return result ?? null;
    } catch (err) {
      if (this.killed) return dead();
      throw err;
    } finally {
      this.inFlight.delete(controller);
    }
  }

  async stop(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.close();
  }

  async kill(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    this.killed = true;
    for (const c of this.inFlight) c.abort(new Error('worker killed'));
    // Force-close: the lock is no longer renewed and nothing more is written for the running jobs, so
    // another worker's stalled-job check moves them back to waiting, as after a crash.
    if (w) await w.close(true).catch(() => undefined);
  }

  async get(id: string): Promise<JobState | undefined> {
    // State first, then the job's fields: read the other way round, a job finishing in between showed
    // as succeeded with the progress/error of an earlier moment.
    const state = await this.queue.getJobState(id);
    if (state === 'unknown') return undefined;
    const job = await this.queue.getJob(id);
    if (!job) return undefined;
    const status = STATUS[state] ?? 'queued';
    const progress = job.progress;
    return {
      id,
      name: job.name,
      status,
      attempts: job.attemptsStarted ?? job.attemptsMade,
      maxAttempts: job.opts.attempts ?? 1,
      progress: typeof progress === 'object' && progress !== null ? (progress as JsonObject) : null,
      result: status === 'succeeded' ? ((job.returnvalue as JsonObject | null) ?? null) : null,
      error: job.failedReason || null,
      createdAt: job.timestamp,
      updatedAt: job.finishedOn ?? job.processedOn ?? job.timestamp,
    };
  }

  async close(): Promise<void> {
    if (this.killed) this.worker = undefined;
    await this.stop();
    await this.queue.close();
    this.connection.disconnect();
  }

  /** Remove every key of this queue (tests: random prefix per run). */
  async obliterate(): Promise<void> {
    await this.queue.obliterate({ force: true });
  }
}
