import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testServer } from '../../server/test-support.js';
import { trainRecommendations } from './train-recommendations.js';

type T = Awaited<ReturnType<typeof testServer>>;

const DAY = 86_400_000;
const ITEMS = [
  { id: 'p1', title: 'Red Notebook', category: 'books', price: 10, description: 'paper notebook red' },
  { id: 'p2', title: 'Blue Notebook', category: 'books', price: 20, description: 'paper notebook blue' },
  { id: 'p3', title: 'Green Diary', category: 'books', price: 30, description: 'paper diary green' },
  { id: 'p4', title: 'Wooden Train', category: 'toys', price: 5, description: 'wooden toy train' },
  { id: 'p5', title: 'Robot Kit', category: 'toys', price: 50, description: 'robot building kit' },
  { id: 'p6', title: 'Old Atlas', category: 'books', price: 15, description: 'paper atlas', active: false },
  {
    id: 'p7',
    title: 'Blue Notebook Deluxe',
    category: 'books',
    price: 25,
    description: 'paper notebook blue',
  },
];
// Who did what: six shoppers whose baskets overlap, so co-occurrence has something to say.
const HISTORY: [string, string, string][] = [
  ['u1', 'Order Completed', 'p1'],
  ['u1', 'Order Completed', 'p2'],
  ['u1', 'Product Viewed', 'p3'],
  ['u2', 'Order Completed', 'p1'],
  ['u2', 'Order Completed', 'p2'],
  ['u2', 'Product Added', 'p4'],
  ['u3', 'Order Completed', 'p2'],
  ['u3', 'Order Completed', 'p3'],
  ['u3', 'Product Viewed', 'p5'],
  ['u4', 'Order Completed', 'p1'],
  ['u4', 'Order Completed', 'p3'],
  ['u4', 'Product Viewed', 'p4'],
  ['u4', 'Product Viewed', 'p6'],
  ['u5', 'Order Completed', 'p4'],
  ['u5', 'Order Completed', 'p5'],
  ['u5', 'Product Viewed', 'p1'],
  ['alice', 'Order Completed', 'p1'],
  ['alice', 'Product Viewed', 'p4'],
];

const message = (userId: string, event: string, itemId: string, i: number, at: number) => ({
  type: 'track',
  messageId: `h-${userId}-${i}`,
  userId,
  event,
  properties:
    event === 'Order Completed'
      ? { revenue: 10, products: [{ product_id: itemId, price: 10, quantity: 1 }] }
      : { product_id: itemId },
  timestamp: new Date(at).toISOString(),
});

