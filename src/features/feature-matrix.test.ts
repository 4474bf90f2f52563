import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRecord } from '../core/types.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/store.js';
import { buildFeatureMatrix, columnIndex, resolveFeatureSpec } from './feature-matrix.js';
import { describeFeature } from './feature-spec.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const dir = mkdtempSync(join(tmpdir(), 'osprey-features-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

function ev(
  profileId: number,
  id: string,
  name: string,
  day: number,
  properties = {},
): EventRecord & { profileId: number } {
  return {
    messageId: id,
    source: 'test',
    type: name === 'page' ? 'page' : 'track',
    name: name === 'page' ? null : name,
    userId: null,
    anonymousId: null,
    properties,
    context: {},
    timestamp: T0 + day * DAY,
    receivedAt: T0 + day * DAY,
    profileId,
  };
}

const order = (revenue: number, lines: { id: string; price: number; quantity: number }[], discount = 0) => ({
  revenue,
  discount,
  products: lines.map((l) => ({ product_id: l.id, price: l.price, quantity: l.quantity })),
});

describe('buildFeatureMatrix', () => {
  let store: Store;
  let a: number;
  let b: number;
  const asOf = T0 + 100 * DAY;
  beforeEach(async () => {
    store = await openStore(`sqlite:${join(dir, `f${n++}`, 'osprey.db')}`);
    await store.items.upsertMany(
      [
        { id: 'tea1', title: 'Green tea', category: 'tea', price: 10 },
        { id: 'shoe1', title: 'Runner', category: 'shoes', price: 60 },
      ],
      T0,
    );
    a = (await store.users.create({ userId: 'alice' }, T0)).profileId;
    b = (await store.users.create({ userId: 'bob' }, T0)).profileId;
    await store.users.update(a, { traits: { age: 34, gender: 'female', country: 'CN' } }, T0);
    await store.users.update(b, { traits: { gender: 'male', country: 'US' } }, T0);
    await store.events.insertMany([
      ev(a, 'a1', 'page', 10),
      ev(a, 'a2', 'Order Completed', 10, order(30, [{ id: 'tea1', price: 10, quantity: 3 }])),
      ev(a, 'a3', 'Order Completed', 37, order(50, [{ id: 'shoe1', price: 60, quantity: 1 }], 10)),
      ev(a, 'a4', 'Email Opened', 95),
      ev(a, 'a5', 'Email Opened', 96),
      ev(a, 'a6', 'Email Link Clicked', 96),
      ev(b, 'b1', 'Product Viewed', 99),
    ]);
  });
  afterEach(async () => {
    await store.close();
  });

  it('computes RFM, windows, affinities and traits as of the cut-off (known answers)', async () => {
    const m = await buildFeatureMatrix({ store, asOf });
    expect(m.rows).toBe(2);
    expect([...m.profileIds]).toEqual([a, b]);
    expect(m.userIds).toEqual(['alice', 'bob']);
    const v = (row: number, name: string) => m.data[row * m.cols + columnIndex(m, name)];
    expect(v(0, 'recency_days')).toBe(63);
    expect(v(0, 'frequency')).toBe(2);
    expect(v(0, 'monetary')).toBe(80);
    expect(v(0, 'avg_order_value')).toBe(40);
    expect(v(0, 'tenure_days')).toBe(90);
    expect(v(0, 'days_between_orders')).toBe(27);
    expect(v(0, 'discount_share')).toBe(0.5);
    expect(v(0, 'active_days')).toBe(4);
    expect(v(0, 'distinct_items')).toBe(2);
    expect(v(0, 'distinct_categories')).toBe(2);
    expect(v(0, 'count_email_opened_7d')).toBe(2);
    // Windows are [asOf − w days, asOf): the order exactly 90 days back is inside the 90-day window.
    expect(v(0, 'count_order_completed_90d')).toBe(2);
    expect(v(0, 'count_order_completed_30d')).toBe(0);
    expect(v(0, 'revenue_90d')).toBe(80);
    expect(v(0, 'email_click_rate_90d')).toBe(0.5);
    expect(v(0, 'share_tea')).toBeCloseTo(30 / 90, 12);
    expect(v(0, 'share_shoes')).toBeCloseTo(60 / 90, 12);
    expect(v(0, 'trait_age')).toBe(34);
    expect(v(0, 'trait_gender_female')).toBe(1);
    expect(v(0, 'trait_country_cn')).toBe(1);
    expect(v(1, 'recency_days')).toBeNaN();
    expect(v(1, 'frequency')).toBe(0);
    expect(v(1, 'count_product_viewed_7d')).toBe(1);
    expect(v(1, 'trait_age')).toBeNaN();
    expect(v(1, 'trait_gender_male')).toBe(1);
    const col = m.columns[columnIndex(m, 'recency_days')];
    expect(describeFeature(col, 63)).toBe('last purchase 63 days ago');
    expect(describeFeature(col, Number.NaN)).toBe('never purchased');
  });

  it('ignores events at or after the cut-off: later events never change features', async () => {
    const spec = await resolveFeatureSpec(store, asOf);
    const before = await buildFeatureMatrix({ store, asOf, spec });
    await store.events.insertMany([
      ev(a, 'late1', 'Order Completed', 100, order(999, [{ id: 'tea1', price: 999, quantity: 1 }])),
      ev(a, 'late2', 'Email Opened', 101),
      ev(b, 'late3', 'Order Completed', 150, order(5, [{ id: 'shoe1', price: 5, quantity: 1 }])),
    ]);
    const c = (await store.users.create({ userId: 'carol' }, T0)).profileId;
    await store.events.insertMany([ev(c, 'late4', 'page', 120)]);
    const after = await buildFeatureMatrix({ store, asOf, spec });
    expect(after.rows).toBe(before.rows);
    expect([...after.data]).toEqual([...before.data]);
    const later = await buildFeatureMatrix({ store, asOf: asOf + 60 * DAY, spec });
    expect(later.rows).toBe(3);
  });

  it('builds the rows of chosen profiles only, paging gives the same matrix', async () => {
    const spec = await resolveFeatureSpec(store, asOf);
    const one = await buildFeatureMatrix({ store, asOf, spec, profileIds: [b] });
    expect(one.rows).toBe(1);
    const all = await buildFeatureMatrix({ store, asOf, spec, pageSize: 1 });
    expect([...one.data]).toEqual([...all.data.subarray(all.cols)]);
    const none = await buildFeatureMatrix({ store, asOf, spec, profileIds: [b + 100] });
    expect(none.rows).toBe(0);
  });
});
