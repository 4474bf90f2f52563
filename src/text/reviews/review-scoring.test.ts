import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deriveKeys } from '../../governance/keys.js';
import { ingestMessages, SCORE_REVIEWS_JOB } from '../../ingest/ingest-batch.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { postgresTestUrl, randomSchema, serviceUnavailable } from '../../store/test-services.js';
import { ReviewScorer } from './review-scoring.js';
import { itemVoice, profileReviewSummary } from './review-voice.js';

// Test-only imports of src/store and src/ingest: the module itself sees the store only through its
// ReviewRepository port; these tests prove the real Store satisfies it on both drivers.
const dir = mkdtempSync(join(tmpdir(), 'osprey-reviews-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const keys = deriveKeys(Buffer.alloc(32, 7));
const pgUrl = postgresTestUrl();
const pgDown = await serviceUnavailable('PostgreSQL', pgUrl);
let n = 0;
const drivers: { name: string; skip: boolean; open(): Promise<Store> }[] = [
  { name: 'sqlite', skip: false, open: () => openStore(`sqlite:${join(dir, `r${n++}`, 'osprey.db')}`) },
  {
    name: 'postgres',
    skip: pgDown,
    open: () => openStore(pgUrl, { schema: randomSchema(), dropSchemaOnClose: true }),
  },
];

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 2); // a Monday

function review(i: number, userId: string, productId: string, body: string, rating?: number, at = T0) {
  return {
    type: 'track',
    messageId: `rev-${i}`,
    userId,
    event: 'Product Reviewed',
    timestamp: new Date(at).toISOString(),
    properties: { product_id: productId, review_body: body, ...(rating === undefined ? {} : { rating }) },
  };
}

/** Captures what ingest enqueues and runs it like the worker would. */
function capturingQueue() {
  const jobs: { name: string; payload: Record<string, unknown> }[] = [];
  return {
    jobs,
    async enqueue(name: string, payload: Record<string, unknown>) {
      jobs.push({ name, payload });
      return `job-${jobs.length}`;
    },
  };
}

for (const d of drivers) {
  describe.skipIf(d.skip)(`review scoring on ${d.name}`, () => {
    it('enqueues score-reviews after the batch is stored; the job stores sentiment and aspects in both languages', async () => {
      const store = await d.open();
      try {
        const queue = capturingQueue();
        await ingestMessages(
          store,
          keys,
          [
            review(1, 'u1', 'sku-1', '味道不错，但是送餐太慢了', 2),
            review(2, 'u2', 'sku-1', 'Great quality, but delivery was slow.', 4, T0 + 8 * DAY),
            {
              type: 'track',
              messageId: 'v1',
              userId: 'u1',
              event: 'Product Viewed',
              properties: { product_id: 'sku-1' },
            },
          ],
          { source: 'test', queue },
        );
        expect(queue.jobs.map((j) => j.name)).toEqual([SCORE_REVIEWS_JOB]);
        const ids = queue.jobs[0].payload.eventIds as number[];
        expect(ids).toHaveLength(2);
        // Nothing is scored until the job runs.
        expect(await store.reviewScores.count()).toBe(0);
        const scorer = new ReviewScorer(store);
        const r = await scorer.scoreEvents(ids);
        expect(r).toMatchObject({
          scored: 2,
          skipped: 0,
          model: 'lexicon',
          modelVersion: null,
          retrained: false,
        });
        const rows = await store.reviewScores.forItem('sku-1');
        expect(rows.map((x) => [x.lang, x.polarity, x.model, x.rating])).toEqual([
          ['zh', 'negative', 'lexicon', 2],
          ['en', 'positive', 'lexicon', 4],
        ]);
        const aspects = rows.map((x) =>
          (x.aspects as { aspect: string; polarity: string; clause: string }[]).map(
            (a) => `${a.aspect}: ${a.polarity} — ${a.clause}`,
          ),
        );
        expect(aspects[0]).toEqual(['taste: positive — 味道不错', 'delivery: negative — 但是送餐太慢了']);
        expect(aspects[1]).toEqual([
          'quality: positive — Great quality',
          'delivery: negative — but delivery was slow',
        ]);

        const voice = await itemVoice(store, scorer, 'sku-1');
        expect(voice.reviews).toBe(2);
        expect(voice.model).toBe('lexicon');
        expect(voice.shopModel).toMatchObject({ inUse: 'lexicon', version: null, ratedReviews: 2 });
        expect(voice.trend.map((t) => [t.period, t.reviews])).toEqual([
          ['2026-11-02', 1],
          ['2026-11-09', 1],
        ]);
        const delivery = voice.aspects.find((a) => a.aspect === 'delivery')!;
        expect(delivery).toMatchObject({
          mentions: 2,
          negative: 2,
          shares: { negative: 1, positive: 0, neutral: 0 },
        });
        expect(delivery.examples.map((e) => e.clause)).toContain('但是送餐太慢了');
        expect(voice.keywords.map((k) => [k.lang, k.reviews])).toEqual([
          ['en', 1],
          ['zh', 1],
        ]);
        expect(voice.representative.negative[0].text).toBe('味道不错，但是送餐太慢了');

        const u1 = await store.users.findByIdentity('userId', 'u1');
        const profile = await profileReviewSummary(store, u1!.profileId);
        expect(profile).toMatchObject({ reviews: 1, negative: 1, meanRating: 2 });
        expect(profile.aspects.map((a) => a.aspect)).toEqual(['delivery', 'taste']);
      } finally {
        await store.close();
      }
    });

    it('switches the shop model from lexicon to learned once enough rated reviews exist, and rescoring follows', async () => {
      const store = await d.open();
      try {
        const queue = capturingQueue();
        const good = [
          'Great quality, love it',
          'Excellent value, works perfectly',
          '质量很好，非常满意',
          'Fast delivery and great price',
        ];
        const bad = [
          'Terrible, broke after a day',
          'Awful quality, waste of money',
          '质量太差了，很失望',
          'Slow delivery and poor packaging',
        ];
        const msgs = [];
        for (let i = 0; i < 40; i++) {
          const positive = i % 2 === 0;
          const texts = positive ? good : bad;
          msgs.push(
            review(
              100 + i,
              `u${i % 7}`,
              `sku-${i % 3}`,
              `${texts[i % 4]} #${i}`,
              positive ? 5 : 1,
              T0 - i * DAY,
            ),
          );
        }
        const scorer = new ReviewScorer(store, { shop: { minLabels: 30, minPerClass: 10 } });
        // First 20: below the threshold, the lexicon scores.
        await ingestMessages(store, keys, msgs.slice(0, 20), { source: 'test', queue });
        const first = await scorer.scoreEvents(queue.jobs[0].payload.eventIds as number[]);
        expect(first).toMatchObject({ scored: 20, model: 'lexicon', retrained: false });
        expect((await scorer.status()).inUse).toBe('lexicon');
        await ingestMessages(store, keys, msgs.slice(20), { source: 'test', queue });
        const second = await scorer.scoreEvents(queue.jobs[1].payload.eventIds as number[]);
        expect(second).toMatchObject({
          scored: 20,
          model: 'learned',
          modelVersion: 1,
          retrained: true,
          rescored: 40,
        });
        const status = await scorer.status();
        expect(status).toMatchObject({
          inUse: 'learned',
          version: 1,
          ratedReviews: 40,
          trainedOn: { positive: 20, negative: 20 },
          switchAt: { minLabels: 30, minPerClass: 10 },
        });
        const all = await store.reviewScores.list({ limit: 100 });
        expect(all.every((r) => r.model === 'learned' && r.modelVersion === 1)).toBe(true);
        // The learned model separates its own training reviews.
        expect(all.every((r) => (r.rating === 5) === r.probability > 0.5)).toBe(true);
        // A fresh scorer (another worker) loads the active version from the registry.
        expect((await new ReviewScorer(store).status()).inUse).toBe('learned');
      } finally {
        await store.close();
      }
    });

    it('skips events that are not scorable reviews and ignores out-of-range ratings', async () => {
      const store = await d.open();
      try {
        const queue = capturingQueue();
        await ingestMessages(
          store,
          keys,
          [
            review(1, 'u1', 'sku-1', 'good', 9),
            { ...review(2, 'u1', 'sku-1', ''), properties: { product_id: 'sku-1' } },
          ],
          { source: 'test', queue },
        );
        const r = await new ReviewScorer(store).scoreEvents([
          ...(queue.jobs[0].payload.eventIds as number[]),
          12345,
        ]);
        expect(r).toMatchObject({ scored: 1, skipped: 2 });
        expect((await store.reviewScores.forItem('sku-1'))[0].rating).toBeNull();
      } finally {
        await store.close();
      }
    });
  });
}
