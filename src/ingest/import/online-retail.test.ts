import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../core/types.js';
import { deriveKeys } from '../../governance/keys.js';
import type { Store } from '../../store/store.js';
import { TEST_STORES, type TestStore } from '../test-support/test-stores.js';
import { importFile } from './import-file.js';

const keys = deriveKeys(Buffer.alloc(32, 9));

// Hand-made fixture in the file's layout. Expected outcome, worked out by hand:
// rejected rows 8 (A invoice), 9 (negative quantity, not C), 11 (quantity 'x'), 12 (date), 13 (9 columns);
// accepted 9 rows → 5 orders: 536365 (3 lines incl. an exact duplicate), 536366 (anonymous), 542806 (two
// separate blocks, two timestamps → one event at 11:20), C536379 (refund), 536367 (split around rejects).
const FIXTURE = `InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom
536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom
536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom
536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28:00,1.85,,United Kingdom
542806,22111,"SCOTTIE DOG HOT WATER BOTTLE, RED",2,2011-02-01 11:20:00,4.95,12836,United Kingdom
C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527,United Kingdom
542806,22112,"CHOCOLATE BOX 7"" RIBBONS",1,2011-02-01 11:21:00,4.95,12836,United Kingdom
A563185,B,Adjust bad debt,1,2011-08-12 14:50:00,11062.06,,United Kingdom
536367,84879,ASSORTED COLOUR BIRD ORNAMENT,-5,2010-12-01 08:34:00,1.69,13047,United Kingdom
536367,22745,POPPY'S PLAYHOUSE BEDROOM,6,2010-12-01 08:34:00,2.1,13047,United Kingdom
536368,22960,JAM MAKING SET WITH JARS,x,2010-12-01 08:34:00,4.25,13047,United Kingdom
536369,21756,BATH BUILDING BLOCK WORD,3,not-a-date,5.95,13047,United Kingdom
536370,22728,ALARM CLOCK BAKELIKE PINK,24,2010-12-01 08:45:00,3.75,12583,France,extra
536367,22748,POPPY'S PLAYHOUSE KITCHEN,6,2010-12-01 08:35:00,2.1,13047,United Kingdom
`;

async function allEvents(store: Store): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  let cursor: string | null = null;
  do {
    const p = await store.events.list({ cursor, limit: 500, order: 'asc' });
    out.push(...p.items);
    cursor = p.next;
  } while (cursor);
  return out;
}

