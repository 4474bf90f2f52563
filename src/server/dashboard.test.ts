import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../core/config.js';
import { deriveKeys } from '../governance/index.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/store.js';
import { buildServer } from './app.js';
import { isApiPath } from './dashboard.js';
import { MemoryQueue } from './test-support.js';

describe('dashboard at /', () => {
  let app: Awaited<ReturnType<typeof buildServer>>;
  let store: Store;
  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'osprey-web-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>dashboard</title>');
    writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
    store = await openStore('sqlite::memory:');
    const config = loadConfig({ dataDir: mkdtempSync(join(tmpdir(), 'osprey-data-')), env: {} });
    app = await buildServer({
      store,
      config,
      queue: new MemoryQueue(),
      secrets: deriveKeys(randomBytes(32)),
      logger: false,
      defaultMetrics: false,
      webDist: dist,
    });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const get = (url: string, accept = 'text/html,*/*') =>
    app.inject({ method: 'GET', url, headers: { accept } });

  it('serves index.html at / and for client-side routes (SPA fallback)', async () => {
    for (const url of ['/', '/customers', '/customers/user-1', '/models?x=1']) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type'], url).toContain('text/html');
      expect(r.body, url).toContain('<title>dashboard</title>');
    }
  });

  it('serves built assets', async () => {
    const r = await get('/assets/app-1234.js', '*/*');
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe('console.log(1)');
  });

  it('never shadows the API: unknown /api, /v1 and /docs paths stay JSON 404s, health still answers', async () => {
    for (const url of ['/api/nope', '/v1/nope', '/docs/nope', '/metrics/x']) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(404);
      expect(r.json().error, url).toMatch(/^no route GET/);
    }
    expect((await get('/health', '*/*')).statusCode).toBe(200);
    expect((await get('/api/stats', 'application/json')).statusCode).toBe(401);
  });

  it('answers a missing asset with a 404, not the page', async () => {
    expect((await get('/assets/missing.js', '*/*')).statusCode).toBe(404);
  });

  it('classifies API paths by whole segment', () => {
    expect(isApiPath('/api')).toBe(true);
    expect(isApiPath('/api/users?x=1')).toBe(true);
    expect(isApiPath('/apis')).toBe(false);
    expect(isApiPath('/healthy')).toBe(false);
  });
});
