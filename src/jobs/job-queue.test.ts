import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { postgresTestUrl, randomSchema, serviceUnavailable } from '../store/test-services.js';
import { BullJobQueue } from './bullmq-job-queue.js';
import { type JobQueueBackend, runJobQueueSuite } from './job-queue-suite.js';
import { openJobQueue } from './open-job-queue.js';
import { StoreJobQueue } from './store-job-queue.js';

// Short lease and backoff so lease expiry and retries happen within the test's time.
const fast = { leaseMs: 600, pollMs: 20, backoffMs: 20 };

function storeBackend(openIt: () => Promise<Store>): () => Promise<JobQueueBackend> {
  return async () => {
    const store = await openIt();
    return {
      open: async () => new StoreJobQueue(store, fast),
      cleanup: () => store.close(),
    };
  };
}

const dir = mkdtempSync(join(tmpdir(), 'osprey-jobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
runJobQueueSuite(
  'store on sqlite',
  storeBackend(() => openStore(`sqlite:${join(dir, `j${n++}.db`)}`)),
);

const pgUrl = postgresTestUrl();
const pgDown = await serviceUnavailable('PostgreSQL', pgUrl);
describe.skipIf(pgDown)('postgres', () => {
  runJobQueueSuite(
    'store on postgres',
    storeBackend(() => openStore(pgUrl, { schema: randomSchema('jobs'), dropSchemaOnClose: true })),
  );
});

const redisUrl = process.env.OSPREY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
async function redisUnavailable(): Promise<boolean> {
  const r = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 3_000,
    retryStrategy: () => null,
  });
  try {
    await r.connect();
    await r.ping();
    return false;
  } catch (err) {
    const reason = `Redis unreachable at ${redisUrl}: ${err instanceof Error ? err.message : String(err)}`;
    if (process.env.CI === 'true') throw new Error(`${reason} (CI=true: services are required)`);
    console.warn(`skipping BullMQ tests: ${reason}`);
    return true;
  } finally {
    r.disconnect();
  }
}
const redisDown = await redisUnavailable();
describe.skipIf(redisDown)('redis', () => {
  runJobQueueSuite('bullmq', async () => {
    // A random prefix per test isolates parallel runs sharing one Redis.
    const prefix = `osprey-test-${randomBytes(6).toString('hex')}`;
    const queues: BullJobQueue[] = [];
    return {
      open: async () => {
        const q = new BullJobQueue(redisUrl, {
          prefix,
          lockDurationMs: 600,
          stalledIntervalMs: 300,
          backoffMs: 20,
        });
        queues.push(q);
        return q;
      },
      cleanup: async () => {
        const q = new BullJobQueue(redisUrl, { prefix });
        await q.obliterate();
        await q.close();
      },
    };
  });
});

describe('store-backed queue specifics', () => {
  it('fails a job whose last attempt died with its worker instead of running it again', async () => {
    const store = await openStore(`sqlite:${join(dir, 'last-attempt.db')}`);
    const first = new StoreJobQueue(store, fast);
    let started = false;
    first.register('once', async (ctx) => {
      started = true;
      await new Promise<void>((resolve) => {
        if (ctx.signal.aborted) resolve();
        else ctx.signal.addEventListener('abort', () => resolve());
      });
      return null;
    });
    await first.start();
    const id = await first.enqueue('once', {}, { maxAttempts: 1 });
    while (!started) await new Promise((r) => setTimeout(r, 10));
    await first.kill();
    const second = new StoreJobQueue(store, fast);
    let ranAgain = false;
    second.register('once', async () => {
      ranAgain = true;
      return null;
    });
    await second.start();
    let state = await second.get(id);
    const deadline = Date.now() + 10_000;
    while (state?.status !== 'failed' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
      state = await second.get(id);
    }
    expect(state).toMatchObject({ status: 'failed', attempts: 2 });
    expect(state?.error).toContain('lease expired');
    expect(ranAgain).toBe(false);
    await second.close();
    await store.close();
  });
});

describe('openJobQueue', () => {
  it('picks BullMQ when a Redis URL is configured, else the store', async () => {
    const store = await openStore(`sqlite:${join(dir, 'pick.db')}`);
    const local = openJobQueue({ redisUrl: null }, store);
    expect(local.kind).toBe('store');
    await local.close();
    if (!redisDown) {
      const remote = openJobQueue({ redisUrl }, store, {
        bullmq: { prefix: `osprey-test-${randomBytes(4).toString('hex')}` },
      });
      expect(remote.kind).toBe('bullmq');
      await remote.close();
    }
    await store.close();
  });
});
