import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OspreyError } from '../core/errors.js';
import { deriveKeys } from '../governance/keys.js';
import { decryptPii, lookupHash, suppressionHash } from '../governance/pii.js';
import { ingestMessages, ingestRequest } from './ingest-batch.js';
import { TEST_STORES, type TestStore } from './test-support/test-stores.js';

const keys = deriveKeys(Buffer.alloc(32, 3));
const receivedAt = Date.parse('2024-05-01T12:00:00Z');
const o = { source: 'key_1', receivedAt };

for (const kind of TEST_STORES) {
  describe(`ingestMessages on ${kind.name}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await kind.open();
    });
    afterEach(async () => {
      await t.close();
    });

    it('rejects the whole batch naming every bad path, stores nothing, logs reasons without payload', async () => {
      const batch = [
        { type: 'identify', userId: 'u1', traits: { email: 'ann@example.com' } },
        { type: 'track', userId: 'u1', event: 'Order Completed', properties: { revenue: 'lots' } },
        { type: 'track', anonymousId: 'a1', event: 'X', timestamp: 'soon' },
      ];
      const err = await ingestMessages(t.store, keys, batch, o).catch((e) => e);
      expect(err).toBeInstanceOf(OspreyError);
      expect(err.issues.map((i: { path: string }) => i.path)).toEqual([
        'batch[1].properties.revenue',
        'batch[2].timestamp',
      ]);
      expect(await t.store.users.count()).toBe(0);
      expect(await t.store.events.count()).toBe(0);
      const log = await t.store.rejections.list();
      expect(log.map((r) => [r.path, r.reason, r.source]).sort()).toEqual([
        ['batch[1].properties.revenue', 'not a number', 'key_1'],
        ['batch[2].timestamp', 'not a date', 'key_1'],
      ]);
      expect(JSON.stringify(log)).not.toMatch(/lots|soon|ann@/);
    });

    it('is idempotent by messageId per source', async () => {
      const batch = [
        { type: 'track', messageId: 'm1', userId: 'u1', event: 'A' },
        { type: 'track', messageId: 'm2', userId: 'u1', event: 'B' },
      ];
      expect((await ingestMessages(t.store, keys, batch, o)).accepted).toBe(2);
      const again = await ingestMessages(t.store, keys, [...batch, { ...batch[0], event: 'A2' }], o);
      expect(again).toMatchObject({ received: 3, accepted: 0, duplicates: 3 });
      expect(await t.store.events.count()).toBe(2);
      // Another source may reuse the id (idempotency is per source).
      expect((await ingestMessages(t.store, keys, batch, { ...o, source: 'key_2' })).accepted).toBe(2);
    });

    it('identify with userId after anonymous activity merges the anonymous history into the user', async () => {
      await ingestMessages(
        t.store,
        keys,
        [
          { type: 'page', anonymousId: 'anon-1', name: 'Home', messageId: 'p1' },
          { type: 'track', anonymousId: 'anon-1', event: 'Product Viewed', messageId: 't1' },
        ],
        o,
      );
      await ingestMessages(
        t.store,
        keys,
        [{ type: 'track', userId: 'u-9', event: 'Signed In', messageId: 't0' }],
        o,
      );
      expect(await t.store.users.count()).toBe(2);
      const r = await ingestRequest(
        t.store,
        keys,
        'identify',
        { userId: 'u-9', anonymousId: 'anon-1', traits: { plan: 'pro' }, messageId: 'i1' },
        o,
      );
      expect(r.profilesMerged).toBe(1);
      expect(await t.store.users.count()).toBe(1);
      const p = (await t.store.users.findByIdentity('anonymousId', 'anon-1'))!;
      expect(p.userId).toBe('u-9');
      expect(p.traits).toEqual({ plan: 'pro' });
      expect(await t.store.events.count({ profileId: p.profileId })).toBe(4);
    });

    it('identify linking a fresh userId to a known anonymous profile keeps one profile', async () => {
      await ingestMessages(t.store, keys, [{ type: 'page', anonymousId: 'a2', messageId: 'p' }], o);
      await ingestMessages(
        t.store,
        keys,
        [{ type: 'identify', anonymousId: 'a2', userId: 'new', messageId: 'i' }],
        o,
      );
      expect(await t.store.users.count()).toBe(1);
      expect((await t.store.users.findByIdentity('userId', 'new'))!.anonymousIds).toEqual(['a2']);
    });

    it('alias(previousId → userId) merges, and does not steal an anonymousId owned by another user', async () => {
      await ingestMessages(
        t.store,
        keys,
        [
          { type: 'track', anonymousId: 'old', event: 'A', messageId: '1' },
          { type: 'track', userId: 'neo', event: 'B', messageId: '2' },
          { type: 'alias', previousId: 'old', userId: 'neo', messageId: '3' },
          // shared device: 'old' now belongs to neo; trinity's message must not merge neo into trinity
          { type: 'track', userId: 'trinity', anonymousId: 'old', event: 'C', messageId: '4' },
        ],
        o,
      );
      const neo = (await t.store.users.findByIdentity('userId', 'neo'))!;
      expect(neo.anonymousIds).toEqual(['old']);
      expect(await t.store.events.count({ profileId: neo.profileId })).toBe(3);
      const trinity = (await t.store.users.findByIdentity('userId', 'trinity'))!;
      expect(trinity.profileId).not.toBe(neo.profileId);
      expect(await t.store.users.count()).toBe(2);
    });

    it('encrypts PII at rest with lookup hashes; consent per channel; plain traits stay plain', async () => {
      await ingestRequest(
        t.store,
        keys,
        'identify',
        {
          userId: 'u1',
          messageId: 'i1',
          traits: {
            email: ' Ann@Example.com',
            phone: '020 7946 0958',
            country: 'GB',
            name: 'Ann Lee',
            age: 41,
            unsubscribed: true,
            consent: { sms: true },
          },
          context: { traits: { firstName: 'Ann' } },
        },
        o,
      );
      const rows = await t.dump();
      const raw = JSON.stringify(rows);
      for (const plain of ['ann@example.com', 'Ann Lee', '+442079460958', '7946', '"Ann"'])
        expect(raw).not.toContain(plain);
      const p = (await t.store.users.findByIdentity('userId', 'u1'))!;
      expect(decryptPii(keys, p.pii.email!)).toBe('ann@example.com');
      expect(decryptPii(keys, p.pii.phone!)).toBe('+442079460958');
      expect(decryptPii(keys, p.pii.firstName!)).toBe('Ann');
      expect(p.traits).toEqual({ country: 'GB', age: 41 });
      expect(p.consent).toEqual({ email: false, sms: true });
      const found = await t.store.users.list({
        piiHash: { trait: 'email', hash: lookupHash(keys, 'email', 'ANN@example.com ') },
      });
      expect(found.items.map((u) => u.userId)).toEqual(['u1']);
      // The identify event itself carries only the non-PII traits.
      const ev = (await t.store.events.list({ profileId: p.profileId })).items[0];
      expect(ev.properties).toEqual({ country: 'GB', age: 41 });
    });

    it('a suppressed email stays unsubscribed when the person comes back', async () => {
      await t.store.suppressions.add(suppressionHash(keys, 'email', 'gone@example.com'), 'erased', 1);
      await ingestRequest(
        t.store,
        keys,
        'identify',
        { userId: 'back', traits: { email: 'gone@example.com', emailOptIn: true } },
        o,
      );
      expect((await t.store.users.findByIdentity('userId', 'back'))!.consent.email).toBe(false);
    });

    it('retries a batch that lost an identity race (CONFLICT) and stores it once', async () => {
      let raced = false;
      const racing = {
        ...t.store,
        transaction: async <T>(fn: (tx: typeof t.store) => Promise<T>): Promise<T> => {
          if (!raced) {
            raced = true;
            // A concurrent request created and committed the same profile; ours failed on the unique identity.
            await t.store.users.create({ userId: 'carol' }, 1);
            throw new OspreyError('CONFLICT', "userId 'carol' already belongs to another user");
          }
          return t.store.transaction(fn);
        },
      };
      const r = await ingestMessages(
        racing,
        keys,
        [{ type: 'track', userId: 'carol', event: 'A', messageId: 'c1' }],
        o,
      );
      expect(r.accepted).toBe(1);
      expect(await t.store.users.count()).toBe(1);
    });

    it('a store failure mid-batch leaves nothing behind', async () => {
      const failing = {
        ...t.store,
        transaction: <T>(fn: (tx: typeof t.store) => Promise<T>) =>
          t.store.transaction(async (tx) => {
            const r = await fn(tx);
            throw new Error(`boom after ${JSON.stringify(r).length}`);
          }),
      };
      await expect(
        ingestMessages(failing, keys, [{ type: 'identify', userId: 'z', traits: { email: 'z@z.io' } }], o),
      ).rejects.toThrow(/boom/);
      expect(await t.store.users.count()).toBe(0);
      expect(await t.store.events.count()).toBe(0);
    });
  });
}
