import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerJobHandlers } from '../cli/runtime.js';
import { StoreJobQueue } from '../jobs/store-job-queue.js';
import { basic, bearer, type Driver, postgresUnavailable, testServer } from './test-support.js';

type T = Awaited<ReturnType<typeof testServer>>;

const pgSkip = await postgresUnavailable();
if (pgSkip) console.warn(`skipping PostgreSQL voice tests: ${pgSkip}`);
const drivers: Driver[] = pgSkip ? ['sqlite'] : ['sqlite', 'postgres'];

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 9, 5); // a Monday

const reviewed = (
  id: string,
  userId: string,
  productId: string,
  body: string,
  rating: number,
  at: number,
) => ({
  type: 'track',
  messageId: id,
  userId,
  event: 'Product Reviewed',
  properties: { product_id: productId, review_body: body, rating },
  timestamp: new Date(at).toISOString(),
});

describe.each(drivers)('voice of the customer API on %s', (driver) => {
  let t: T;
  let queue: StoreJobQueue;
  beforeAll(async () => {
    // The real worker: the store-backed queue with Osprey's handlers, as `npm start` runs it.
    t = await testServer(driver, {
      queue: async (deps) => {
        queue = new StoreJobQueue(deps.store, { pollMs: 20 });
        registerJobHandlers(queue, deps);
        await queue.start();
        return queue;
      },
    });
  });
  afterAll(async () => {
    await queue?.close();
    await t?.close();
  });

  const post = (url: string, payload: unknown) =>
    t.app.inject({
      method: 'POST',
      url,
      payload: JSON.stringify(payload),
      headers: { 'content-type': 'application/json', authorization: basic(t.writeKey) },
    });
  const get = (url: string) =>
    t.app.inject({ method: 'GET', url, headers: { authorization: bearer(t.adminKey) } });

  /** Until every queued job has finished (the worker polls every 20 ms). */
  async function jobsDone(): Promise<void> {
    for (let i = 0; i < 1500; i++) {
      const jobs = await t.store.jobs.list({ limit: 1000 });
      const failed = jobs.filter((j) => j.status === 'failed');
      if (failed.length) throw new Error(`job failed: ${failed[0].error}`);
      if (jobs.every((j) => j.status === 'succeeded')) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('jobs did not finish within 30 s');
  }

  it('scores a Product Reviewed event posted to /v1/track and shows it in the item voice in both languages', async () => {
    expect(
      (await post('/v1/track', reviewed('r1', 'alice', 'sku-voice', '味道不错，但是送餐太慢了', 2, T0)))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await post(
          '/v1/track',
          reviewed('r2', 'bob', 'sku-voice', 'Great quality, but delivery was slow.', 4, T0 + 7 * DAY),
        )
      ).statusCode,
    ).toBe(200);
    await jobsDone();
    const jobs = await t.store.jobs.list({ limit: 10 });
    expect(jobs.map((j) => j.name)).toEqual(['score-reviews', 'score-reviews']);

    const res = await get('/api/items/sku-voice/voice');
    expect(res.statusCode).toBe(200);
    const v = res.json();
    expect(v).toMatchObject({ itemId: 'sku-voice', title: null, reviews: 2, model: 'lexicon' });
    expect(v.shopModel).toEqual({
      inUse: 'lexicon',
      version: null,
      ratedReviews: 2,
      trainedOn: null,
      switchAt: { minLabels: 200, minPerClass: 50 },
    });
    expect(v.trend.map((p: { period: string; reviews: number }) => [p.period, p.reviews])).toEqual([
      ['2026-10-05', 1],
      ['2026-10-12', 1],
    ]);
    const delivery = v.aspects.find((a: { aspect: string }) => a.aspect === 'delivery');
    expect(delivery).toMatchObject({ mentions: 2, negative: 2, shares: { negative: 1 } });
    const lines = v.aspects.flatMap(
      (a: { aspect: string; examples: { polarity: string; clause: string }[] }) =>
        a.examples.map((e) => `${a.aspect}: ${e.polarity} — ${e.clause}`),
    );
    expect(lines).toContain('delivery: negative — 但是送餐太慢了');
    expect(lines).toContain('delivery: negative — but delivery was slow');
    expect(lines).toContain('taste: positive — 味道不错');
    expect(v.keywords.map((k: { lang: string }) => k.lang)).toEqual(['en', 'zh']);
    expect(v.representative.negative[0].text).toBe('味道不错，但是送餐太慢了');
    expect(v.representative.positive[0].text).toBe('Great quality, but delivery was slow.');

    const alice = await get('/api/users/alice');
    expect(alice.statusCode).toBe(200);
    expect(alice.json().reviews).toMatchObject({
      reviews: 1,
      negative: 1,
      meanRating: 2,
      recent: [
        { itemId: 'sku-voice', text: '味道不错，但是送餐太慢了', polarity: 'negative', model: 'lexicon' },
      ],
    });
    const profile = await get('/api/users/alice/profile');
    expect(profile.statusCode).toBe(200);
    expect(profile.json().reviews).toEqual(alice.json().reviews);
  });

  it('404 for an item neither in the catalogue nor reviewed; 400 for a bad bucket', async () => {
    const res = await get('/api/items/no-such-item/voice');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toContain("item 'no-such-item' does not exist");
    expect((await get('/api/items/sku-voice/voice?bucket=year')).statusCode).toBe(400);
  });

  it('reports the switch from lexicon to learned once 200 rated reviews with 50 of each class exist', async () => {
    const good = [
      'Love it, great quality',
      'Excellent value for money',
      '质量很好，非常满意',
      'Works perfectly, fast shipping',
    ];
    const bad = [
      'Broke after one day, terrible',
      'Awful quality, waste of money',
      '质量太差了，很失望',
      'Arrived damaged, very poor',
    ];
    const batch = [];
    for (let i = 0; i < 200; i++) {
      const positive = i % 2 === 0;
      batch.push(
        reviewed(
          `s${i}`,
          `shopper-${i % 20}`,
          `sku-${i % 5}`,
          `${(positive ? good : bad)[i % 4]} (${i})`,
          positive ? 5 : 1,
          T0 + (i % 30) * DAY,
        ),
      );
    }
    // Before: 2 rated reviews, the lexicon.
    expect((await get('/api/items/sku-1/voice')).statusCode).toBe(404);
    expect((await post('/v1/batch', { batch: batch.slice(0, 100) })).statusCode).toBe(200);
    await jobsDone();
    expect((await get('/api/items/sku-1/voice')).json().shopModel.inUse).toBe('lexicon');
    expect((await post('/v1/batch', { batch: batch.slice(100) })).statusCode).toBe(200);
    await jobsDone();
    const v = (await get('/api/items/sku-1/voice')).json();
    expect(v.shopModel).toMatchObject({ inUse: 'learned', version: 1, ratedReviews: 202 });
    expect(v.shopModel.trainedOn.positive + v.shopModel.trainedOn.negative).toBe(202);
    // Every review was rescored by the learned model, including the two from the first test.
    expect(v.model).toBe('learned');
    expect((await get('/api/items/sku-voice/voice')).json().model).toBe('learned');
    const models = await t.store.models.list({ kind: 'text.shop-sentiment' });
    expect(models.map((m) => [m.version, m.active])).toEqual([[1, true]]);
  });
  it('exports the review scores with the user (GDPR access) and erases them with the user', async () => {
    const x = await get('/api/users/alice/export');
    expect(x.statusCode).toBe(200);
    expect(x.json().reviewScores).toMatchObject([
      { itemId: 'sku-voice', text: '味道不错，但是送餐太慢了', rating: 2 },
    ]);
    const del = await t.app.inject({
      method: 'DELETE',
      url: '/api/users/alice',
      headers: { authorization: bearer(t.adminKey) },
    });
    expect(del.statusCode).toBe(200);
    const v = (await get('/api/items/sku-voice/voice')).json();
    expect(v.reviews).toBe(1);
    expect(JSON.stringify(v)).not.toContain('送餐太慢了');
  });
});
