import type { JobStatus, JsonObject } from '../core/types.js';

/**
 * The durable job runner's contract (DESIGN.md: store-backed by default, BullMQ on Redis when configured).
 * Handlers are registered by the modules that own the work (imports, training...). Both implementations
 * run the same shared suite (`runJobQueueSuite`).
 */
export interface JobQueue {
  readonly kind: 'store' | 'bullmq';
  /** Queue a job; returns its id. `delayMs` postpones the first attempt. */
  enqueue(name: string, payload: JsonObject, o?: EnqueueOptions): Promise<string>;
  /** Register the handler for jobs of this name (before `start`). Its return value is the job's result. */
  register(name: string, handler: JobHandler): void;
  /** Start processing with `concurrency` jobs at a time (default 1). Enqueue works without start. */
  start(o?: { concurrency?: number }): Promise<void>;
  /** Stop taking jobs and wait for the running ones to finish. */
  stop(): Promise<void>;
  /**
   * Stop at once as if the process died: abort handlers, write nothing more about their jobs. Their
   * leases/locks lapse and another worker re-runs them. For tests and crash simulation.
   */
  kill(): Promise<void>;
  /** Status, progress, result and error of a job; undefined when unknown. */
  get(id: string): Promise<JobState | undefined>;
  /** stop() and release connections. */
  close(): Promise<void>;
}

export interface EnqueueOptions {
  /** Attempts before the job is failed for good (default 3). */
  maxAttempts?: number;
  delayMs?: number;
}

export interface JobContext {
  id: string;
  name: string;
  payload: JsonObject;
  /** 1 on the first run, 2 on the first retry... */
  attempt: number;
  /** Aborted when the worker is killed or loses the job's lease: stop work and throw. */
  signal: AbortSignal;
  /** Report progress; readable through `get(id).progress`. */
  progress(p: JsonObject): Promise<void>;
}

// biome-ignore lint/suspicious/noConfusingVoidType: handlers with nothing to report simply return
export type JobHandler = (ctx: JobContext) => Promise<JsonObject | null | undefined | void>;

export interface JobState {
  id: string;
  name: string;
  status: JobStatus;
  /** Attempts started so far. */
  attempts: number;
  maxAttempts: number;
  progress: JsonObject | null;
  result: JsonObject | null;
  error: string | null;
  createdAt: number;
  updatedAt: number;
}

export const DEFAULT_MAX_ATTEMPTS = 3;

/** Exponential backoff before retry n (n = attempts already made, from 1): base · 2^(n−1). */
export function backoffDelay(baseMs: number, attemptsMade: number): number {
  return baseMs * 2 ** Math.max(0, attemptsMade - 1);
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
