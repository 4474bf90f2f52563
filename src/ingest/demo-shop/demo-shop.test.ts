import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isValidPhoneNumber } from 'libphonenumber-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { OspreyError } from '../../core/errors.js';
import {
  type DemoShop,
  type DemoTruth,
  generateDemoShop,
  type SegmentMessage,
  writeTruthJsonl,
} from './index.js';
import { COUNTRIES } from './population.js';

const DAY = 86_400_000;
const NOW = new Date('2026-11-23T12:00:00.000Z');
const TRACK_EVENTS = new Set([
  'Products Searched',
  'Product Viewed',
  'Product Added',
  'Cart Viewed',
  'Checkout Started',
  'Order Completed',
  'Order Refunded',
  'Product Reviewed',
  'Email Opened',
  'Email Link Clicked',
]);
const OFFSET_BY_TIMEZONE = new Map(COUNTRIES.map((c) => [c.timezone, c.utcOffsetMinutes * 60_000]));
const cents = (x: unknown): number => Math.round((x as number) * 100);
const hasChinese = (s: string): boolean => /[\u4e00-\u9fff]/.test(s);

/**
 * Collects violations in loops over tens of thousands of messages (one `expect` per message is
 * slow), then asserts there are none, showing the first few.
 */
class Problems {
  private readonly found: string[] = [];
  check(ok: boolean, what: () => string): void {
    if (!ok && this.found.length < 5) this.found.push(what());
  }
  assertNone(): void {
    expect(this.found).toEqual([]);
  }
}

/** Area under the ROC curve by the Mann–Whitney U statistic, ties counted half. */
function auc(scores: number[], labels: boolean[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]]) {
        positives++;
        rankSum += midRank;
      }
    }
    i = j + 1;
  }
  const negatives = order.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

describe('auc helper', () => {
  it('gives known answers', () => {
    expect(auc([1, 2, 3, 4], [false, false, true, true])).toBe(1);
    expect(auc([1, 2, 3, 4], [true, true, false, false])).toBe(0);
    expect(auc([1, 1, 1, 1], [true, false, true, false])).toBe(0.5);
    // 3 of 4 (positive, negative) pairs ordered correctly.
    expect(auc([1, 2, 3, 4], [false, true, false, true])).toBe(0.75);
  });
});

describe('generateDemoShop: determinism and options', () => {
  it('gives identical items, messages and truth for the same seed', () => {
    const a = generateDemoShop({ users: 40, seed: 7, now: NOW });
    const b = generateDemoShop({ users: 40, seed: 7, now: NOW });
    expect(JSON.stringify(b.items)).toBe(JSON.stringify(a.items));
    expect(JSON.stringify([...b.messages()])).toBe(JSON.stringify([...a.messages()]));
    expect(JSON.stringify([...b.truth()])).toBe(JSON.stringify([...a.truth()]));
    // Iterating twice gives the same stream (no hidden state between passes).
    expect(JSON.stringify([...a.messages()])).toBe(JSON.stringify([...b.messages()]));
  });

  it('gives different data for a different seed', () => {
    const a = generateDemoShop({ users: 40, seed: 7, now: NOW });
    const b = generateDemoShop({ users: 40, seed: 8, now: NOW });
    expect(JSON.stringify(b.items)).not.toBe(JSON.stringify(a.items));
    const ma = [...a.messages()];
    const mb = [...b.messages()];
    expect(JSON.stringify(mb)).not.toBe(JSON.stringify(ma));
    const ids = new Set(ma.map((m) => m.messageId));
    expect(mb.some((m) => ids.has(m.messageId))).toBe(false);
  });

  it('keeps the first users identical when more users are generated', () => {
    const small = [...generateDemoShop({ users: 10, seed: 3, now: NOW }).messages()];
    const large = [...generateDemoShop({ users: 30, seed: 3, now: NOW }).messages()];
    expect(JSON.stringify(large.slice(0, small.length))).toBe(JSON.stringify(small));
  });

  it.each([
    [{ users: 0, seed: 1, now: NOW }, 'users'],
    [{ users: 2.5, seed: 1, now: NOW }, 'users'],
    [{ users: 10, seed: -1, now: NOW }, 'seed'],
    [{ users: 10, seed: Number.NaN, now: NOW }, 'seed'],
    [{ users: 10, seed: 1, now: new Date('not a date') }, 'now'],
  ])('rejects bad options %j naming the field', (o, field) => {
    try {
      generateDemoShop(o);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(OspreyError);
      expect((err as OspreyError).code).toBe('INVALID_INPUT');
      expect((err as OspreyError).issues.map((i) => i.path)).toEqual([field]);
      expect((err as OspreyError).message).toContain(field);
    }
  });
});