describe('recommendations API (sqlite)', () => {
  let t: T;
  const auth = () => ({ authorization: bearer(t.adminKey) });
  const get = async (url: string) => t.app.inject({ method: 'GET', url, headers: auth() });
  const send = async (batch: unknown[]) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/batch',
      payload: { batch },
      headers: { authorization: `Basic ${Buffer.from(`${t.writeKey}:`).toString('base64')}` },
    });
  const ids = (body: { items: { itemId: string }[] }) => body.items.map((i) => i.itemId);

  beforeAll(async () => {
    t = await testServer('sqlite');
    await t.store.items.upsertMany(ITEMS, 0);
    const start = Date.now() - 10 * DAY;
    const res = await send(HISTORY.map(([u, e, p], i) => message(u, e, p, i, start + i * 60_000)));
    expect(res.statusCode).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers with popularity, saying so, before any model is trained', async () => {
    const res = await get('/api/users/u1/recommendations?n=3');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.strategy).toBe('popular-model-not-ready');
    expect(body.items).toHaveLength(3);
    expect(body.items[0].reason).toMatch(
      /^popular right now \(personal recommendations are still being trained\)$/,
    );
  });

  it('trains the default model and precomputes a list with reasons for every user', async () => {
    const r = await trainRecommendations(t.store, { topN: 10 });
    expect(r).toMatchObject({ modelVersion: 1, algorithm: 'hybrid', users: 6, items: 6, precomputed: 6 });
    const res = await get('/api/users/alice/recommendations?n=5');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.strategy).toBe('personal');
    expect(body.modelVersion).toBe(1);
    // alice's own items (p1 bought, p4 viewed) and the inactive p6 are never recommended.
    expect(ids(body)).not.toContain('p1');
    expect(ids(body)).not.toContain('p4');
    expect(ids(body)).not.toContain('p6');
    expect(body.items.length).toBeGreaterThan(0);
    for (const item of body.items)
      expect(item.reason).toMatch(
        /^(because you (bought|viewed) (Red Notebook|Wooden Train)|popular right now|shoppers with similar taste chose this)$/,
      );
    // p2 co-occurs with alice's purchase p1 in three baskets: it leads and says why.
    expect(body.items[0]).toMatchObject({
      itemId: 'p2',
      title: 'Blue Notebook',
      reason: 'because you bought Red Notebook',
    });
  });

  it('drops an item at once when the user buys it', async () => {
    const before = ids((await get('/api/users/alice/recommendations?n=5')).json());
    expect(before[0]).toBe('p2');
    const res = await send([
      {
        type: 'track',
        messageId: 'buy-p2',
        userId: 'alice',
        event: 'Order Completed',
        properties: { revenue: 20, products: [{ product_id: 'p2', price: 20, quantity: 1 }] },
      },
    ]);
    expect(res.statusCode).toBe(200);
    const after = (await get('/api/users/alice/recommendations?n=5')).json();
    expect(ids(after)).not.toContain('p2');
    expect(after.strategy).toBe('personal');
  });

  it('applies category, price, exclusion and diversity filters', async () => {
    const toys = (await get('/api/users/u1/recommendations?n=5&category=toys')).json();
    expect(toys.items.length).toBeGreaterThan(0);
    for (const i of toys.items) expect(i.category).toBe('toys');
    const cheap = (await get('/api/users/u1/recommendations?n=5&maxPrice=20')).json();
    for (const i of cheap.items) expect(i.price).toBeLessThanOrEqual(20);
    const band = (await get('/api/users/u1/recommendations?n=5&minPrice=25&maxPrice=50')).json();
    for (const i of band.items) expect(i.price === 30 || i.price === 50).toBe(true);
    const all = ids((await get('/api/users/u1/recommendations?n=5')).json());
    const excluded = ids((await get(`/api/users/u1/recommendations?n=5&exclude=${all[0]}`)).json());
    expect(excluded).not.toContain(all[0]);
    const diverse = (await get('/api/users/u5/recommendations?n=5&diversity=1')).json();
    const cats = diverse.items.map((i: { category: string }) => i.category);
    expect(new Set(cats).size).toBe(cats.length);
  });

  it('serves anonymous visitors from their first events, and brand-new users with popular items', async () => {
    expect(
      (
        await send([
          {
            type: 'track',
            messageId: 'anon-v',
            anonymousId: 'visitor-1',
            event: 'Product Viewed',
            properties: { product_id: 'p5' },
          },
        ])
      ).statusCode,
    ).toBe(200);
    const v = (await get('/api/visitors/visitor-1/recommendations?n=3')).json();
    expect(v.strategy).toBe('recent-activity');
    expect(ids(v)).not.toContain('p5');
    expect(v.items[0].reason).toBe('because you viewed Robot Kit');

    const fresh = (await get('/api/users/never-seen/recommendations?n=3')).json();
    expect(fresh.strategy).toBe('popular');
    expect(fresh.items).toHaveLength(3);
    for (const i of fresh.items) expect(i.reason).toBe('popular right now');
    const anon = (await get('/api/visitors/nobody/recommendations?n=2')).json();
    expect(anon.strategy).toBe('popular');
  });

  it('similar items: co-occurrence, content for a new item, 404 for an unknown one', async () => {
    const res = await get('/api/items/p1/similar?n=3');
    expect(res.statusCode).toBe(200);
    expect(res.json().strategy).toBe('co-occurrence');
    expect(ids(res.json())).not.toContain('p1');
    expect(res.json().items[0].reason).toBe('often chosen together with Red Notebook');
    // p7 has no interactions: content similarity (TF-IDF) finds its namesake.
    const p7 = (await get('/api/items/p7/similar?n=2')).json();
    expect(p7.strategy).toBe('content');
    expect(p7.items[0].itemId).toBe('p2');
    const missing = await get('/api/items/nope/similar');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatch(/item 'nope'/);
  });

  it('bad parameters are 400 naming the parameter', async () => {
    for (const [q, word] of [
      ['n=0', 'n'],
      ['n=abc', 'n'],
      ['strategy=bogus', 'strategy'],
      ['minPrice=abc', 'minPrice'],
      ['minPrice=30&maxPrice=10', 'minPrice'],
      ['diversity=0', 'diversity'],
    ]) {
      const res = await get(`/api/users/u1/recommendations?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(JSON.stringify(res.json()), q).toContain(word);
    }
    expect((await get('/api/items/p1/similar?n=0')).statusCode).toBe(400);
  });
});
