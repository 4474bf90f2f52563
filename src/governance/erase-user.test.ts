import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestMessages } from '../ingest/ingest-batch.js';
import { TEST_STORES, type TestStore } from '../ingest/test-support/test-stores.js';
import { eraseUser } from './erase-user.js';
import { exportUser } from './export-user.js';
import { deriveKeys } from './keys.js';
import { decryptPii, lookupHash, normalisePiiValue, suppressionHash } from './pii.js';

const keys = deriveKeys(Buffer.alloc(32, 5));
const o = { source: 'key_1', receivedAt: Date.parse('2024-05-01T12:00:00Z') };

const ANN = {
  userId: 'cust-4711',
  anonymousId: 'anon-ann-77',
  email: 'ann.lee@example.com',
  phone: '+442079460958',
  name: 'Ann Lee',
};

async function seed(t: TestStore, unsubscribed: boolean) {
  await ingestMessages(
    t.store,
    keys,
    [
      { type: 'page', anonymousId: ANN.anonymousId, name: 'Home' },
      {
        type: 'identify',
        userId: ANN.userId,
        anonymousId: ANN.anonymousId,
        traits: { email: ANN.email, phone: ANN.phone, name: ANN.name, age: 40, unsubscribed },
      },
      {
        type: 'track',
        userId: ANN.userId,
        event: 'Order Completed',
        properties: { revenue: 20, products: [{ product_id: 'p1', price: 20, quantity: 1 }] },
      },
      { type: 'alias', previousId: 'ann-old-login', userId: ANN.userId },
      { type: 'identify', userId: 'bob', traits: { email: 'bob@example.com' } },
      { type: 'track', userId: 'bob', event: 'Product Viewed' },
    ],
    o,
  );
}

/** Every string a trace of Ann could take: plaintext ids, lookup hashes, decryptable ciphertexts. */
async function traces(t: TestStore): Promise<string[]> {
  const found: string[] = [];
  const plain = [ANN.userId, ANN.anonymousId, ANN.email, ANN.phone, ANN.name, 'ann-old-login', '7946'];
  const hashes = (['email', 'phone', 'name'] as const).map((k) => lookupHash(keys, k, ANN[k]));
  const visit = (v: unknown, where: string) => {
    if (typeof v === 'string') {
      for (const p of plain) if (v.toLowerCase().includes(p.toLowerCase())) found.push(`${where}: plaintext`);
      for (const h of hashes) if (v.includes(h)) found.push(`${where}: lookup hash`);
      for (const part of v.match(/[A-Za-z0-9+/=]{16}\.[A-Za-z0-9+/=]{20,}\.[A-Za-z0-9+/=]+/g) ?? []) {
        try {
          const d = decryptPii(keys, part);
          if (plain.some((p) => JSON.stringify(d).toLowerCase().includes(normalisePiiValue('x', p))))
            found.push(`${where}: decryptable PII`);
        } catch {}
      }
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) visit(x, `${where}.${k}`);
    }
  };
  const dump = await t.dump();
  for (const [table, rows] of Object.entries(dump)) visit(rows, table);
  return found;
}

for (const kind of TEST_STORES) {
  describe(`erasure and export on ${kind.name}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await kind.open();
    });
    afterEach(async () => {
      await t.close();
    });

    it('the scan finds Ann before erasure (so it can fail)', async () => {
      await seed(t, false);
      const before = await traces(t);
      expect(before.some((x) => x.includes('plaintext'))).toBe(true);
      expect(before.some((x) => x.includes('lookup hash'))).toBe(true);
      expect(before.some((x) => x.includes('decryptable PII'))).toBe(true);
    });

    it('leaves no trace of an erased user, only an audit record without identifier; Bob is untouched', async () => {
      await seed(t, false);
      const r = await eraseUser(t.store, keys, ANN.userId, 'admin-key-1');
      expect(r.events).toBe(4);
      expect(r.suppressed).toBe(false);
      expect(await traces(t)).toEqual([]);
      const audit = await t.store.audit.list();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'user erased', actor: 'admin-key-1' });
      expect(audit[0].details.erasureId).toMatch(/^[0-9a-f-]{36}$/);
      expect(await t.store.suppressions.has(suppressionHash(keys, 'email', ANN.email))).toBe(false);
      expect(await t.store.users.findByIdentity('userId', 'bob')).toBeDefined();
      expect(await t.store.events.count()).toBe(2);
    });

    it('keeps a suppression entry (separately keyed) for an erased person who had unsubscribed', async () => {
      await seed(t, true);
      const r = await eraseUser(t.store, keys, ANN.userId, 'admin-key-1');
      expect(r.suppressed).toBe(true);
      expect(await traces(t)).toEqual([]);
      expect(await t.store.suppressions.has(suppressionHash(keys, 'email', ANN.email))).toBe(true);
      expect(await t.store.suppressions.has(suppressionHash(keys, 'phone', ANN.phone))).toBe(true);
      // Re-imported later with an opt-in: stays unsubscribed.
      await ingestMessages(
        t.store,
        keys,
        [{ type: 'identify', userId: 'again', traits: { email: ANN.email, emailOptIn: true } }],
        o,
      );
      expect((await t.store.users.findByIdentity('userId', 'again'))!.consent.email).toBe(false);
    });

    it('erasing an unknown user is NOT_FOUND', async () => {
      await expect(eraseUser(t.store, keys, 'nobody', 'a')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('exports everything held, with PII decrypted', async () => {
      await seed(t, true);
      const x = await exportUser(t.store, keys, ANN.userId);
      expect(x.userId).toBe(ANN.userId);
      expect(x.anonymousIds.sort()).toEqual([ANN.anonymousId, 'ann-old-login'].sort());
      expect(x.pii).toEqual({ email: ANN.email, phone: ANN.phone, name: ANN.name });
      expect(x.traits).toEqual({ age: 40 });
      expect(x.consent).toEqual({ email: false });
      expect(x.events.map((e) => e.type).sort()).toEqual(['alias', 'identify', 'page', 'track']);
      expect(x.events.every((e) => typeof e.timestamp === 'string')).toBe(true);
    });
  });
}
