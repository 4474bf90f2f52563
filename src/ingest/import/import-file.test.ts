import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveKeys } from '../../governance/keys.js';
import { decryptPii, lookupHash } from '../../governance/pii.js';
import { TEST_STORES, type TestStore } from '../test-support/test-stores.js';
import { importFile } from './import-file.js';

const keys = deriveKeys(Buffer.alloc(32, 2));
const now = Date.parse('2024-06-01T00:00:00Z');

for (const kind of TEST_STORES.filter((k) => k.name === 'sqlite')) {
  describe(`importFile (users, items, events) on ${kind.name}`, () => {
    let t: TestStore;
    let dir: string;
    beforeEach(async () => {
      t = await kind.open();
      dir = mkdtempSync(join(tmpdir(), 'osprey-import-'));
    });
    afterEach(async () => {
      await t.close();
    });

    it('imports a users CSV with a column mapping; bad rows are counted and named by their source column', async () => {
      const file = join(dir, 'customers.csv');
      writeFileSync(
        file,
        [
          'customer_id,Email,age,unsubscribed,country',
          'c1, Ann@Example.com ,41,false,GB',
          'c2,not-an-email,33,false,GB',
          ',bob@example.com,29,false,GB',
          'c4,dee@example.com,52,true,FR',
          'c5,eve@example.com,19,maybe,FR',
          'c6,fay@example.com,1,false', // ragged row
        ].join('\n'),
      );
      const r = await importFile(t.store, keys, file, {
        kind: 'users',
        mapping: { userId: 'customer_id', email: 'Email' },
        now,
      });
      expect(r).toMatchObject({ read: 6, accepted: 2, rejected: 4 });
      expect(r.rejections).toEqual([
        { row: 2, field: 'Email', reason: 'not an email address' },
        { row: 3, field: 'customer_id', reason: 'userId or anonymousId is required' },
        { row: 5, field: 'unsubscribed', reason: 'not a boolean' },
        { row: 6, field: 'row', reason: 'expected 5 columns, got 4' },
      ]);
      const ann = (await t.store.users.findByIdentity('userId', 'c1'))!;
      expect(decryptPii(keys, ann.pii.email!)).toBe('ann@example.com');
      expect(ann.traits).toEqual({ age: '41', country: 'GB' });
      expect((await t.store.users.findByIdentity('userId', 'c4'))!.consent).toEqual({ email: false });
      const hit = await t.store.users.list({
        piiHash: { trait: 'email', hash: lookupHash(keys, 'email', 'ann@example.com') },
      });
      expect(hit.items.map((u) => u.userId)).toEqual(['c1']);
      // Re-import: same rows, same derived messageIds, nothing new.
      const before = await t.store.events.count();
      await importFile(t.store, keys, file, {
        kind: 'users',
        mapping: { userId: 'customer_id', email: 'Email' },
        now,
      });
      expect(await t.store.events.count()).toBe(before);
    });

    it('imports items from gzipped JSONL; malformed lines and bad fields are rejected', async () => {
      const file = join(dir, 'items.jsonl.gz');
      const lines = [
        JSON.stringify({
          id: 'sku-1',
          title: 'Green tea',
          price: '4.50',
          category: 'tea',
          tags: 'green|loose',
          origin: 'JP',
        }),
        '{not json',
        JSON.stringify({ id: 'sku-2', title: 'Mug', price: 'cheap' }),
        '',
        JSON.stringify({ title: 'no id' }),
        JSON.stringify({ id: 'sku-3', title: 'Pot', active: false, tags: ['clay'] }),
      ];
      writeFileSync(file, gzipSync(`${lines.join('\n')}\n`));
      const r = await importFile(t.store, keys, file, { kind: 'items', now });
      expect(r).toMatchObject({ read: 5, accepted: 2, rejected: 3 });
      expect(r.rejections).toEqual([
        { row: 2, field: 'row', reason: 'not valid JSON' },
        { row: 3, field: 'price', reason: 'not a number' },
        { row: 5, field: 'id', reason: 'missing' },
      ]);
      expect(await t.store.items.get('sku-1')).toMatchObject({
        title: 'Green tea',
        price: 4.5,
        category: 'tea',
        tags: ['green', 'loose'],
        attributes: { origin: 'JP' },
        active: true,
      });
      expect((await t.store.items.get('sku-3'))?.active).toBe(false);
    });

    it('imports Segment events from JSONL and CSV (dotted columns nest; extra columns become properties)', async () => {
      const jsonl = join(dir, 'events.jsonl');
      writeFileSync(
        jsonl,
        [
          JSON.stringify({
            type: 'track',
            userId: 'u1',
            event: 'Order Completed',
            messageId: 'e1',
            timestamp: '2024-05-01T10:00:00Z',
            properties: { revenue: '20.5' },
          }),
          JSON.stringify({
            type: 'identify',
            anonymousId: 'a1',
            userId: 'u1',
            messageId: 'e2',
            timestamp: '2024-05-01T09:00:00Z',
          }),
          JSON.stringify({ type: 'track', userId: 'u1', event: 'X', timestamp: '2030-01-01T00:00:00Z' }),
          JSON.stringify([1, 2]),
        ].join('\n'),
      );
      const r = await importFile(t.store, keys, jsonl, { kind: 'events', now });
      expect(r).toMatchObject({ read: 4, accepted: 2, rejected: 2 });
      expect(r.rejections).toEqual([
        { row: 3, field: 'timestamp', reason: 'more than a day in the future' },
        { row: 4, field: 'row', reason: 'not an object' },
      ]);
      const csv = join(dir, 'events.csv');
      writeFileSync(
        csv,
        'userId,event,timestamp,properties.price,quantity\nu2,Product Added,2024-05-02T10:00:00Z,3.5,2\n',
      );
      const c = await importFile(t.store, keys, csv, { kind: 'events', now });
      expect(c).toMatchObject({ read: 1, accepted: 1, rejected: 0 });
      const u2 = (await t.store.users.findByIdentity('userId', 'u2'))!;
      const ev = (await t.store.events.list({ profileId: u2.profileId })).items[0];
      expect(ev).toMatchObject({ name: 'Product Added', properties: { price: 3.5, quantity: 2 } });
      expect(ev.timestamp).toBe(Date.parse('2024-05-02T10:00:00Z'));
    });

    it('a corrupt gzip, a missing file or broken CSV quoting is INVALID_INPUT naming the file', async () => {
      const gz = join(dir, 'bad.jsonl.gz');
      writeFileSync(gz, 'this is not gzip');
      await expect(importFile(t.store, keys, gz, { kind: 'events' })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/bad\.jsonl\.gz: not a valid gzip file/),
      });
      const gzCsv = join(dir, 'bad.csv.gz');
      writeFileSync(gzCsv, 'still not gzip');
      await expect(importFile(t.store, keys, gzCsv, { mapping: 'online-retail' })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
      await expect(importFile(t.store, keys, join(dir, 'nope.csv'), { kind: 'users' })).rejects.toMatchObject(
        {
          code: 'INVALID_INPUT',
          message: expect.stringMatching(/no such file/),
        },
      );
      const quotes = join(dir, 'quotes.csv');
      writeFileSync(quotes, 'userId,name\nu1,"unterminated\n');
      await expect(importFile(t.store, keys, quotes, { kind: 'users' })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
    });

    it('needs a kind and a known format', async () => {
      const file = join(dir, 'x.txt');
      writeFileSync(file, 'a');
      await expect(importFile(t.store, keys, file, { kind: 'users' })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
      const csv = join(dir, 'x.csv');
      writeFileSync(csv, 'a\n1\n');
      await expect(importFile(t.store, keys, csv, {})).rejects.toThrow(/users, items or events/);
    });
  });
}