describe('demo shop data', () => {
  let shop: DemoShop;
  let messages: SegmentMessage[];
  let truth: DemoTruth[];
  const users = 700;

  beforeAll(() => {
    shop = generateDemoShop({ users, seed: 42, now: NOW });
    messages = [...shop.messages()];
    truth = [...shop.truth()];
  });

  const tracks = (event: string) => messages.filter((m) => m.type === 'track' && m.event === event);
  const props = (m: SegmentMessage) => m.properties as Record<string, unknown>;

  describe('catalogue', () => {
    it('has ~300-500 bilingual items in 10 categories with log-normal prices', () => {
      const items = shop.items;
      expect(items.length).toBeGreaterThanOrEqual(300);
      expect(items.length).toBeLessThanOrEqual(500);
      expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
      expect(new Set(items.map((i) => i.category)).size).toBe(10);
      for (const i of items) {
        expect(i.title).toMatch(/^[A-Za-z]/);
        expect(hasChinese(i.title_zh)).toBe(true);
        expect(hasChinese(i.description_zh)).toBe(true);
        expect(hasChinese(i.description)).toBe(false);
        expect(i.price).toBeGreaterThan(0);
        expect(Number.isInteger(Math.round(i.price * 100))).toBe(true);
      }
      const titles = new Set(items.map((i) => `${i.category}/${i.title}`));
      expect(titles.size).toBe(items.length);
      const inactive = items.filter((i) => !i.active).length;
      expect(inactive).toBeGreaterThan(0);
      expect(inactive).toBeLessThan(items.length * 0.15);
      // Electronics are dearer than snacks (category medians 60 and 9).
      const median = (c: string) => {
        const p = items
          .filter((i) => i.category === c)
          .map((i) => i.price)
          .sort((a, b) => a - b);
        return p[p.length >> 1];
      };
      expect(median('electronics')).toBeGreaterThan(3 * median('snacks'));
    });

    it('has power-law popularity: the top 10% of items get most views', () => {
      const views = new Map<string, number>();
      for (const m of tracks('Product Viewed')) {
        const id = props(m).product_id as string;
        views.set(id, (views.get(id) ?? 0) + 1);
      }
      const counts = [...views.values()].sort((a, b) => b - a);
      const total = counts.reduce((a, b) => a + b, 0);
      const top = counts.slice(0, Math.ceil(shop.items.length / 10)).reduce((a, b) => a + b, 0);
      expect(top / total).toBeGreaterThan(0.4);
    });
  });

  describe('schema sanity', () => {
    it('produces about 50-100 messages per person', () => {
      expect(messages.length).toBeGreaterThan(users * 50);
      expect(messages.length).toBeLessThan(users * 100);
    });

    it('gives every message a unique id, a past ISO timestamp, an identity and a context', () => {
      const ids = new Set<string>();
      const problems = new Problems();
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
      const earliest = NOW.getTime() - 366 * DAY;
      for (const m of messages) {
        const where = () => JSON.stringify(m).slice(0, 200);
        const t = Date.parse(m.timestamp);
        problems.check(['identify', 'track', 'page'].includes(m.type), () => `type: ${where()}`);
        problems.check(uuid.test(m.messageId), () => `messageId: ${where()}`);
        problems.check(new Date(t).toISOString() === m.timestamp, () => `timestamp not ISO: ${where()}`);
        problems.check(t <= NOW.getTime() && t >= earliest, () => `timestamp out of range: ${where()}`);
        problems.check(
          m.userId !== undefined || m.anonymousId !== undefined,
          () => `no identity: ${where()}`,
        );
        problems.check(typeof m.context === 'object', () => `context: ${where()}`);
        if (m.type === 'track') problems.check(TRACK_EVENTS.has(m.event ?? ''), () => `event: ${where()}`);
        if (m.type === 'page') problems.check(typeof m.name === 'string', () => `page name: ${where()}`);
        if (m.type === 'identify') problems.check(m.userId !== undefined, () => `identify: ${where()}`);
        ids.add(m.messageId);
      }
      problems.assertNone();
      expect(ids.size).toBe(messages.length);
      for (const e of TRACK_EVENTS) expect(tracks(e).length, e).toBeGreaterThan(0);
    });

    it('keeps each person in one block, in timestamp order', () => {
      const userOf = new Map<string, string>();
      for (const m of messages) if (m.userId && m.anonymousId) userOf.set(m.anonymousId, m.userId);
      const last = new Map<string, number>();
      const problems = new Problems();
      let current = '';
      for (const m of messages) {
        const person = m.userId ?? userOf.get(m.anonymousId as string) ?? (m.anonymousId as string);
        if (person !== current) {
          problems.check(!last.has(person), () => `${person} appears in two blocks`);
          current = person;
        }
        const t = Date.parse(m.timestamp);
        problems.check(t >= (last.get(person) ?? 0), () => `${person} goes back in time at ${m.timestamp}`);
        last.set(person, t);
      }
      problems.assertNone();
    });

    it('balances every order: revenue = Σ price × quantity − discount, total = revenue + shipping + tax', () => {
      const orders = tracks('Order Completed');
      const orderIds = new Set<string>();
      for (const o of orders) {
        const p = props(o);
        const products = p.products as { price: number; quantity: number; product_id: string }[];
        expect(products.length).toBeGreaterThan(0);
        let sum = 0;
        for (const l of products) {
          expect(Number.isInteger(l.quantity) && l.quantity >= 1).toBe(true);
          sum += cents(l.price) * l.quantity;
        }
        expect(cents(p.revenue)).toBe(sum - cents(p.discount));
        expect(cents(p.total)).toBe(cents(p.revenue) + cents(p.shipping) + cents(p.tax));
        expect(p.currency).toBe('USD');
        if (cents(p.discount) > 0) expect(typeof p.coupon).toBe('string');
        expect(orderIds.has(p.order_id as string)).toBe(false);
        orderIds.add(p.order_id as string);
        expect(o.userId).toBeDefined();
      }
    });

    it('keeps carts consistent: orders use the cart their products were added to', () => {
      const itemById = new Map(shop.items.map((i) => [i.id, i]));
      const userOf = new Map<string, string>();
      for (const m of messages) if (m.userId && m.anonymousId) userOf.set(m.anonymousId, m.userId);
      const carts = new Map<string, { owner: string; products: Set<string> }>();
      const checkouts = new Set<string>();
      const problems = new Problems();
      let orders = 0;
      for (const m of messages) {
        if (m.type !== 'track') continue;
        const person = m.userId ?? userOf.get(m.anonymousId as string) ?? (m.anonymousId as string);
        const p = props(m);
        if (p.product_id !== undefined) {
          const item = itemById.get(p.product_id as string);
          problems.check(item !== undefined, () => `unknown product ${p.product_id}`);
          if (p.price !== undefined)
            problems.check(p.price === item?.price, () => `price of ${p.product_id}`);
        }
        const cartId = p.cart_id as string;
        if (m.event === 'Product Added') {
          problems.check(typeof cartId === 'string', () => 'Product Added without cart_id');
          const cart = carts.get(cartId) ?? { owner: person, products: new Set<string>() };
          problems.check(cart.owner === person, () => `cart ${cartId} shared by ${cart.owner} and ${person}`);
          cart.products.add(p.product_id as string);
          carts.set(cartId, cart);
        }
        if (m.event === 'Cart Viewed' || m.event === 'Checkout Started' || m.event === 'Order Completed') {
          const cart = carts.get(cartId);
          problems.check(
            cart?.owner === person,
            () => `${m.event} of ${person} with cart ${cartId} not theirs`,
          );
          for (const l of p.products as { product_id: string }[])
            problems.check(
              cart?.products.has(l.product_id) === true,
              () => `${l.product_id} not in cart ${cartId}`,
            );
        }
        if (m.event === 'Checkout Started') checkouts.add(p.order_id as string);
        if (m.event === 'Order Completed') {
          problems.check(checkouts.has(p.order_id as string), () => `order ${p.order_id} without checkout`);
          orders++;
        }
      }
      problems.assertNone();
      expect(orders).toBeGreaterThan(0);
      // Abandoned carts: clearly more carts than orders.
      expect(carts.size).toBeGreaterThan(orders * 1.2);
    });

    it('refunds and reviews refer to earlier orders and catalogue items', () => {
      const orders = new Map<string, { revenue: number; at: number }>();
      for (const m of messages) {
        if (m.event === 'Order Completed')
          orders.set(props(m).order_id as string, {
            revenue: cents(props(m).revenue),
            at: Date.parse(m.timestamp),
          });
        if (m.event === 'Order Refunded') {
          const o = orders.get(props(m).order_id as string);
          expect(o).toBeDefined();
          expect(cents(props(m).total)).toBeLessThanOrEqual(o?.revenue ?? -1);
          expect(Date.parse(m.timestamp)).toBeGreaterThan(o?.at ?? Number.POSITIVE_INFINITY);
        }
      }
      const itemIds = new Set(shop.items.map((i) => i.id));
      for (const m of tracks('Product Reviewed')) {
        const p = props(m);
        expect(itemIds.has(p.product_id as string)).toBe(true);
        expect([1, 2, 3, 4, 5]).toContain(p.rating);
        expect((p.review_body as string).length).toBeGreaterThan(5);
      }
    });

    it('identifies users with synthetic PII, consent per channel and valid phone numbers', () => {
      const identifies = messages.filter(
        (m) => m.type === 'identify' && (m.traits as { email?: string }).email,
      );
      const full = identifies.filter((m) => (m.traits as Record<string, unknown>).created_at !== undefined);
      expect(full.length).toBeGreaterThan(users * 0.8);
      const countries = new Map<string, number>();
      for (const m of full) {
        const t = m.traits as Record<string, unknown>;
        expect((t.email as string).trim().toLowerCase()).toMatch(/^user\d+@example\.com$/);
        expect(Number.isInteger(t.age) && (t.age as number) >= 18).toBe(true);
        expect(['female', 'male', 'other']).toContain(t.gender);
        expect(['en', 'zh']).toContain(t.language);
        if (t.country === 'CN') expect(t.language).toBe('zh');
        const consent = t.consent as Record<string, unknown>;
        for (const channel of ['email', 'push', 'sms']) expect(typeof consent[channel]).toBe('boolean');
        if (t.phone !== undefined)
          expect(isValidPhoneNumber(t.phone as string), t.phone as string).toBe(true);
        expect(Date.parse(t.created_at as string)).toBeLessThanOrEqual(Date.parse(m.timestamp));
        countries.set(t.country as string, (countries.get(t.country as string) ?? 0) + 1);
      }
      for (const c of ['CN', 'US', 'GB', 'DE'])
        expect(countries.get(c) ?? 0).toBeGreaterThan(full.length * 0.04);
      // A few emails arrive with capitals or spaces, for ingestion to clean.
      expect(
        full.some(
          (m) =>
            (m.traits as { email: string }).email !==
            (m.traits as { email: string }).email.trim().toLowerCase(),
        ),
      ).toBe(true);
    });

    it('exercises identity merge: anonymous first, identified later, second devices, anonymous visitors', () => {
      const firstSeenAnonymous = new Map<string, number>();
      const linked = new Map<string, string>();
      const devicesOfUser = new Map<string, Set<string>>();
      for (const m of messages) {
        if (m.anonymousId && !firstSeenAnonymous.has(m.anonymousId))
          firstSeenAnonymous.set(m.anonymousId, Date.parse(m.timestamp));
        if (m.type === 'identify' && m.anonymousId && m.userId) {
          linked.set(m.anonymousId, m.userId);
          const set = devicesOfUser.get(m.userId) ?? new Set<string>();
          set.add(m.anonymousId);
          devicesOfUser.set(m.userId, set);
        }
      }
      // Anonymous history before the identify: some devices browsed for more than a day before.
      let anonymousBeforeIdentify = 0;
      for (const m of messages) {
        if (
          m.type === 'identify' &&
          m.anonymousId &&
          Date.parse(m.timestamp) - (firstSeenAnonymous.get(m.anonymousId) ?? 0) > DAY
        )
          anonymousBeforeIdentify++;
      }
      expect(anonymousBeforeIdentify).toBeGreaterThan(users * 0.1);
      const neverIdentified = [...firstSeenAnonymous.keys()].filter((a) => !linked.has(a)).length;
      expect(neverIdentified).toBeGreaterThan(users * 0.03);
      const twoDevices = [...devicesOfUser.values()].filter((s) => s.size > 1).length;
      expect(twoDevices).toBeGreaterThan(users * 0.05);
    });

    it('sends email events only to users who consented to email at the time', () => {
      const consentOf = new Map<string, boolean>();
      const problems = new Problems();
      let opened = 0;
      for (const m of messages) {
        const consent = (m.traits as { consent?: { email: boolean } } | undefined)?.consent;
        if (m.type === 'identify' && consent) consentOf.set(m.userId as string, consent.email);
        if (m.event === 'Email Opened' || m.event === 'Email Link Clicked') {
          problems.check(consentOf.get(m.userId as string) === true, () => `${m.event} to ${m.userId}`);
          opened++;
        }
      }
      problems.assertNone();
      expect(opened).toBeGreaterThan(0);
    });
  });

  describe('realism', () => {
    it('has 25-35% churners, consistent truth fields and nothing after a past churn', () => {
      expect(truth.length).toBeGreaterThan(users * 0.8);
      const churned = truth.filter((t) => t.churned);
      expect(churned.length / truth.length).toBeGreaterThan(0.22);
      expect(churned.length / truth.length).toBeLessThan(0.38);
      const lastAt = new Map<string, number>();
      for (const m of messages) if (m.userId) lastAt.set(m.userId, Date.parse(m.timestamp));
      for (const t of truth) {
        expect(t.churned).toBe(t.churnAt !== null);
        expect(t.purchasesNext90d >= 0 && t.spendNext90d >= 0).toBe(true);
        if (t.purchasesNext90d === 0) expect(t.spendNext90d).toBe(0);
        if (t.churnAt !== null) {
          const at = Date.parse(t.churnAt);
          expect(at).toBeLessThanOrEqual(NOW.getTime() + 90 * DAY);
          if (at < NOW.getTime()) {
            expect(lastAt.get(t.userId) ?? 0).toBeLessThan(at);
            expect(t.purchasesNext90d).toBe(0);
          }
        }
      }
      expect(truth.filter((t) => t.purchasesNext90d > 0).length).toBeGreaterThan(truth.length * 0.1);
      // Some churners are still active at `now`: they churn within the horizon.
      expect(churned.filter((t) => Date.parse(t.churnAt as string) > NOW.getTime()).length).toBeGreaterThan(
        0,
      );
    });

    it('makes churners differ, but not so that recency alone gives them away', () => {
      const lastPurchase = new Map<string, number>();
      const ratings = new Map<string, number[]>();
      for (const m of tracks('Order Completed'))
        lastPurchase.set(m.userId as string, Date.parse(m.timestamp));
      for (const m of tracks('Product Reviewed')) {
        const user = m.userId as string;
        ratings.set(user, [...(ratings.get(user) ?? []), props(m).rating as number]);
      }
      // Customers who never bought count as a full year since their last purchase.
      const recency = truth.map(
        (t) => (NOW.getTime() - (lastPurchase.get(t.userId) ?? NOW.getTime() - 366 * DAY)) / DAY,
      );
      const labels = truth.map((t) => t.churned);
      const a = auc(recency, labels);
      expect(a).toBeGreaterThan(0.55); // churners do buy less recently...
      expect(a).toBeLessThan(0.85); // ...but recency alone is far from enough
      const meanRating = (churned: boolean) => {
        const r = truth.filter((t) => t.churned === churned).flatMap((t) => ratings.get(t.userId) ?? []);
        return r.reduce((x, y) => x + y, 0) / r.length;
      };
      expect(meanRating(true)).toBeLessThan(meanRating(false) - 0.15);
    });

    it('makes purchases in the next 90 days follow past behaviour, so the truth is learnable', () => {
      const pastOrders = new Map<string, number>();
      for (const m of tracks('Order Completed'))
        pastOrders.set(m.userId as string, (pastOrders.get(m.userId as string) ?? 0) + 1);
      const mean = (rows: DemoTruth[]) => rows.reduce((a, t) => a + t.purchasesNext90d, 0) / rows.length;
      const frequent = truth.filter((t) => (pastOrders.get(t.userId) ?? 0) >= 3);
      const never = truth.filter((t) => !pastOrders.has(t.userId));
      expect(frequent.length).toBeGreaterThan(30);
      expect(never.length).toBeGreaterThan(30);
      expect(mean(frequent)).toBeGreaterThan(2 * mean(never));
    });

    it('has overlapping but informative taste clusters', () => {
      const itemCategory = new Map(shop.items.map((i) => [i.id, i.category]));
      const categories = [...new Set(shop.items.map((i) => i.category))];
      const shares = new Map<string, number[]>();
      for (const m of tracks('Product Viewed')) {
        if (!m.userId) continue;
        const v = shares.get(m.userId) ?? new Array(categories.length).fill(0);
        v[categories.indexOf(itemCategory.get(props(m).product_id as string) as string)]++;
        shares.set(m.userId, v);
      }
      const maxShares: number[] = [];
      const byCluster = new Map<number, number[]>();
      for (const t of truth) {
        const v = shares.get(t.userId);
        if (!v) continue;
        const total = v.reduce((a, b) => a + b, 0);
        if (total < 15) continue;
        maxShares.push(Math.max(...v) / total);
        const acc = byCluster.get(t.tasteCluster) ?? new Array(categories.length).fill(0);
        for (let c = 0; c < v.length; c++) acc[c] += v[c] / total;
        byCluster.set(t.tasteCluster, acc);
      }
      maxShares.sort((a, b) => a - b);
      expect(maxShares.length).toBeGreaterThan(100);
      // Mixtures, not pure types: hardly anyone looks at a single category.
      expect(maxShares.filter((s) => s > 0.9).length).toBeLessThan(maxShares.length * 0.05);
      expect(maxShares[maxShares.length >> 1]).toBeLessThan(0.7);
      // Yet clusters differ: their favourite categories are not all the same.
      const favourites = new Set([...byCluster.values()].map((acc) => acc.indexOf(Math.max(...acc))));
      expect(byCluster.size).toBe(6);
      expect(favourites.size).toBeGreaterThanOrEqual(4);
    });

    it('is busier at weekends and in the evening, in the customer’s own timezone', () => {
      const byWeekday = new Array(7).fill(0);
      let night = 0;
      let evening = 0;
      for (const m of messages) {
        if (m.type !== 'page' || m.name !== 'Home') continue;
        const offset = OFFSET_BY_TIMEZONE.get((m.context as { timezone: string }).timezone) as number;
        const local = new Date(Date.parse(m.timestamp) + offset);
        byWeekday[local.getUTCDay()]++;
        const h = local.getUTCHours();
        if (h < 6) night++;
        if (h >= 18) evening++;
      }
      const weekend = (byWeekday[0] + byWeekday[6]) / 2;
      const weekday = (byWeekday[1] + byWeekday[2] + byWeekday[3] + byWeekday[4]) / 4;
      expect(weekend / weekday).toBeGreaterThan(1.25);
      expect(evening).toBeGreaterThan(3 * night);
    });

    it('sells more per visit when there is a sale, with the sale’s coupon', () => {
      const orders = tracks('Order Completed');
      const coupons = new Map<string, number>();
      for (const o of orders) {
        const c = props(o).coupon as string | undefined;
        if (c) coupons.set(c, (coupons.get(c) ?? 0) + 1);
      }
      expect(coupons.has('BLACKFRIDAY25') || coupons.has('SINGLES11')).toBe(true);
      // Conversion per landing: visits on days with discounted orders convert better.
      const day = (m: SegmentMessage) => m.timestamp.slice(0, 10);
      const saleDays = new Set(
        orders.filter((o) => cents(props(o).discount) > 0 && props(o).coupon !== 'WELCOME10').map(day),
      );
      let saleVisits = 0;
      let otherVisits = 0;
      let saleOrders = 0;
      let otherOrders = 0;
      for (const m of messages) {
        const sale = saleDays.has(day(m));
        if (m.type === 'page' && (m.name === 'Home' || m.name === 'Sale' || m.name === 'New Arrivals'))
          sale ? saleVisits++ : otherVisits++;
        if (m.event === 'Order Completed') sale ? saleOrders++ : otherOrders++;
      }
      expect(saleOrders / saleVisits).toBeGreaterThan(1.2 * (otherOrders / otherVisits));
    });

    it('writes reviews and item texts in English and Chinese, each reviewer in their language', () => {
      const language = new Map<string, string>();
      for (const m of messages) {
        const l = (m.traits as { language?: string } | undefined)?.language;
        if (m.type === 'identify' && l) language.set(m.userId as string, l);
      }
      let zh = 0;
      let en = 0;
      for (const m of tracks('Product Reviewed')) {
        const chinese = hasChinese(props(m).review_body as string);
        chinese ? zh++ : en++;
        expect(language.get(m.userId as string)).toBe(chinese ? 'zh' : 'en');
      }
      expect(zh).toBeGreaterThan(10);
      expect(en).toBeGreaterThan(10);
      expect(shop.items.every((i) => hasChinese(i.title_zh) && !hasChinese(i.title))).toBe(true);
    });
  });

  it('writes the truth as JSON lines', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'osprey-demo-'));
    try {
      const path = join(dir, 'demo-truth.jsonl');
      await writeTruthJsonl(shop, path);
      const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
      expect(lines.map((l) => JSON.parse(l))).toEqual(truth);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects an unwritable truth path', async () => {
    await expect(writeTruthJsonl(shop, '/nonexistent-dir/demo-truth.jsonl')).rejects.toThrow(/ENOENT/);
  });
});