for (const kind of TEST_STORES.filter((k) => k.name !== 'memory')) {
  describe(`online-retail import on ${kind.name}`, () => {
    let t: TestStore;
    let dir: string;
    beforeEach(async () => {
      t = await kind.open();
      dir = mkdtempSync(join(tmpdir(), 'osprey-retail-'));
    });
    afterEach(async () => {
      await t.close();
    });

    it('accounts for every row exactly and builds one event per invoice', async () => {
      const file = join(dir, 'retail.csv.gz');
      writeFileSync(file, gzipSync(FIXTURE));
      const progress: number[] = [];
      const r = await importFile(t.store, keys, file, {
        mapping: 'online-retail',
        batchSize: 3,
        onProgress: (p) => progress.push(p.read),
      });
      expect(r).toMatchObject({ read: 14, accepted: 9, rejected: 5 });
      expect(r.rejections).toEqual([
        { row: 8, field: 'InvoiceNo', reason: 'adjust bad debt (A invoice) is not an order' },
        { row: 9, field: 'Quantity', reason: 'negative quantity outside a cancellation (C) invoice' },
        { row: 11, field: 'Quantity', reason: 'not an integer' },
        { row: 12, field: 'InvoiceDate', reason: 'not a date' },
        { row: 13, field: 'row', reason: 'expected 8 columns, got 9' },
      ]);
      expect(progress.at(-1)).toBe(14);

      const events = await allEvents(t.store);
      const orders = events.filter((e) => e.type === 'track');
      expect(orders.map((e) => [e.name, e.properties.order_id]).sort()).toEqual([
        ['Order Completed', '536365'],
        ['Order Completed', '536366'],
        ['Order Completed', '536367'],
        ['Order Completed', '542806'],
        ['Order Refunded', 'C536379'],
      ]);
      const byId = new Map(orders.map((e) => [e.properties.order_id, e]));
      const o365 = byId.get('536365')!;
      expect(o365.userId).toBe('17850');
      expect(o365.properties.revenue).toBe(55.98);
      expect((o365.properties.products as unknown[]).length).toBe(3);
      const o806 = byId.get('542806')!;
      expect(o806.timestamp).toBe(Date.parse('2011-02-01T11:20:00Z'));
      expect(o806.properties.revenue).toBe(14.85);
      expect((o806.properties.products as { sku: string }[]).map((p) => p.sku)).toEqual(['22111', '22112']);
      const anon = byId.get('536366')!;
      expect([anon.userId, anon.anonymousId]).toEqual([null, 'invoice:536366']);
      const refund = byId.get('C536379')!;
      expect(refund.properties).toMatchObject({ total: 27.5, products: [{ sku: 'D', quantity: 1 }] });
      const o367 = byId.get('536367')!;
      expect((o367.properties.products as { sku: string }[]).map((p) => p.sku)).toEqual(['22745', '22748']);
      expect(o367.timestamp).toBe(Date.parse('2010-12-01T08:34:00Z'));

      expect(
        events
          .filter((e) => e.type === 'identify')
          .map((e) => e.userId)
          .sort(),
      ).toEqual(['12836', '13047', '14527', '17850']);
      expect(await t.store.users.count()).toBe(5);
      expect(await t.store.items.count()).toBe(8);
      expect((await t.store.items.get('22111'))?.title).toBe('SCOTTIE DOG HOT WATER BOTTLE, RED');
      expect((await t.store.users.findByIdentity('userId', '17850'))?.traits).toEqual({
        country: 'United Kingdom',
      });
      const log = await t.store.rejections.list();
      expect(log.map((x) => x.path).sort()).toEqual([
        'row 11: Quantity',
        'row 12: InvoiceDate',
        'row 13: row',
        'row 8: InvoiceNo',
        'row 9: Quantity',
      ]);

      // Re-importing the same file stores nothing new (deterministic messageIds per invoice).
      const again = await importFile(t.store, keys, file, { mapping: 'online-retail' });
      expect(again).toMatchObject({ read: 14, accepted: 9, rejected: 5 });
      expect(await t.store.events.count()).toBe(events.length);
    });

    it('refuses a file that is not in the Online Retail layout', async () => {
      const file = join(dir, 'other.csv');
      writeFileSync(file, 'a,b,c\n1,2,3\n');
      await expect(importFile(t.store, keys, file, { mapping: 'online-retail' })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
    });
  });
}

const datasets = resolve(process.env.OSPREY_DATASETS ?? join(import.meta.dirname, '../../../../shared/data'));
const fullFile = join(datasets, 'online-retail', 'online_retail.csv.gz');
const haveFull = existsSync(fullFile);
if (!haveFull)
  console.warn(`[online-retail] skipping the full-file test: ${fullFile} not found (OSPREY_DATASETS)`);

describe.skipIf(!haveFull)('online-retail full file (541,909 rows)', () => {
  it('accounts for every row; counts recorded from an independent pandas-free Python pass', async () => {
    // A store that accepts writes and counts them: this test is about the row accounting of the whole file;
    // storing it for real is the benchmark's job (npm run bench:import).
    const counted = { events: 0, orders: 0, refunds: 0, identifies: 0, anonymous: 0 };
    let nextProfile = 1;
    const noop = async () => {};
    const store = {
      users: {
        findByIdentity: async () => undefined,
        create: async () => ({ profileId: nextProfile++ }),
        update: noop,
      },
      items: { upsertMany: noop },
      events: {
        existing: async () => new Set<string>(),
        insertMany: async (rows: StoredEvent[]) => {
          for (const r of rows) {
            counted.events++;
            if (r.name === 'Order Completed') counted.orders++;
            if (r.name === 'Order Refunded') counted.refunds++;
            if (r.type === 'identify') counted.identifies++;
            if (r.anonymousId) counted.anonymous++;
          }
          return rows.length;
        },
      },
      suppressions: { has: async () => false },
      rejections: { add: noop },
      transaction: (fn: (tx: unknown) => Promise<unknown>) => fn(store),
    } as unknown as Store;
    const r = await importFile(store, keys, fullFile, { mapping: 'online-retail', batchSize: 5000 });
    expect(r.read).toBe(541_909);
    expect(r.accepted + r.rejected).toBe(541_909);
    // 1,336 negative quantities outside C invoices + 3 `A` rows (data README "Pitfalls").
    expect(r.rejected).toBe(1_339);
    expect(r.rejections).toHaveLength(20);
    // 24,561 invoices keep at least one row: 3,836 cancellations and 20,725 orders; 4,372 customers;
    // 2,371 invoices without CustomerID.
    expect(counted).toEqual({
      events: 24_561 + 4_372,
      orders: 20_725,
      refunds: 3_836,
      identifies: 4_372,
      anonymous: 2_371,
    });
  });
});
