import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupHash } from '../governance/index.js';
import { basic, bearer, type Driver, postgresUnavailable, testServer } from './test-support.js';

type T = Awaited<ReturnType<typeof testServer>>;

const pgSkip = await postgresUnavailable();
if (pgSkip) console.warn(`skipping PostgreSQL server tests: ${pgSkip}`);
const drivers: Driver[] = pgSkip ? ['sqlite'] : ['sqlite', 'postgres'];

const track = (i: number, extra: Record<string, unknown> = {}) => ({
  type: 'track',
  messageId: `m-${i}`,
  userId: `u-${i % 3}`,
  event: 'Product Viewed',
  properties: { product_id: `p-${i}`, price: 9.5 },
  timestamp: '2026-01-01T10:00:00.000Z',
  ...extra,
});

async function counts(t: T) {
  return { events: await t.store.events.count(), users: await t.store.users.count() };
}

describe.each(drivers)('HTTP API on %s', (driver) => {
  let t: T;
  beforeAll(async () => {
    t = await testServer(driver);
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (url: string, payload: unknown, auth?: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url,
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}), ...headers },
    });
  const get = (url: string, auth?: string) =>
    t.app.inject({ method: 'GET', url, headers: auth ? { authorization: auth } : {} });

  describe('auth', () => {
    it('401 without a key, with a wrong key, and with a revoked key', async () => {
      expect((await post('/v1/track', track(1))).statusCode).toBe(401);
      expect((await post('/v1/track', track(1), basic('osp_wr_nope'))).statusCode).toBe(401);
      expect((await get('/api/users')).statusCode).toBe(401);
      expect((await get('/api/users', bearer('nope'))).statusCode).toBe(401);
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/keys',
        payload: { role: 'write' },
        headers: { authorization: bearer(t.adminKey) },
      });
      expect(created.statusCode).toBe(201);
      const { key, id } = created.json();
      const del = await t.app.inject({
        method: 'DELETE',
        url: `/api/keys/${id}`,
        headers: { authorization: bearer(t.adminKey) },
      });
      expect(del.statusCode).toBe(200);
      const r = await post('/v1/track', track(1), basic(key));
      expect(r.statusCode).toBe(401);
      expect(r.json().error).toMatch(/revoked/);
      expect(await counts(t)).toEqual({ events: 0, users: 0 });
    });

    it('403 for a write key on /api/*', async () => {
      for (const url of ['/api/users', '/api/events', '/api/stats', '/api/keys', '/api/ingest/rejections']) {
        const r = await get(url, bearer(t.writeKey));
        expect(r.statusCode, url).toBe(403);
        expect(r.json().error).toMatch(/admin/);
      }
      expect((await get('/api/users', basic(t.writeKey))).statusCode).toBe(403);
    });

    it('accepts the write key in the body (what @segment/analytics-node sends) and admin keys on /v1', async () => {
      expect((await post('/v1/batch', { batch: [], writeKey: t.writeKey })).statusCode).toBe(200);
      expect((await post('/v1/batch', { batch: [] }, basic(t.adminKey))).statusCode).toBe(200);
      expect((await post('/v1/batch', { batch: [], writeKey: 'wrong' })).statusCode).toBe(401);
      const single = await post('/v1/track', { ...track(99), userId: 'wk-user', writeKey: t.writeKey });
      expect(single.statusCode, single.body).toBe(200);
      expect(await t.store.users.findByIdentity('userId', 'wk-user')).toBeDefined();
      const erased = await t.app.inject({
        method: 'DELETE',
        url: '/api/users/wk-user',
        headers: { authorization: bearer(t.adminKey) },
      });
      expect(erased.statusCode).toBe(200);
    });
  });

  describe('bad input', () => {
    it('a malformed batch gets 400 naming every bad field path, and stores nothing', async () => {
      const batch = [
        track(1),
        track(2, { timestamp: 'yesterday' }),
        track(3, { userId: undefined, anonymousId: undefined }),
        track(4, { type: 'bogus' }),
        track(5, { properties: 'not an object' }),
      ];
      const r = await post('/v1/batch', { batch }, basic(t.writeKey));
      expect(r.statusCode).toBe(400);
      const body = r.json();
      const paths = body.issues.map((i: { path: string }) => i.path);
      expect(paths).toContain('batch[1].timestamp');
      expect(paths.some((p: string) => p.startsWith('batch[2]'))).toBe(true);
      expect(paths).toContain('batch[3].type');
      expect(paths).toContain('batch[4].properties');
      expect(paths.some((p: string) => p.startsWith('batch[0]'))).toBe(false);
      expect(body.issues.find((i: { path: string }) => i.path === 'batch[1].timestamp').message).toMatch(
        /not a date/,
      );
      expect(await counts(t)).toEqual({ events: 0, users: 0 });
    });

    it('text PostgreSQL cannot store (NUL, lone surrogates) is a 400 naming the path on both drivers', async () => {
      const r = await post(
        '/v1/batch',
        { batch: [track(1), track(2, { userId: 'a\u0000b' }), track(3, { properties: { x: '\ud800' } })] },
        basic(t.writeKey),
      );
      expect(r.statusCode).toBe(400);
      expect(r.json().issues).toEqual([
        { path: 'batch[1].userId', message: 'contains a NUL character' },
        { path: 'batch[2].properties.x', message: 'is not valid Unicode' },
      ]);
      expect(await counts(t)).toEqual({ events: 0, users: 0 });
    });

    it('malformed JSON gets 400, not 500', async () => {
      const r = await post('/v1/batch', '{"batch": [', basic(t.writeKey));
      expect(r.statusCode).toBe(400);
      expect(r.json().error).toMatch(/JSON/);
      const r2 = await post('/api/keys', '{role:', bearer(t.adminKey));
      expect(r2.statusCode).toBe(400);
    });

    it('oversize gets 413: a batch over 500 KB, an event over 32 KB, a batch message over 32 KB', async () => {
      const big = 'x'.repeat(40 * 1024);
      const many = Array.from({ length: 60 }, (_, i) => track(i, { properties: { pad: 'y'.repeat(9000) } }));
      expect((await post('/v1/batch', { batch: many }, basic(t.writeKey))).statusCode).toBe(413);
      expect((await post('/v1/track', track(1, { properties: { big } }), basic(t.writeKey))).statusCode).toBe(
        413,
      );
      const r = await post(
        '/v1/batch',
        { batch: [track(1), track(2, { properties: { big } })] },
        basic(t.writeKey),
      );
      expect(r.statusCode).toBe(413);
      expect(await counts(t)).toEqual({ events: 0, users: 0 });
    });

    it('never answers client input with a 500', async () => {
      const bodies: unknown[] = [
        'null',
        '[]',
        '"text"',
        '123',
        '',
        { batch: 'nope' },
        { batch: [null, 1, 'x', [], {}] },
        { batch: [{ type: 'track', userId: { deep: [1] }, event: 7 }] },
        { batch: [{ type: 'identify', userId: 'u', traits: { email: 42, phone: 'abc', address: [] } }] },
        { batch: [{ type: 'alias', userId: 'u' }] },
        { batch: [{ type: 'track', userId: 'u', event: 'E', timestamp: '9999-01-01T00:00:00Z' }] },
        { batch: [{ type: 'track', userId: 'u', event: 'E', properties: { price: 'abc', revenue: {} } }] },
        { userId: '\u0000', event: '\ud800' },
        { __proto__: { polluted: true }, constructor: { prototype: {} } },
      ];
      const urls = [
        '/v1/batch',
        '/v1/track',
        '/v1/identify',
        '/v1/page',
        '/v1/screen',
        '/v1/group',
        '/v1/alias',
      ];
      for (const url of urls) {
        for (const b of bodies) {
          const r = await post(url, typeof b === 'string' ? b : JSON.stringify(b), basic(t.writeKey));
          expect(r.statusCode, `${url} ${JSON.stringify(b)} → ${r.body}`).toBeLessThan(500);
        }
      }
      const queries = [
        '/api/users?limit=0',
        '/api/users?limit=abc',
        '/api/users?cursor=%00garbage',
        '/api/users?trait=nocolon',
        '/api/users/%20',
        '/api/users/nobody/export',
        '/api/events?from=notatime',
        '/api/events?type=bogus',
        '/api/events?cursor=zzz',
        '/api/stats?from=2026-02-01&to=2026-01-01',
        '/api/stats?to=abc',
        '/api/imports/nope',
        '/api/ingest/rejections?since=x',
      ];
      for (const q of queries) {
        const r = await get(q, bearer(t.adminKey));
        expect(r.statusCode, `${q} → ${r.body}`).toBeLessThan(500);
        expect(r.statusCode, q).toBeGreaterThanOrEqual(400);
      }
      const badKeys = [{ role: 'root' }, {}, { role: 'write', extra: 1 }, { role: 'write', label: ['x'] }];
      for (const b of badKeys) {
        const r = await post('/api/keys', b, bearer(t.adminKey));
        expect(r.statusCode, `${JSON.stringify(b)} → ${r.body}`).toBe(400);
      }
      // Some of the odd bodies above are valid Segment messages (and stored): the point here is no 500.
    });

    it('records rejections without the payload', async () => {
      const r = await get('/api/ingest/rejections?limit=1000', bearer(t.adminKey));
      expect(r.statusCode).toBe(200);
      const body = r.json();
      expect(body.rejections.length).toBeGreaterThan(0);
      expect(body.rejections.some((x: { path: string }) => x.path === 'batch[1].timestamp')).toBe(true);
      expect(JSON.stringify(body)).not.toContain('yesterday');
    });
  });

  describe('ingest and read back', () => {
    it('stores track events idempotently by messageId and lists them', async () => {
      const batch = [track(10), track(11), track(12)];
      const r = await post('/v1/batch', { batch }, basic(t.writeKey));
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ success: true, accepted: 3, duplicates: 0 });
      const again = await post('/v1/batch', { batch }, basic(t.writeKey));
      expect(again.json()).toMatchObject({ accepted: 0, duplicates: 3 });
      const list = await get('/api/events?name=Product%20Viewed&limit=2', bearer(t.adminKey));
      expect(list.statusCode).toBe(200);
      const page = list.json();
      expect(page.events).toHaveLength(2);
      expect(page.next).toBeTypeOf('string');
      const rest = (
        await get(`/api/events?limit=2&name=Product%20Viewed&cursor=${page.next}`, bearer(t.adminKey))
      ).json();
      expect(rest.events).toHaveLength(1);
      const ids = [...page.events, ...rest.events].map((e: { messageId: string }) => e.messageId).sort();
      expect(ids).toEqual(['m-10', 'm-11', 'm-12']);
      expect(page.events[0].timestamp).toBe('2026-01-01T10:00:00.000Z');
      const byUser = (await get('/api/events?userId=u-1', bearer(t.adminKey))).json();
      expect(byUser.events.map((e: { messageId: string }) => e.messageId)).toEqual(['m-10']);
      const none = (await get('/api/events?userId=ghost', bearer(t.adminKey))).json();
      expect(none.events).toEqual([]);
    });

    it('identify stores PII encrypted, shows it to admins, finds users by email; export and erasure', async () => {
      const r = await post(
        '/v1/identify',
        {
          userId: 'alice',
          anonymousId: 'anon-a',
          traits: { email: '  Alice@Example.COM ', country: 'GB', plan: 'pro' },
          timestamp: '2026-01-02T00:00:00Z',
        },
        basic(t.writeKey),
      );
      expect(r.statusCode, r.body).toBe(200);
      await post('/v1/track', { ...track(20), userId: 'alice' }, basic(t.writeKey));
      const user = (await get('/api/users/alice', bearer(t.adminKey))).json();
      expect(user.userId).toBe('alice');
      expect(user.pii.email).toBe('alice@example.com');
      expect(user.traits.country).toBe('GB');
      expect(user.anonymousIds).toContain('anon-a');
      const stored = await t.store.users.findByIdentity('userId', 'alice');
      expect(JSON.stringify(stored?.pii)).not.toContain('alice@example.com');

      const found = (await get('/api/users?email=ALICE@example.com', bearer(t.adminKey))).json();
      expect(found.users.map((u: { userId: string }) => u.userId)).toEqual(['alice']);
      const byTrait = (await get('/api/users?trait=country:GB', bearer(t.adminKey))).json();
      expect(byTrait.users.map((u: { userId: string }) => u.userId)).toEqual(['alice']);
      const byPrefix = (await get('/api/users?prefix=ali', bearer(t.adminKey))).json();
      expect(byPrefix.users.map((u: { userId: string }) => u.userId)).toEqual(['alice']);

      const exp = await get('/api/users/alice/export', bearer(t.adminKey));
      expect(exp.statusCode).toBe(200);
      expect(exp.json().pii.email).toBe('alice@example.com');
      expect(exp.json().events.length).toBe(2);

      const del = await t.app.inject({
        method: 'DELETE',
        url: '/api/users/alice',
        headers: { authorization: bearer(t.adminKey) },
      });
      expect(del.statusCode).toBe(200);
      expect(del.json()).toMatchObject({ erased: true, events: 2 });
      expect((await get('/api/users/alice', bearer(t.adminKey))).statusCode).toBe(404);
      expect((await get('/api/users/alice/export', bearer(t.adminKey))).statusCode).toBe(404);
      const again = await t.app.inject({
        method: 'DELETE',
        url: '/api/users/alice',
        headers: { authorization: bearer(t.adminKey) },
      });
      expect(again.statusCode).toBe(404);
      expect((await get('/api/users?email=alice@example.com', bearer(t.adminKey))).json().users).toEqual([]);
    });

    it('DELETE /api/users/:id leaves no trace of the person in any table', async () => {
      const email = 'dora.no-trace@example.com';
      const phone = '+447700900123';
      const ok = await post(
        '/v1/batch',
        {
          batch: [
            {
              type: 'track',
              anonymousId: 'anon-dora',
              event: 'Product Viewed',
              properties: { product_id: 'p1' },
            },
            {
              type: 'identify',
              userId: 'dora-7',
              anonymousId: 'anon-dora',
              traits: { email, phone, name: 'Dora Marsh' },
            },
            { type: 'alias', userId: 'dora-7', previousId: 'dora-old' },
          ],
        },
        basic(t.writeKey),
      );
      expect(ok.statusCode, ok.body).toBe(200);
      const del = await t.app.inject({
        method: 'DELETE',
        url: '/api/users/dora-7',
        headers: { authorization: bearer(t.adminKey) },
      });
      expect(del.statusCode, del.body).toBe(200);
      const lookups = ['email', 'phone'].map((trait) =>
        lookupHash(t.secrets, trait, trait === 'email' ? email : phone),
      );
      const needles = ['dora-7', 'anon-dora', 'dora-old', email, phone, 'Dora Marsh', ...lookups];
      for (const table of await t.store.inspect.tables()) {
        const text = JSON.stringify(await t.store.inspect.dump(table));
        for (const needle of needles) expect(text, `${needle} in ${table}`).not.toContain(needle);
      }
      const audit = await t.store.audit.list({ action: 'user erased' });
      expect(audit.length).toBeGreaterThan(0);
    });

    it('stats answer for a range', async () => {
      const r = await get('/api/stats?from=2025-12-01&to=2026-02-01', bearer(t.adminKey));
      expect(r.statusCode, r.body).toBe(200);
      const s = r.json();
      expect(s.from).toBe('2025-12-01T00:00:00.000Z');
      expect(s.events).toBeGreaterThanOrEqual(3);
    });
  });

  describe('keys, imports, ops', () => {
    it('lists keys without secrets or hashes', async () => {
      const r = await get('/api/keys', bearer(t.adminKey));
      expect(r.statusCode).toBe(200);
      const text = r.body;
      expect(text).not.toContain(t.adminKey);
      expect(text).not.toContain('hash');
      expect(r.json().keys.length).toBeGreaterThanOrEqual(2);
    });

    it('accepts an upload as an import job and reports it', async () => {
      const boundary = '----osprey';
      const payload = [
        `--${boundary}`,
        'Content-Disposition: form-data; name="kind"',
        '',
        'events',
        `--${boundary}`,
        'Content-Disposition: form-data; name="file"; filename="../../etc/events.jsonl"',
        'Content-Type: application/octet-stream',
        '',
        '{"type":"track","userId":"u","event":"E"}',
        `--${boundary}--`,
        '',
      ].join('\r\n');
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/imports',
        payload,
        headers: {
          authorization: bearer(t.adminKey),
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
      });
      expect(r.statusCode, r.body).toBe(202);
      const job = r.json();
      expect(job).toMatchObject({ status: 'queued', kind: 'events', file: 'events.jsonl' });
      const got = await get(`/api/imports/${job.id}`, bearer(t.adminKey));
      expect(got.statusCode).toBe(200);
      expect(got.json().id).toBe(job.id);
      const noFile = await t.app.inject({
        method: 'POST',
        url: '/api/imports',
        payload: { kind: 'events' },
        headers: { authorization: bearer(t.adminKey) },
      });
      expect(noFile.statusCode).toBe(400);
    });

    it('answers an unexpected server fault with a generic 500 carrying the request id, never the error', async () => {
      const original = t.store.stats.overview;
      (t.store.stats as { overview: unknown }).overview = async () => {
        throw new Error('connection to 10.0.0.5 refused: password=hunter2');
      };
      try {
        const r = await get('/api/stats', bearer(t.adminKey));
        expect(r.statusCode).toBe(500);
        expect(r.body).not.toContain('hunter2');
        expect(r.json().requestId).toBe(r.headers['x-request-id']);
        expect(r.json().error).toContain(String(r.headers['x-request-id']));
      } finally {
        (t.store.stats as { overview: unknown }).overview = original;
      }
    });

    it('serves /health, /metrics and the OpenAPI document', async () => {
      expect((await get('/health')).json()).toEqual({ status: 'ok', driver });
      const m = await get('/metrics');
      expect(m.body).toContain('osprey_events_ingested_total');
      expect(m.body).toContain('osprey_http_requests_total');
      const doc = (await get('/docs/json')).json();
      expect(doc.openapi).toMatch(/^3\./);
      for (const p of [
        '/v1/batch',
        '/v1/track',
        '/api/users',
        '/api/users/{id}',
        '/api/events',
        '/api/stats',
        '/api/keys',
        '/api/imports',
        '/api/ingest/rejections',
      ])
        expect(Object.keys(doc.paths), p).toContain(p);
      const ui = await get('/docs');
      expect(ui.statusCode).toBeLessThan(400);
      const nf = await get('/nowhere');
      expect(nf.statusCode).toBe(404);
      expect(nf.headers['x-request-id']).toBeTypeOf('string');
    });
  });
});
