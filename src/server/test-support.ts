/**
 * Test helpers for the HTTP layer: a store per test on either driver (PostgreSQL isolated in a fresh
 * random schema dropped at close), PII keys, an in-memory job queue double, and API keys of each role.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig, type OspreyConfig } from '../core/config.js';
import type { JsonObject } from '../core/types.js';
import { deriveKeys, type PiiKeys } from '../governance/index.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/store.js';
import { createApiKey } from './api-keys.js';
import { buildServer } from './app.js';
import type { JobQueue, JobState } from './domain.js';

export const TEST_DATABASE_URL =
  process.env.OSPREY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Why PostgreSQL tests cannot run here, or null when they can. In CI an unreachable server is a failure. */
export async function postgresUnavailable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (err) {
    const reason = `PostgreSQL at ${TEST_DATABASE_URL} unreachable (${(err as Error).message})`;
    if (process.env.CI === 'true') throw new Error(`${reason}; CI=true requires it`);
    return reason;
  } finally {
    await client.end().catch(() => {});
  }
}

export type Driver = 'sqlite' | 'postgres';

export async function openTestStore(driver: Driver): Promise<Store> {
  if (driver === 'sqlite') return openStore('sqlite::memory:');
  const schema = `t_server_${randomBytes(6).toString('hex')}`;
  return openStore(TEST_DATABASE_URL, { schema, dropSchemaOnClose: true, poolSize: 4 });
}

/** In-memory JobQueue double: records enqueued jobs so routes can be tested without a worker. */
export class MemoryQueue implements JobQueue {
  readonly jobs = new Map<string, JobState & { payload: JsonObject }>();
  private n = 0;
  async enqueue(name: string, payload: JsonObject): Promise<string> {
    const id = `job_${++this.n}`;
    const now = Date.now();
    this.jobs.set(id, {
      id,
      name,
      payload,
      status: 'queued',
      attempts: 0,
      maxAttempts: 3,
      progress: null,
      result: null,
      error: null,
      createdAt: now,
      updatedAt: now,
    });
    return id;
  }
  async get(id: string): Promise<JobState | undefined> {
    return this.jobs.get(id);
  }
}

type QueueFactory = (deps: { config: OspreyConfig; store: Store; secrets: PiiKeys }) => Promise<JobQueue>;

export async function testServer(driver: Driver, o: { queue?: JobQueue | QueueFactory } = {}) {
  const store = await openTestStore(driver);
  const dataDir = mkdtempSync(join(tmpdir(), 'osprey-server-'));
  const config = loadConfig({ dataDir, env: {} });
  const secrets = deriveKeys(randomBytes(32));
  const queue =
    typeof o.queue === 'function'
      ? await o.queue({ config, store, secrets })
      : (o.queue ?? new MemoryQueue());
  // Only server faults are logged (level error), so a failing test shows the cause of any 500.
  const app = await buildServer({
    store,
    config,
    queue,
    secrets,
    logger: { level: 'error' },
    defaultMetrics: false,
  });
  const admin = await createApiKey(store, { role: 'admin' });
  const write = await createApiKey(store, { role: 'write' });
  return {
    app,
    store,
    config,
    secrets,
    queue,
    adminKey: admin.key,
    writeKey: write.key,
    writeKeyId: write.id,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

export const basic = (user: string) => `Basic ${Buffer.from(`${user}:`).toString('base64')}`;
export const bearer = (key: string) => `Bearer ${key}`;
