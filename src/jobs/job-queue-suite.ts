import { afterEach, describe, expect, it } from 'vitest';
import { OspreyError } from '../core/errors.js';
import type { JobQueue, JobState } from './job-queue.js';

/**
 * A backend for the shared job-queue suite: `open()` returns a new queue instance on the same durable
 * backing (same table / same Redis queue) — a second call plays the part of a restarted worker process.
 * `cleanup()` removes the backing after each test.
 */
export interface JobQueueBackend {
  open(): Promise<JobQueue>;
  cleanup(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(
  q: JobQueue,
  id: string,
  done: (s: JobState) => boolean,
  timeoutMs = 20_000,
): Promise<JobState> {
  const deadline = Date.now() + timeoutMs;
  let last: JobState | undefined;
  while (Date.now() < deadline) {
    last = await q.get(id);
    if (last && done(last)) return last;
    await sleep(25);
  }
  throw new Error(`job ${id} did not reach the expected state; last: ${JSON.stringify(last)}`);
}

async function until(cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await sleep(10);
  }
}

/**
 * The shared job-queue conformance suite: store-backed (SQLite, PostgreSQL) and BullMQ must all pass it.
 * Backends should use short leases/locks and backoff so recovery and retries happen within a second or two.
 */
export function runJobQueueSuite(name: string, makeBackend: () => Promise<JobQueueBackend>): void {
  describe(`job queue suite: ${name}`, () => {
    let backend: JobQueueBackend | undefined;
    const opened: JobQueue[] = [];
    async function open(): Promise<JobQueue> {
      backend ??= await makeBackend();
      const q = await backend.open();
      opened.push(q);
      return q;
    }
    afterEach(async () => {
      for (const q of opened.splice(0)) await q.close();
      await backend?.cleanup();
      backend = undefined;
    });

    it('runs a job with its payload and keeps its result', async () => {
      const q = await open();
      const seen: unknown[] = [];
      q.register('add', async (ctx) => {
        seen.push([ctx.name, ctx.payload, ctx.attempt]);
        return { sum: (ctx.payload.a as number) + (ctx.payload.b as number) };
      });
      const id = await q.enqueue('add', { a: 2, b: 3 });
      expect((await q.get(id))?.status).toBe('queued');
      await q.start();
      const done = await waitFor(q, id, (s) => s.status === 'succeeded');
      expect(done).toMatchObject({
        id,
        name: 'add',
        status: 'succeeded',
        attempts: 1,
        result: { sum: 5 },
        error: null,
      });
      expect(seen).toEqual([['add', { a: 2, b: 3 }, 1]]);
      expect(await q.get('no-such-job')).toBeUndefined();
    });

    it('reports progress while the job runs', async () => {
      const q = await open();
      let release!: () => void;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      q.register('long', async (ctx) => {
        await ctx.progress({ done: 5, total: 10 });
        await gate;
        await ctx.progress({ done: 10, total: 10 });
        return { ok: true };
      });
      await q.start();
      const id = await q.enqueue('long', {});
      try {
        const mid = await waitFor(q, id, (s) => s.progress?.done === 5);
        expect(mid.status).toBe('running');
      } finally {
        release(); // even on failure, so closing the queue does not wait on the gate forever
      }
      const done = await waitFor(q, id, (s) => s.status === 'succeeded');
      expect(done.progress).toEqual({ done: 10, total: 10 });
    });

    it('retries a failing job with backoff until it succeeds', async () => {
      const q = await open();
      const attempts: number[] = [];
      q.register('flaky', async (ctx) => {
        attempts.push(ctx.attempt);
        if (ctx.attempt < 3) throw new Error(`transient failure ${ctx.attempt}`);
        return { attempt: ctx.attempt };
      });
      await q.start();
      const id = await q.enqueue('flaky', {}, { maxAttempts: 3 });
      const done = await waitFor(q, id, (s) => s.status === 'succeeded');
      expect(attempts).toEqual([1, 2, 3]);
      expect(done).toMatchObject({ attempts: 3, result: { attempt: 3 } });
    });

    it('fails for good after maxAttempts, keeping the last error', async () => {
      const q = await open();
      let calls = 0;
      q.register('doomed', async () => {
        calls++;
        throw new Error(`permanent failure ${calls}`);
      });
      await q.start();
      const id = await q.enqueue('doomed', {}, { maxAttempts: 2 });
      const failed = await waitFor(q, id, (s) => s.status === 'failed');
      expect(failed.error).toContain('permanent failure 2');
      expect(failed.attempts).toBe(2);
      await sleep(300);
      expect(calls).toBe(2);
    });

    it('re-runs a job whose worker died mid-job (lease/lock expiry), on another instance', async () => {
      const first = await open();
      let started = false;
      let firstFinished = false;
      first.register('import', async (ctx) => {
        started = true;
        await ctx.progress({ rows: 1 });
        // Never finishes on its own: the process "dies" with the job in hand.
        await new Promise<void>((resolve) => {
          if (ctx.signal.aborted) resolve();
          else ctx.signal.addEventListener('abort', () => resolve());
        });
        firstFinished = true;
        return { by: 'first' };
      });
      await first.start();
      const id = await first.enqueue('import', { file: 'x.csv' }, { maxAttempts: 3 });
      await until(() => started);
      await first.kill();

      const second = await open();
      const attempts: number[] = [];
      second.register('import', async (ctx) => {
        attempts.push(ctx.attempt);
        return { by: 'second' };
      });
      await second.start();
      const done = await waitFor(second, id, (s) => s.status === 'succeeded');
      expect(done.result).toEqual({ by: 'second' });
      expect(attempts.length).toBe(1);
      expect(firstFinished).toBe(true); // the killed handler was told to stop
    });

    it('runs each job exactly once when several workers compete', async () => {
      const runs = new Map<string, number>();
      const workers = [await open(), await open()];
      for (const w of workers) {
        w.register('count', async (ctx) => {
          runs.set(ctx.id, (runs.get(ctx.id) ?? 0) + 1);
          await sleep(5);
          return null;
        });
      }
      const ids = await Promise.all(
        Array.from({ length: 20 }, (_, i) => workers[i % 2].enqueue('count', { i })),
      );
      await Promise.all(workers.map((w) => w.start({ concurrency: 2 })));
      for (const id of ids) await waitFor(workers[0], id, (s) => s.status === 'succeeded');
      expect(ids.map((id) => runs.get(id))).toEqual(ids.map(() => 1));
    });

    it('runs up to `concurrency` jobs at once', async () => {
      const q = await open();
      let active = 0;
      let peak = 0;
      q.register('sleep', async () => {
        active++;
        peak = Math.max(peak, active);
        await sleep(250);
        active--;
        return null;
      });
      const ids = await Promise.all(Array.from({ length: 6 }, () => q.enqueue('sleep', {})));
      await q.start({ concurrency: 3 });
      for (const id of ids) await waitFor(q, id, (s) => s.status === 'succeeded');
      expect(peak).toBe(3);
    });

    it('holds a delayed job back and rejects bad options', async () => {
      const q = await open();
      let ranAt = 0;
      q.register('later', async () => {
        ranAt = Date.now();
        return null;
      });
      await q.start();
      const enqueuedAt = Date.now();
      const id = await q.enqueue('later', {}, { delayMs: 600 });
      await waitFor(q, id, (s) => s.status === 'succeeded');
      expect(ranAt - enqueuedAt).toBeGreaterThanOrEqual(550);
      const err = await q.enqueue('later', {}, { maxAttempts: 0 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OspreyError);
      expect((err as OspreyError).issues.map((i) => i.path)).toEqual(['maxAttempts']);
    });
  });
}
