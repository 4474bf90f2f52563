import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OspreyError } from '../core/errors.js';
import type { EventRecord, JsonObject } from '../core/types.js';
import { REJECTION_LOG_CAP } from './repos/logs.js';
import type { ReviewScoreRecord, Store } from './store.js';

type NewEvent = EventRecord & { profileId: number };

const DAY = 86_400_000;

export function event(profileId: number, messageId: string, o: Partial<EventRecord> = {}): NewEvent {
  return {
    messageId,
    source: 'test',
    type: 'track',
    name: 'Product Viewed',
    userId: null,
    anonymousId: null,
    properties: {},
    context: {},
    timestamp: 1_000,
    receivedAt: 2_000,
    profileId,
    ...o,
  };
}

async function rejects(p: Promise<unknown>, code: string): Promise<OspreyError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(OspreyError);
    expect((err as OspreyError).code).toBe(code);
    return err as OspreyError;
  }
  throw new Error(`expected an OspreyError ${code}`);
}

/**
 * The shared store conformance suite (Gorse's pattern): every driver must pass all of it. `makeStore`
 * returns a fresh, empty, migrated store; the suite closes it after each test.
 */
export function runStoreSuite(name: string, makeStore: () => Promise<Store>): void {
  describe(`store suite: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('users', () => {
      it('creates a profile and finds it by either identity', async () => {
        const u = await store.users.create({ userId: 'u1', anonymousId: 'a1' }, 100);
        expect(u).toMatchObject({ userId: 'u1', anonymousIds: ['a1'], traits: {}, pii: {}, consent: {} });
        expect(u.createdAt).toBe(100);
        expect((await store.users.findByIdentity('userId', 'u1'))?.profileId).toBe(u.profileId);
        expect((await store.users.findByIdentity('anonymousId', 'a1'))?.profileId).toBe(u.profileId);
        expect(await store.users.findByIdentity('userId', 'a1')).toBeUndefined();
        expect(await store.users.getByProfileId(u.profileId + 1000)).toBeUndefined();
        const anon = await store.users.create({ anonymousId: 'a2' }, 100);
        expect(anon.userId).toBeNull();
        expect(await store.users.count()).toBe(2);
      });

      it('resolves many identities in one call', async () => {
        const a = await store.users.create({ userId: 'u1', anonymousId: 'a1' }, 1);
        const b = await store.users.create({ anonymousId: 'a2' }, 1);
        const found = await store.users.findManyByIdentity!('anonymousId', ['a1', 'a2', 'a3', 'a1', 'u1']);
        expect(found).toEqual(
          new Map([
            ['a1', { profileId: a.profileId, userId: 'u1' }],
            ['a2', { profileId: b.profileId, userId: null }],
          ]),
        );
        expect(await store.users.findManyByIdentity!('userId', [])).toEqual(new Map());
      });

      it('refuses an identity another profile owns', async () => {
        const a = await store.users.create({ userId: 'u1' }, 1);
        const b = await store.users.create({ anonymousId: 'x' }, 1);
        await rejects(store.users.create({ userId: 'u1' }, 1), 'CONFLICT');
        await rejects(store.users.addIdentity(b.profileId, 'userId', 'u1'), 'CONFLICT');
        await store.users.addIdentity(a.profileId, 'userId', 'u1'); // own identity: no-op
        await store.users.addIdentity(b.profileId, 'userId', 'u2');
        await store.users.addIdentity(b.profileId, 'anonymousId', 'y');
        const got = await store.users.getByProfileId(b.profileId);
        expect(got).toMatchObject({ userId: 'u2', anonymousIds: ['x', 'y'] });
        await rejects(store.users.addIdentity(9999, 'anonymousId', 'z'), 'NOT_FOUND');
        // A failed create left nothing behind.
        expect(await store.users.count()).toBe(2);
      });

      it('shallow-merges traits, PII and consent, and replaces a trait lookup hash', async () => {
        const u = await store.users.create({ userId: 'u1' }, 1);
        await store.users.update(
          u.profileId,
          {
            traits: { plan: 'pro', age: 30 },
            pii: { email: 'ct1' },
            piiHashes: { email: 'h1' },
            consent: { email: true },
          },
          5,
        );
        await store.users.update(
          u.profileId,
          { traits: { age: 31 }, pii: { phone: 'ct2' }, piiHashes: { email: 'h2' }, consent: { sms: false } },
          6,
        );
        const got = await store.users.getByProfileId(u.profileId);
        expect(got).toMatchObject({
          traits: { plan: 'pro', age: 31 },
          pii: { email: 'ct1', phone: 'ct2' },
          consent: { email: true, sms: false },
          updatedAt: 6,
          createdAt: 1,
        });
        expect(
          (await store.users.list({ piiHash: { trait: 'email', hash: 'h2' } })).items.map((p) => p.userId),
        ).toEqual(['u1']);
        expect((await store.users.list({ piiHash: { trait: 'email', hash: 'h1' } })).items).toEqual([]);
        await rejects(store.users.update(9999, { traits: {} }, 1), 'NOT_FOUND');
      });

      it('lists with prefix, trait and hash filters and keyset cursors', async () => {
        for (const [i, id] of ['ann', 'anna', 'bob', 'annie', 'carl'].entries()) {
          const p = await store.users.create({ userId: id }, i);
          await store.users.update(
            p.profileId,
            { traits: { vip: i % 2 === 0, tier: i, city: i < 2 ? 'Oslo' : 'Rome' } },
            i,
          );
        }
        const prefix = await store.users.list({ prefix: 'ann' });
        expect(prefix.items.map((u) => u.userId)).toEqual(['ann', 'anna', 'annie']);
        expect(prefix.next).toBeNull();
        expect(
          (await store.users.list({ trait: { name: 'city', value: 'Oslo' } })).items.map((u) => u.userId),
        ).toEqual(['ann', 'anna']);
        expect(
          (await store.users.list({ trait: { name: 'vip', value: true } })).items.map((u) => u.userId),
        ).toEqual(['ann', 'bob', 'carl']);
        expect(
          (await store.users.list({ trait: { name: 'tier', value: 3 } })).items.map((u) => u.userId),
        ).toEqual(['annie']);
        await rejects(store.users.list({ trait: { name: "x') or 1=1 --", value: 1 } }), 'INVALID_INPUT');

        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page = await store.users.list({ limit: 2, cursor });
          seen.push(...page.items.map((u) => u.userId ?? ''));
          cursor = page.next;
          pages++;
        } while (cursor);
        expect(seen).toEqual(['ann', 'anna', 'bob', 'annie', 'carl']);
        expect(pages).toBe(3);
        await rejects(store.users.list({ cursor: 'not-a-cursor' }), 'INVALID_INPUT');
        await rejects(store.users.list({ limit: 0 }), 'INVALID_INPUT');
      });
    });

    describe('events', () => {
      it('inserts idempotently by (source, messageId) and reports how many were new', async () => {
        const u = await store.users.create({ userId: 'u1' }, 1);
        const batch = [
          event(u.profileId, 'm1', { properties: { price: 9.5, tags: ['a'] }, context: { ip: '1.2.3.4' } }),
          event(u.profileId, 'm2'),
          event(u.profileId, 'm2'), // duplicate inside one batch
        ];
        expect(await store.events.insertMany(batch)).toBe(2);
        expect(await store.events.insertMany([event(u.profileId, 'm1'), event(u.profileId, 'm3')])).toBe(1);
        expect(await store.events.insertMany([event(u.profileId, 'm1', { source: 'other' })])).toBe(1);
        expect(await store.events.insertMany([])).toBe(0);
        expect(await store.events.count()).toBe(4);
        expect(await store.events.existing('test', ['m1', 'm3', 'm9'])).toEqual(new Set(['m1', 'm3']));
        expect(await store.events.existing('other', ['m1', 'm2'])).toEqual(new Set(['m1']));
        const stored = (await store.events.list({ name: 'Product Viewed', order: 'asc' })).items.find(
          (e) => e.messageId === 'm1' && e.source === 'test',
        );
        expect(stored).toMatchObject({
          profileId: u.profileId,
          properties: { price: 9.5, tags: ['a'] },
          context: { ip: '1.2.3.4' },
          timestamp: 1_000,
          receivedAt: 2_000,
          type: 'track',
        });
      });

      it('round-trips awkward text: quotes, backslashes, braces, newlines, CJK, nulls', async () => {
        const u = await store.users.create({ userId: 'u1' }, 1);
        const properties = { title: 'say "hi" \\ {a,b} NULL\n茶 🍵', nested: { list: [null, 1.5, 'x,y'] } };
        await store.events.insertMany([
          event(u.profileId, 'odd,"id"', {
            name: 'Name "with" {braces}',
            userId: null,
            anonymousId: 'a\\b',
            properties,
          }),
        ]);
        const [got] = (await store.events.list({})).items;
        expect(got).toMatchObject({
          messageId: 'odd,"id"',
          name: 'Name "with" {braces}',
          userId: null,
          anonymousId: 'a\\b',
        });
        expect(got.properties).toEqual(properties);
      });

      it('refuses events with a bad time or id, naming each field, and stores none of the batch', async () => {
        const u = await store.users.create({ userId: 'u1' }, 1);
        const err = await rejects(
          store.events.insertMany([
            event(u.profileId, 'ok'),
            event(u.profileId, 'bad-time', { timestamp: Number.NaN }),
            event(u.profileId, '', { receivedAt: Number.POSITIVE_INFINITY }),
          ]),
          'INVALID_INPUT',
        );
        expect(err.issues.map((i) => i.path)).toEqual([
          'events[1].timestamp',
          'events[2].messageId',
          'events[2].receivedAt',
        ]);
        expect(await store.events.count()).toBe(0);
      });

      it('inserts batches larger than one statement', async () => {
        const u = await store.users.create({ userId: 'u1' }, 1);
        const many = Array.from({ length: 2_345 }, (_, i) => event(u.profileId, `m${i}`, { timestamp: i }));
        expect(await store.events.insertMany(many)).toBe(2_345);
        expect(await store.events.insertMany(many)).toBe(0);
        expect(await store.events.count({ from: 1_000, to: 2_000 })).toBe(1_000);
      });

      it('filters and pages through events newest first, ties broken by id', async () => {
        const a = await store.users.create({ userId: 'a' }, 1);
        const b = await store.users.create({ userId: 'b' }, 1);
        await store.events.insertMany([
          event(a.profileId, 'e1', { timestamp: 10 }),
          event(a.profileId, 'e2', { timestamp: 20, name: 'Order Completed' }),
          event(b.profileId, 'e3', { timestamp: 20 }),
          event(a.profileId, 'e4', { timestamp: 20, type: 'page', name: 'Home' }),
          event(b.profileId, 'e5', { timestamp: 30, type: 'identify', name: null }),
        ]);
        const ids = async (f: Parameters<Store['events']['list']>[0]) =>
          (await store.events.list(f)).items.map((e) => e.messageId);
        expect(await ids({})).toEqual(['e5', 'e4', 'e3', 'e2', 'e1']);
        expect(await ids({ order: 'asc' })).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
        expect(await ids({ profileId: a.profileId })).toEqual(['e4', 'e2', 'e1']);
        expect(await ids({ name: 'Order Completed' })).toEqual(['e2']);
        expect(await ids({ type: 'track', from: 20 })).toEqual(['e3', 'e2']);
        expect(await ids({ from: 10, to: 30 })).toEqual(['e4', 'e3', 'e2', 'e1']);
        expect(await store.events.count({ profileId: b.profileId })).toBe(2);
        expect(await store.events.count({ type: 'track', to: 20 })).toBe(1);

        for (const order of ['asc', 'desc'] as const) {
          const seen: string[] = [];
          let cursor: string | null = null;
          do {
            const page = await store.events.list({ limit: 2, cursor, order });
            expect(page.items.length).toBeLessThanOrEqual(2);
            seen.push(...page.items.map((e) => e.messageId));
            cursor = page.next;
          } while (cursor);
          expect(seen).toEqual(
            order === 'asc' ? ['e1', 'e2', 'e3', 'e4', 'e5'] : ['e5', 'e4', 'e3', 'e2', 'e1'],
          );
        }
        await rejects(store.events.list({ from: Number.NaN }), 'INVALID_INPUT');
      });
    });

    describe('identity merge and erasure', () => {
      it('merges identities, events, traits (into wins), consent and lookup hashes; deletes from', async () => {
        const into = await store.users.create({ userId: 'u1' }, 50);
        const from = await store.users.create({ anonymousId: 'anon-1' }, 10);
        await store.users.update(
          into.profileId,
          { traits: { plan: 'pro' }, pii: { email: 'ct-into' }, consent: { email: true } },
          60,
        );
        await store.users.update(
          from.profileId,
          {
            traits: { plan: 'free', city: 'Oslo' },
            pii: { email: 'ct-from', phone: 'ct-phone' },
            piiHashes: { phone: 'hp' },
            consent: { email: false, sms: true },
          },
          70,
        );
        await store.users.update(into.profileId, { piiHashes: { email: 'he' } }, 60);
        await store.events.insertMany([
          event(from.profileId, 'x1'),
          event(from.profileId, 'x2'),
          event(into.profileId, 'x3'),
        ]);

        await store.users.merge(into.profileId, from.profileId);
        expect(await store.users.getByProfileId(from.profileId)).toBeUndefined();
        const merged = await store.users.getByProfileId(into.profileId);
        expect(merged).toMatchObject({
          userId: 'u1',
          anonymousIds: ['anon-1'],
          traits: { plan: 'pro', city: 'Oslo' },
          pii: { email: 'ct-into', phone: 'ct-phone' },
          consent: { email: true, sms: true },
          createdAt: 10,
          updatedAt: 70,
        });
        expect((await store.users.findByIdentity('anonymousId', 'anon-1'))?.profileId).toBe(into.profileId);
        expect(await store.events.count({ profileId: into.profileId })).toBe(3);
        expect(await store.events.count({ profileId: from.profileId })).toBe(0);
        for (const [trait, hash] of [
          ['phone', 'hp'],
          ['email', 'he'],
        ]) {
          const found = await store.users.list({ piiHash: { trait, hash } });
          expect(found.items.map((u) => u.profileId)).toEqual([into.profileId]);
        }
        expect(await store.users.count()).toBe(1);
        await store.users.merge(into.profileId, into.profileId); // no-op
        await rejects(store.users.merge(into.profileId, 9999), 'NOT_FOUND');
      });

      it('takes the userId of `from` when `into` is anonymous (identify after anonymous visits)', async () => {
        const anon = await store.users.create({ anonymousId: 'a' }, 1);
        const known = await store.users.create({ userId: 'u9' }, 2);
        await store.users.merge(anon.profileId, known.profileId);
        expect(await store.users.getByProfileId(anon.profileId)).toMatchObject({
          userId: 'u9',
          anonymousIds: ['a'],
        });
        expect((await store.users.findByIdentity('userId', 'u9'))?.profileId).toBe(anon.profileId);
      });

      it('erases a profile so that no row anywhere refers to it', async () => {
        const victim = await store.users.create({ userId: 'victim-42', anonymousId: 'victim-anon' }, 1);
        const other = await store.users.create({ userId: 'other' }, 1);
        await store.users.update(
          victim.profileId,
          {
            traits: { city: 'Oslo' },
            pii: { email: 'ciphertext-victim' },
            piiHashes: { email: 'hash-victim' },
          },
          2,
        );
        await store.events.insertMany([
          event(victim.profileId, 'v1', { userId: 'victim-42' }),
          event(victim.profileId, 'v2', { anonymousId: 'victim-anon' }),
          event(other.profileId, 'o1', { userId: 'other' }),
        ]);
        expect(await store.users.erase(victim.profileId)).toEqual({ events: 2 });
        expect(await store.users.findByIdentity('userId', 'victim-42')).toBeUndefined();
        expect(await store.users.findByIdentity('anonymousId', 'victim-anon')).toBeUndefined();
        expect(await store.events.count()).toBe(1);
        // Scan every table: nothing mentions the erased profile's identifiers, ciphertexts or hashes.
        const tables = await store.inspect.tables();
        expect(tables).toEqual(expect.arrayContaining(['profiles', 'identities', 'pii_lookup', 'events']));
        for (const table of tables) {
          const text = JSON.stringify(await store.inspect.dump(table));
          for (const trace of ['victim-42', 'victim-anon', 'ciphertext-victim', 'hash-victim']) {
            expect(text.includes(trace), `${table} still contains ${trace}`).toBe(false);
          }
          for (const row of await store.inspect.dump(table)) {
            if ('profile_id' in row) expect(Number(row.profile_id)).not.toBe(victim.profileId);
          }
        }
        expect(await store.users.getByProfileId(other.profileId)).toBeDefined();
        await rejects(store.users.erase(victim.profileId), 'NOT_FOUND');
        await rejects(store.inspect.dump('events; drop table events'), 'INVALID_INPUT');
      });
    });

    describe('transactions', () => {
      it('rolls back every repository write when the function throws', async () => {
        await expect(
          store.transaction(async (tx) => {
            const u = await tx.users.create({ userId: 'ghost' }, 1);
            await tx.events.insertMany([event(u.profileId, 'g1')]);
            await tx.items.upsertMany([{ id: 'i1', title: 'T', category: null, price: 1 }], 1);
            await tx.meta.set('k', 'v');
            // nested call joins the outer transaction
            await tx.transaction(async (inner) =>
              inner.keys.create({ id: 'k1', role: 'write', hash: 'h' }, 1),
            );
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await store.users.count()).toBe(0);
        expect(await store.events.count()).toBe(0);
        expect(await store.items.count()).toBe(0);
        expect(await store.meta.get('k')).toBeUndefined();
        expect(await store.keys.list()).toEqual([]);
      });

      it('commits when the function returns and passes its value through', async () => {
        const id = await store.transaction(async (tx) => {
          const u = await tx.users.create({ userId: 'real' }, 1);
          await tx.events.insertMany([event(u.profileId, 'r1')]);
          return u.profileId;
        });
        expect((await store.users.findByIdentity('userId', 'real'))?.profileId).toBe(id);
        expect(await store.events.count({ profileId: id })).toBe(1);
      });
    });

    describe('items', () => {
      it('upserts, keeps created_at, filters and pages', async () => {
        await store.items.upsertMany(
          [
            {
              id: 'b',
              title: 'Boots',
              category: 'Shoes',
              price: 80,
              tags: ['winter'],
              attributes: { color: 'black' },
            },
            { id: 'a', title: 'Apron', category: 'Kitchen', price: null },
            { id: 'c', title: 'Cap', category: 'Hats', price: 12.5, active: false, description: 'A cap' },
          ],
          100,
        );
        await store.items.upsertMany([{ id: 'b', title: 'Boots v2', category: 'Shoes', price: 75 }], 200);
        expect(await store.items.get('b')).toEqual({
          id: 'b',
          title: 'Boots v2',
          description: '',
          category: 'Shoes',
          price: 75,
          tags: [],
          attributes: {},
          active: true,
          createdAt: 100,
          updatedAt: 200,
        });
        expect(await store.items.get('c')).toMatchObject({
          active: false,
          price: 12.5,
          description: 'A cap',
        });
        expect(await store.items.get('zzz')).toBeUndefined();
        expect(await store.items.count()).toBe(3);
        expect((await store.items.list({ category: 'Shoes' })).items.map((i) => i.id)).toEqual(['b']);
        expect((await store.items.list({ active: true })).items.map((i) => i.id)).toEqual(['a', 'b']);
        const first = await store.items.list({ limit: 2 });
        expect(first.items.map((i) => i.id)).toEqual(['a', 'b']);
        const second = await store.items.list({ limit: 2, cursor: first.next });
        expect(second.items.map((i) => i.id)).toEqual(['c']);
        expect(second.next).toBeNull();
        const err = await rejects(
          store.items.upsertMany(
            [
              { id: 'ok', title: 'x', category: null, price: 1 },
              { id: '', title: 'x', category: null, price: 1 },
            ],
            1,
          ),
          'INVALID_INPUT',
        );
        expect(err.issues[0].path).toBe('items[1].id');
      });
    });

    describe('api keys', () => {
      it('creates, finds by hash, lists and revokes once', async () => {
        const k = await store.keys.create({ id: 'k1', role: 'admin', hash: 'sha-1', label: 'ops' }, 10);
        expect(k).toEqual({
          id: 'k1',
          role: 'admin',
          hash: 'sha-1',
          label: 'ops',
          createdAt: 10,
          revokedAt: null,
        });
        await store.keys.create({ id: 'k2', role: 'write', hash: 'sha-2' }, 20);
        expect(await store.keys.findByHash('sha-2')).toMatchObject({ id: 'k2', role: 'write', label: null });
        expect(await store.keys.findByHash('nope')).toBeUndefined();
        await rejects(store.keys.create({ id: 'k1', role: 'write', hash: 'sha-3' }, 30), 'CONFLICT');
        expect(await store.keys.revoke('k1', 40)).toBe(true);
        expect(await store.keys.revoke('k1', 50)).toBe(false);
        expect(await store.keys.revoke('missing', 50)).toBe(false);
        expect((await store.keys.list()).map((x) => [x.id, x.revokedAt])).toEqual([
          ['k1', 40],
          ['k2', null],
        ]);
      });
    });

    describe('jobs', () => {
      it('claims due jobs once, re-claims after the lease expires, guards writes by worker', async () => {
        await store.jobs.enqueue({
          id: 'j1',
          queue: 'q',
          name: 'import',
          payload: { file: 'x' },
          maxAttempts: 2,
          runAt: 100,
        });
        await store.jobs.enqueue({
          id: 'j2',
          queue: 'q',
          name: 'later',
          payload: {},
          maxAttempts: 1,
          runAt: 500,
        });
        expect(await store.jobs.claim('q', 'w1', 50, 1_000)).toBeUndefined(); // nothing due yet
        expect(await store.jobs.claim('other', 'w1', 150, 1_000)).toBeUndefined();
        const c = await store.jobs.claim('q', 'w1', 150, 1_000);
        expect(c).toMatchObject({
          id: 'j1',
          status: 'running',
          attempts: 1,
          leaseUntil: 1_150,
          payload: { file: 'x' },
        });
        expect(await store.jobs.claim('q', 'w2', 200, 1_000)).toBeUndefined(); // leased; j2 not due
        expect(await store.jobs.extendLease('j1', 2_000, 'w1')).toBe(true);
        await store.jobs.progress('j1', { rows: 10 }, 'w1');
        // w1 stops renewing: after the lease w2 takes the job over and w1's writes no longer land.
        const again = await store.jobs.claim('q', 'w2', 2_001, 1_000);
        expect(again).toMatchObject({ id: 'j1', attempts: 2, progress: { rows: 10 } });
        expect(await store.jobs.extendLease('j1', 9_000, 'w1')).toBe(false);
        await store.jobs.complete('j1', { stale: true }, 2_002, 'w1');
        expect((await store.jobs.get('j1'))?.status).toBe('running');
        await store.jobs.complete('j1', { rows: 99 }, 2_003, 'w2');
        expect(await store.jobs.get('j1')).toMatchObject({
          status: 'succeeded',
          result: { rows: 99 },
          leaseUntil: null,
        });
        expect((await store.jobs.list({ status: 'succeeded' })).map((j) => j.id)).toEqual(['j1']);
        expect((await store.jobs.list({ queue: 'q' })).length).toBe(2);
      });

      it('re-queues a failure while attempts remain, then fails for good', async () => {
        await store.jobs.enqueue({
          id: 'j',
          queue: 'q',
          name: 'flaky',
          payload: {},
          maxAttempts: 2,
          runAt: 0,
        });
        await store.jobs.claim('q', 'w', 10, 100);
        await store.jobs.fail('j', 'first error', 500, 20, 'w');
        expect(await store.jobs.get('j')).toMatchObject({
          status: 'queued',
          runAt: 500,
          error: 'first error',
          attempts: 1,
        });
        expect(await store.jobs.claim('q', 'w', 400, 100)).toBeUndefined(); // backing off
        expect((await store.jobs.claim('q', 'w', 500, 100))?.attempts).toBe(2);
        await store.jobs.fail('j', 'second error', 900, 510, 'w');
        expect(await store.jobs.get('j')).toMatchObject({
          status: 'failed',
          error: 'second error',
          attempts: 2,
        });
        expect(await store.jobs.claim('q', 'w', 10_000, 100)).toBeUndefined();
        expect(await store.jobs.get('missing')).toBeUndefined();
      });
    });

    describe('rejections, audit, suppressions, meta', () => {
      it('keeps a bounded rejection log, newest first, with counts by reason', async () => {
        await store.rejections.add([
          { at: 1, source: 'k1', reason: 'not a date', path: 'batch[3].timestamp' },
          { at: 2, source: 'k1', reason: 'missing', path: 'batch[0].userId' },
          { at: 3, source: 'k2', reason: 'not a date', path: 'timestamp' },
        ]);
        expect((await store.rejections.list()).map((r) => r.at)).toEqual([3, 2, 1]);
        expect(await store.rejections.list({ since: 2, limit: 1 })).toEqual([
          { at: 3, source: 'k2', reason: 'not a date', path: 'timestamp' },
        ]);
        expect(await store.rejections.countsByReason(0)).toEqual([
          { reason: 'not a date', count: 2 },
          { reason: 'missing', count: 1 },
        ]);
        const flood = Array.from({ length: REJECTION_LOG_CAP + 5 }, (_, i) => ({
          at: 10 + i,
          source: 's',
          reason: 'flood',
          path: `row ${i}`,
        }));
        await store.rejections.add(flood);
        const counts = await store.rejections.countsByReason(0);
        expect(counts).toEqual([{ reason: 'flood', count: REJECTION_LOG_CAP }]);
        expect((await store.rejections.list({ limit: 1 }))[0].at).toBe(10 + REJECTION_LOG_CAP + 4);
      });

      it('appends audit records, stores suppressions and meta values', async () => {
        await store.audit.append({
          at: 1,
          actor: 'key:k1',
          action: 'user erased',
          details: { erasureId: 'e-1' },
        });
        await store.audit.append({ at: 2, actor: 'cli', action: 'key created', details: {} });
        expect(await store.audit.list()).toEqual([
          { at: 2, actor: 'cli', action: 'key created', details: {} },
          { at: 1, actor: 'key:k1', action: 'user erased', details: { erasureId: 'e-1' } },
        ]);
        expect((await store.audit.list({ action: 'user erased' })).length).toBe(1);
        await store.suppressions.add('salted-1', 'unsubscribed', 1);
        await store.suppressions.add('salted-1', 'unsubscribed', 2);
        expect(await store.suppressions.has('salted-1')).toBe(true);
        expect(await store.suppressions.has('salted-2')).toBe(false);
        expect(await store.meta.get('schema')).toBeUndefined();
        await store.meta.set('demo', 'loaded');
        await store.meta.set('demo', 'again');
        expect(await store.meta.get('demo')).toBe('again');
      });
    });

    describe('stats overview', () => {
      it('matches a hand-computed fixture', async () => {
        const T = Date.UTC(2026, 0, 31); // the range ends at 2026-01-31T00:00Z
        await store.items.upsertMany(
          [
            { id: 'i1', title: 'Red Shoe', category: 'Shoes', price: 10 },
            { id: 'i2', title: 'Blue Hat', category: 'Hats', price: 10 },
          ],
          1,
        );
        const [a, b, c, d] = await Promise.all(
          ['A', 'B', 'C', 'D'].map((u) => store.users.create({ userId: u }, 1)),
        );
        const order = (products: JsonObject[], revenue: number) => ({
          name: 'Order Completed',
          properties: { revenue, products },
        });
        await store.events.insertMany([
          event(a.profileId, 'a1', { timestamp: T - 10 * DAY, properties: { product_id: 'i1' } }),
          event(a.profileId, 'a2', {
            timestamp: T - 9 * DAY,
            ...order(
              [
                { product_id: 'i1', price: 10, quantity: 2 },
                { product_id: 'i2', price: 10 },
              ],
              30,
            ),
          }),
          event(a.profileId, 'a3', { timestamp: T - 3 * DAY, type: 'page', name: 'Home' }),
          event(a.profileId, 'a4', { timestamp: T - 3 * DAY + 3_600_000, type: 'page', name: 'Cart' }),
          event(b.profileId, 'b1', { timestamp: T - 2 * DAY, properties: { product_id: 'i2' } }),
          event(c.profileId, 'c0', { timestamp: T - 40 * DAY, type: 'identify', name: null }),
          event(c.profileId, 'c1', {
            timestamp: T - DAY / 2,
            ...order(
              [
                { product_id: 'i2', price: 15, quantity: 1, category: 'Fallback' },
                { product_id: 'x9', name: 'Mystery', price: 5, category: 'Misc' },
              ],
              15,
            ),
          }),
          event(d.profileId, 'd1', { timestamp: T - 20 * DAY, properties: { product_id: 'i1' } }),
          event(d.profileId, 'd2', {
            timestamp: T + 3_600_000,
            ...order([{ product_id: 'i1', price: 100 }], 100),
          }),
        ]);
        const s = await store.stats.overview({ from: T - 31 * DAY, to: T, topN: 5 });
        expect(s).toEqual({
          from: T - 31 * DAY,
          to: T,
          users: 4,
          events: 7,
          eventsByDay: [
            { day: '2026-01-11', type: 'Product Viewed', count: 1 },
            { day: '2026-01-21', type: 'Product Viewed', count: 1 },
            { day: '2026-01-22', type: 'Order Completed', count: 1 },
            { day: '2026-01-28', type: 'page', count: 2 },
            { day: '2026-01-29', type: 'Product Viewed', count: 1 },
            { day: '2026-01-30', type: 'Order Completed', count: 1 },
          ],
          orders: 2,
          revenue: 45,
          averageOrderValue: 22.5,
          dau: 1,
          wau: 3,
          mau: 4,
          viewToPurchase: 1 / 3,
          topItems: [
            { itemId: 'i2', title: 'Blue Hat', orders: 2, revenue: 25 },
            { itemId: 'i1', title: 'Red Shoe', orders: 1, revenue: 20 },
            { itemId: 'x9', title: 'Mystery', orders: 1, revenue: 5 },
          ],
          topCategories: [
            { category: 'Hats', orders: 2, revenue: 25 },
            { category: 'Shoes', orders: 1, revenue: 20 },
            { category: 'Misc', orders: 1, revenue: 5 },
          ],
        });
        const top1 = await store.stats.overview({ from: T - 31 * DAY, to: T, topN: 1 });
        expect(top1.topItems.map((i) => i.itemId)).toEqual(['i2']);
        const empty = await store.stats.overview({ from: 0, to: 1 });
        expect(empty).toMatchObject({
          users: 0,
          events: 0,
          orders: 0,
          revenue: 0,
          averageOrderValue: 0,
          viewToPurchase: 0,
        });
        const err = await rejects(store.stats.overview({ from: 10, to: Number.NaN }), 'INVALID_INPUT');
        expect(err.issues.map((i) => i.path)).toEqual(['to']);
      });
    });

    describe('feature queries', () => {
      it('aggregates activity, purchase lines and outcomes around a cut-off', async () => {
        const p = await store.users.create({ userId: 'fq' }, 0);
        await store.users.update(p.profileId, { traits: { country: 'DE' } }, 0);
        await store.items.upsertMany([{ id: 'i1', title: 'Tea', category: 'tea', price: 4 }], 0);
        const line = { product_id: 'i1', price: 4, quantity: 2 };
        await store.events.insertMany([
          event(p.profileId, 'o1', {
            name: 'Order Completed',
            timestamp: 10 * DAY,
            properties: { revenue: 8, discount: 1, products: [line] },
          }),
          event(p.profileId, 'v1', { timestamp: 95 * DAY }),
          event(p.profileId, 'o2', {
            name: 'Order Completed',
            timestamp: 100 * DAY,
            properties: { revenue: 20, products: [line, { sku: 'x', category: 'misc', price: 12 }] },
          }),
          event(p.profileId, 'v2', { timestamp: 130 * DAY }),
        ]);
        const asOf = 100 * DAY;
        expect(await store.features.profileSpan(asOf)).toEqual({ min: p.profileId, max: p.profileId });
        expect(await store.features.profileSpan(0)).toBeUndefined();
        const range = { fromProfileId: p.profileId, toProfileId: p.profileId + 1 };
        const [a] = await store.features.activity({
          ...range,
          asOf,
          windowsDays: [7, 90],
          eventNames: ['Product Viewed', 'Order Completed'],
          orderWindows: [
            { startDaysAgo: 95, endDaysAgo: 85 },
            { startDaysAgo: 85, endDaysAgo: 0 },
          ],
        });
        expect(a).toEqual({
          profileId: p.profileId,
          userId: 'fq',
          firstAt: 10 * DAY,
          lastAt: 95 * DAY,
          firstOrderAt: 10 * DAY,
          lastOrderAt: 10 * DAY,
          orders: 1,
          revenue: 8,
          discountedOrders: 1,
          discount: 1,
          refunds: 0,
          activeDays: 2,
          orderMonths: 1,
          windowCounts: [1, 1, 0, 1],
          windowRevenue: [0, 8],
          orderWindowCounts: [1, 0],
          orderWindowRevenue: [8, 0],
        });
        const lines = await store.features.purchaseLines({ ...range, asOf: 200 * DAY });
        expect(lines.byCategory).toEqual([
          { profileId: p.profileId, category: 'misc', amount: 12, lines: 1 },
          { profileId: p.profileId, category: 'tea', amount: 16, lines: 2 },
        ]);
        expect(lines.distinct).toEqual([{ profileId: p.profileId, items: 2, categories: 2 }]);
        expect(await store.features.topCategories(asOf, 5)).toEqual(['tea']);
        expect(await store.features.traits(range)).toEqual([
          { profileId: p.profileId, userId: 'fq', traits: { country: 'DE' } },
        ]);
        const out = await store.features.outcomes({ from: asOf, to: asOf + 90 * DAY, category: 'misc' });
        expect(out).toEqual([
          { profileId: p.profileId, events: 2, orders: 1, revenue: 20, categoryOrders: 1 },
        ]);
        const noCat = await store.features.outcomes({ from: asOf, to: asOf + 90 * DAY });
        expect(noCat[0].categoryOrders).toBe(0);
        await rejects(store.features.outcomes({ from: 5, to: 1 }), 'INVALID_INPUT');
      });
    });

    describe('models and scores', () => {
      it('versions models per kind, keeps one active and round-trips the artifact', async () => {
        const base = {
          kind: 'churn',
          algorithm: 'gbdt',
          params: { a: 1 },
          training: { cutoffs: [1, 2] },
          metrics: { auc: 0.8 },
        };
        const v1 = await store.models.create({ ...base, active: true, artifact: { trees: [1, 2, 3] } }, 10);
        const v2 = await store.models.create({ ...base, active: true, artifact: { trees: [4] } }, 20);
        await store.models.create({ ...base, kind: 'clv', active: false, artifact: {} }, 30);
        expect([v1.version, v2.version]).toEqual([1, 2]);
        expect((await store.models.active('churn'))?.version).toBe(2);
        expect((await store.models.active('churn'))?.artifact).toEqual({ trees: [4] });
        expect(await store.models.active('clv')).toBeUndefined();
        await store.models.activate('churn', 1);
        const list = await store.models.list({ kind: 'churn' });
        expect(list.map((m) => [m.version, m.active])).toEqual([
          [2, false],
          [1, true],
        ]);
        expect(list[1]).toMatchObject({ ...base, createdAt: 10 });
        expect((await store.models.get('churn', 1))?.artifact).toEqual({ trees: [1, 2, 3] });
        await rejects(store.models.activate('churn', 9), 'NOT_FOUND');
        expect(await store.models.list()).toHaveLength(3);
      });

      it('keeps the latest score per profile and kind and erases it with the profile', async () => {
        const p = await store.users.create({ userId: 's1' }, 0);
        const s = {
          profileId: p.profileId,
          kind: 'churn',
          modelVersion: 1,
          value: 0.2,
          reasons: [{ text: 'x' }],
          scoredAt: 5,
        };
        await store.scores.upsertMany([s, { ...s, kind: 'clv', value: 120 }]);
        await store.scores.upsertMany([{ ...s, modelVersion: 2, value: 0.7, scoredAt: 6 }]);
        expect(await store.scores.forProfile(p.profileId)).toEqual([
          { ...s, modelVersion: 2, value: 0.7, scoredAt: 6 },
          { ...s, kind: 'clv', value: 120 },
        ]);
        expect(await store.scores.count('churn')).toBe(1);
        expect((await store.scores.list({ kind: 'churn', minValue: 0.5 })).length).toBe(1);
        await store.users.erase(p.profileId);
        expect(await store.scores.count()).toBe(0);
      });
    });

    describe('segments', () => {
      const NOW = 100 * DAY;

      /** Profiles a..e with traits, events and scores; returns userId by profileId. */
      async function fixture(): Promise<Map<number, string>> {
        const traits: Record<string, JsonObject> = {
          a: { country: 'CN', age: 30, tags: ['gold', 'vip'], vip: true, note: 'loves shoes' },
          b: { country: 'DE', age: '40', tags: [] },
          c: { country: 'US', age: 55 },
          d: { 'favourite colour': '红色' },
          e: { country: null, age: 25.5 },
        };
        const ids = new Map<string, number>();
        for (const [u, t] of Object.entries(traits)) {
          const p = await store.users.create({ userId: u }, 0);
          await store.users.update(p.profileId, { traits: t }, 0);
          ids.set(u, p.profileId);
        }
        const order = (u: string, id: string, daysAgo: number, revenue: number) =>
          event(ids.get(u)!, id, {
            name: 'Order Completed',
            timestamp: NOW - daysAgo * DAY,
            properties: { revenue },
          });
        await store.events.insertMany([
          order('a', 'a1', 1, 60),
          order('a', 'a2', 5, 20),
          order('a', 'a3', 10, 80),
          event(ids.get('a')!, 'a4', { type: 'page', name: null, timestamp: NOW - DAY }),
          order('b', 'b1', 40, 100),
          event(ids.get('c')!, 'c1', { name: 'Product Reviewed', timestamp: NOW - 5 * DAY }),
        ]);
        const score = (u: string, kind: string, value: number) => ({
          profileId: ids.get(u)!,
          kind,
          modelVersion: 1,
          value,
          reasons: [],
          scoredAt: 1,
        });
        await store.scores.upsertMany([
          score('a', 'churn', 0.8),
          score('b', 'churn', 0.3),
          score('c', 'propensity', 0.9),
        ]);
        return new Map([...ids.entries()].map(([u, id]) => [id, u]));
      }

      let seq = 0;
      async function matching(rule: JsonObject, users: Map<number, string>): Promise<string[]> {
        const id = `r${seq++}`;
        // biome-ignore lint/suspicious/noExplicitAny: the suite feeds rules as parsed JSON; src/profiles validates real input
        const r = rule as any;
        await store.segments.create(
          { id, kind: 'rule', name: id, nameZh: id, description: '', descriptionZh: '', rule: r },
          1,
        );
        const refreshed = await store.segments.refreshRule(id, NOW);
        const page = await store.segments.members(id, { limit: 100 });
        const out = page.items.map((m) => users.get(m.profileId)!).sort();
        expect(refreshed.size).toBe(out.length);
        expect(await store.segments.countRule(r, NOW)).toBe(out.length);
        return out;
      }

      it('evaluates every kind of rule in the database', async () => {
        const u = await fixture();
        const cases: [JsonObject, string[]][] = [
          [{ trait: 'country', op: 'eq', value: 'CN' }, ['a']],
          [{ trait: 'country', op: 'neq', value: 'CN' }, ['b', 'c', 'd', 'e']],
          [{ trait: 'age', op: 'gt', value: 26 }, ['a', 'c']],
          [{ trait: 'age', op: 'lte', value: 25.5 }, ['e']],
          [{ trait: 'age', op: 'eq', value: 40 }, []],
          [{ trait: 'country', op: 'in', value: ['CN', 'US'] }, ['a', 'c']],
          [{ trait: 'tags', op: 'contains', value: 'gold' }, ['a']],
          [{ trait: 'note', op: 'contains', value: 'shoe' }, ['a']],
          [{ trait: 'favourite colour', op: 'contains', value: '红' }, ['d']],
          [{ trait: 'country', op: 'exists' }, ['a', 'b', 'c']],
          [{ trait: 'vip', op: 'eq', value: true }, ['a']],
          [{ event: 'Order Completed', min: 2, withinDays: 30 }, ['a']],
          [{ event: 'Order Completed', min: 1, withinDays: 60 }, ['a', 'b']],
          [{ event: 'Order Completed', min: 1, withinDays: 7 }, ['a']],
          [
            { event: 'Order Completed', min: 2, where: [{ property: 'revenue', op: 'gte', value: 60 }] },
            ['a'],
          ],
          [{ event: 'Order Completed', min: 3, where: [{ property: 'revenue', op: 'gte', value: 60 }] }, []],
          [{ event: 'Order Completed', min: 1, max: 1 }, ['b']],
          [{ event: 'Order Completed', max: 0 }, ['c', 'd', 'e']],
          [{ event: 'page', min: 1 }, ['a']],
          [{ prediction: 'churn', op: 'gte', value: 0.5 }, ['a']],
          [{ prediction: 'churn', op: 'lt', value: 0.5 }, ['b']],
          [{ not: { prediction: 'churn', op: 'gte', value: 0.5 } }, ['b', 'c', 'd', 'e']],
          [
            {
              or: [
                { trait: 'country', op: 'eq', value: 'DE' },
                { event: 'Product Reviewed', min: 1 },
              ],
            },
            ['b', 'c'],
          ],
          [
            {
              and: [
                { trait: 'age', op: 'gt', value: 20 },
                { not: { trait: 'country', op: 'eq', value: 'US' } },
              ],
            },
            ['a', 'e'],
          ],
        ];
        for (const [rule, expected] of cases) {
          expect(await matching(rule, u), JSON.stringify(rule)).toEqual(expected);
        }
        expect(await matching({ event: 'Order Completed', min: 1 }, u)).toEqual(['a', 'b']);
        const buyers = `r${seq - 1}`;
        expect(
          await matching(
            { and: [{ segment: buyers }, { not: { trait: 'country', op: 'eq', value: 'CN' } }] },
            u,
          ),
        ).toEqual(['b']);
      });

      it('keeps entry and exit times as members come and go', async () => {
        const u = await fixture();
        const id = (name: string) => [...u.entries()].find(([, n]) => n === name)![0];
        await store.segments.create(
          {
            id: 'cn',
            kind: 'rule',
            name: 'China',
            nameZh: '中国',
            description: 'in China',
            descriptionZh: '中国客户',
            rule: { trait: 'country', op: 'eq', value: 'CN' },
          },
          1,
        );
        expect(await store.segments.refreshRule('cn', 10)).toEqual({ size: 1, entered: 1, exited: 0 });
        await store.users.update(id('a'), { traits: { country: 'DE' } }, 11);
        await store.users.update(id('b'), { traits: { country: 'CN' } }, 11);
        expect(await store.segments.refreshRule('cn', 20)).toEqual({ size: 1, entered: 1, exited: 1 });
        expect(await store.segments.refreshRule('cn', 30)).toEqual({ size: 1, entered: 0, exited: 0 });
        await store.users.update(id('a'), { traits: { country: 'CN' } }, 31);
        expect(await store.segments.refreshRule('cn', 40)).toEqual({ size: 2, entered: 1, exited: 0 });
        expect(await store.segments.forProfile(id('a'))).toEqual([
          { segmentId: 'cn', kind: 'rule', enteredAt: 40, exitedAt: null },
          { segmentId: 'cn', kind: 'rule', enteredAt: 10, exitedAt: 20 },
        ]);
        const members = await store.segments.members('cn', { limit: 1 });
        expect(members.items).toEqual([{ profileId: id('a'), userId: 'a', enteredAt: 40, x: null, y: null }]);
        const rest = await store.segments.members('cn', { cursor: members.next });
        expect(rest.items.map((m) => [m.userId, m.enteredAt])).toEqual([['b', 20]]);
        expect(rest.next).toBeNull();
        const seg = await store.segments.get('cn');
        expect(seg).toMatchObject({ size: 2, nameZh: '中国', refreshedAt: 40, rule: { trait: 'country' } });
        await rejects(store.segments.refreshRule('nope', 1), 'NOT_FOUND');
        await rejects(
          store.segments.create(
            { id: 'cn', kind: 'rule', name: 'x', nameZh: 'x', description: '', descriptionZh: '' },
            1,
          ),
          'CONFLICT',
        );
      });

      it('replaces computed members with coordinates, lists by kind, deletes and erases', async () => {
        const u = await fixture();
        const [a, b, c] = [...u.keys()];
        const seg = {
          kind: 'cluster' as const,
          name: 'Big spenders',
          nameZh: '高消费客户',
          description: 'd',
          descriptionZh: 'z',
        };
        await store.segments.upsert({ id: 'cluster-0', ...seg, details: { centroid: [1, 2] } }, 1);
        await store.segments.upsert({ id: 'rfm-lost', ...seg, kind: 'rfm' }, 1);
        expect(
          await store.segments.replaceMembers(
            'cluster-0',
            [{ profileId: a, x: 1.5, y: -2 }, { profileId: b }],
            10,
          ),
        ).toEqual({ size: 2, entered: 2, exited: 0 });
        expect(
          await store.segments.replaceMembers(
            'cluster-0',
            [{ profileId: b }, { profileId: c, x: 0, y: 0 }],
            20,
          ),
        ).toEqual({ size: 2, entered: 1, exited: 1 });
        expect(
          (await store.segments.members('cluster-0')).items.map((m) => [m.profileId, m.enteredAt, m.x]),
        ).toEqual([
          [b, 10, null],
          [c, 20, 0],
        ]);
        await store.segments.upsert(
          { id: 'cluster-0', ...seg, name: 'Renamed', details: { centroid: [3] } },
          30,
        );
        const got = await store.segments.get('cluster-0');
        expect(got).toMatchObject({
          name: 'Renamed',
          size: 2,
          details: { centroid: [3] },
          createdAt: 1,
          updatedAt: 30,
        });
        expect((await store.segments.list({ kind: 'rfm' })).map((s) => s.id)).toEqual(['rfm-lost']);
        expect((await store.segments.list()).map((s) => s.id)).toEqual(['cluster-0', 'rfm-lost']);
        expect(await store.segments.forProfile(a, { current: true })).toEqual([]);
        await store.users.erase(c);
        expect((await store.segments.get('cluster-0'))?.size).toBe(1);
        expect(await store.segments.delete('cluster-0')).toBe(true);
        expect(await store.segments.delete('cluster-0')).toBe(false);
        expect(await store.segments.forProfile(b)).toEqual([]);
      });
    });

    describe('review scores', () => {
      const score = (
        eventId: number,
        profileId: number,
        o: Partial<ReviewScoreRecord> = {},
      ): ReviewScoreRecord => ({
        eventId,
        profileId,
        itemId: 'sku-1',
        text: '送餐太慢了',
        rating: 2,
        lang: 'zh',
        polarity: 'negative',
        score: -0.5,
        probability: 0.25,
        model: 'lexicon',
        modelVersion: null,
        aspects: [{ aspect: 'delivery', polarity: 'negative', clause: '送餐太慢了' }],
        reviewedAt: 1_000,
        scoredAt: 2_000,
        ...o,
      });

      it('finds event ids by messageId and events by id', async () => {
        const p = await store.users.create({ userId: 'r0' }, 0);
        await store.events.insertMany([
          event(p.profileId, 'm1'),
          event(p.profileId, 'm2', { name: 'Product Reviewed' }),
        ]);
        const ids = await store.events.idsByMessageId('test', ['m2', 'm1', 'nope']);
        expect([...ids.keys()].sort()).toEqual(['m1', 'm2']);
        const got = await store.events.getMany([ids.get('m2')!, 999_999]);
        expect(got.map((e) => [e.messageId, e.name, e.profileId])).toEqual([
          ['m2', 'Product Reviewed', p.profileId],
        ]);
      });

      it('upserts per event, lists per item oldest first and per profile newest first, erases with the profile', async () => {
        const p = await store.users.create({ userId: 'r1' }, 0);
        const q = await store.users.create({ userId: 'r2' }, 0);
        await store.reviewScores.upsertMany([
          score(1, p.profileId, { reviewedAt: 3_000 }),
          score(2, p.profileId, {
            text: 'great value',
            lang: 'en',
            rating: null,
            reviewedAt: 1_000,
            aspects: [],
          }),
          score(3, q.profileId, { itemId: 'sku-2', rating: 5 }),
        ]);
        // Rescoring after the learned model takes over replaces the row.
        await store.reviewScores.upsertMany([
          score(1, p.profileId, { reviewedAt: 3_000, model: 'learned', modelVersion: 2, score: -0.8 }),
        ]);
        const item = await store.reviewScores.forItem('sku-1');
        expect(item.map((r) => r.eventId)).toEqual([2, 1]);
        expect(item[1]).toEqual(
          score(1, p.profileId, { reviewedAt: 3_000, model: 'learned', modelVersion: 2, score: -0.8 }),
        );
        expect(item[0].rating).toBeNull();
        expect((await store.reviewScores.forProfile(p.profileId)).map((r) => r.eventId)).toEqual([1, 2]);
        expect(await store.reviewScores.count()).toBe(3);
        expect(await store.reviewScores.count({ itemId: 'sku-1' })).toBe(2);
        expect(await store.reviewScores.count({ rated: true })).toBe(2);
        expect(await store.reviewScores.labelled()).toEqual([
          { text: '送餐太慢了', rating: 2 },
          { text: '送餐太慢了', rating: 5 },
        ]);
        expect((await store.reviewScores.list({ afterEventId: 1, limit: 1 })).map((r) => r.eventId)).toEqual([
          2,
        ]);
        // Merging moves the author; erasure leaves no review text behind.
        await store.users.merge(q.profileId, p.profileId);
        expect((await store.reviewScores.forProfile(q.profileId)).length).toBe(3);
        await store.users.erase(q.profileId);
        expect(await store.reviewScores.count()).toBe(0);
      });
    });

    describe('recommendations', () => {
      it('reads interactions from product events and order lines, filtered by time, profile and name', async () => {
        const a = await store.users.create({ userId: 'r1' }, 0);
        const b = await store.users.create({ userId: 'r2' }, 0);
        await store.events.insertMany([
          event(a.profileId, 'i1', { properties: { product_id: 'p1' }, timestamp: 10 }),
          event(a.profileId, 'i2', {
            name: 'Order Completed',
            properties: { revenue: 5, products: [{ product_id: 'p2' }, { sku: 'p3' }, { price: 1 }] },
            timestamp: 20,
          }),
          event(b.profileId, 'i3', {
            name: 'Product Added',
            properties: { product_id: 'p1' },
            timestamp: 30,
          }),
          event(b.profileId, 'i4', { properties: { category: 'x' }, timestamp: 40 }),
          event(b.profileId, 'i5', {
            type: 'page',
            name: 'Home',
            properties: { product_id: 'p9' },
            timestamp: 50,
          }),
        ]);
        const all = await store.recommendations.interactions();
        expect(all).toEqual([
          { profileId: a.profileId, itemId: 'p1', event: 'Product Viewed', timestamp: 10 },
          { profileId: a.profileId, itemId: 'p2', event: 'Order Completed', timestamp: 20 },
          { profileId: a.profileId, itemId: 'p3', event: 'Order Completed', timestamp: 20 },
          { profileId: b.profileId, itemId: 'p1', event: 'Product Added', timestamp: 30 },
        ]);
        expect(await store.recommendations.interactions({ from: 15, to: 30 })).toHaveLength(2);
        expect(await store.recommendations.interactions({ profileId: b.profileId })).toHaveLength(1);
        expect(
          (await store.recommendations.interactions({ events: ['Order Completed'] })).map((r) => r.itemId),
        ).toEqual(['p2', 'p3']);
      });

      it('keeps the latest list per profile and strategy and erases it with the profile', async () => {
        const p = await store.users.create({ userId: 'r3' }, 0);
        const r = {
          profileId: p.profileId,
          strategy: 'default',
          items: [{ itemId: 'p1', score: 1, reason: 'popular right now' }],
          modelVersion: 1,
          computedAt: 5,
        };
        await store.recommendations.upsertMany([r, { ...r, strategy: 'popular' }]);
        await store.recommendations.upsertMany([{ ...r, modelVersion: 2, computedAt: 6 }]);
        expect(await store.recommendations.get(p.profileId, 'default')).toEqual({
          ...r,
          modelVersion: 2,
          computedAt: 6,
        });
        expect(await store.recommendations.get(p.profileId, 'nope')).toBeUndefined();
        expect(await store.recommendations.count('default')).toBe(1);
        await store.users.erase(p.profileId);
        expect(await store.recommendations.count()).toBe(0);
      });
    });
  });
}
