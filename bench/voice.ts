/**
 * Review scoring and the voice API's domain call on the demo shop's reviews (`npm run bench:voice`).
 * Ingests only the demo's `Product Reviewed` events (2,000 users, seed 42) into a fresh SQLite store in
 * batches of 100 (as an HTTP client would send them), runs each enqueued score-reviews job in order, and
 * times scoring, the lexicon → learned switch with its rescoring, and itemVoice on the most reviewed item.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveKeys } from '../src/governance/keys.js';
import { generateDemoShop } from '../src/ingest/demo-shop/demo-shop.js';
import { ingestMessages, PRODUCT_REVIEWED } from '../src/ingest/ingest-batch.js';
import { openStore } from '../src/store/open-store.js';
import { itemVoice, ReviewScorer } from '../src/text/reviews/index.js';

const dir = mkdtempSync(join(tmpdir(), 'osprey-bench-voice-'));
const store = await openStore(`sqlite:${join(dir, 'osprey.db')}`);
try {
  const now = new Date();
  const reviews = [...generateDemoShop({ users: 2000, seed: 42, now }).messages()].filter(
    (m) => m.type === 'track' && m.event === PRODUCT_REVIEWED,
  );
  const jobs: number[][] = [];
  const queue = {
    async enqueue(_name: string, payload: Record<string, unknown>) {
      jobs.push(payload.eventIds as number[]);
      return String(jobs.length);
    },
  };
  const keys = deriveKeys(Buffer.alloc(32, 1));
  for (let i = 0; i < reviews.length; i += 100) {
    await ingestMessages(store, keys, reviews.slice(i, i + 100), { source: 'bench', queue, limits: false });
  }
  const scorer = new ReviewScorer(store);
  const perJob: { scored: number; ms: number; model: string; retrained: boolean; rescored: number }[] = [];
  const started = performance.now();
  for (const ids of jobs) {
    const t = performance.now();
    const r = await scorer.scoreEvents(ids);
    perJob.push({
      scored: r.scored,
      ms: performance.now() - t,
      model: r.model,
      retrained: r.retrained,
      rescored: r.rescored,
    });
  }
  const total = (performance.now() - started) / 1000;
  const lexicon = perJob.filter((j) => j.model === 'lexicon');
  const plain = perJob.filter((j) => j.model === 'learned' && !j.retrained);
  const retrains = perJob.filter((j) => j.retrained);
  const rate = (js: typeof perJob) =>
    js.length ? js.reduce((s, j) => s + j.scored, 0) / (js.reduce((s, j) => s + j.ms, 0) / 1000) : null;
  const top = (await store.reviewScores.list({ limit: 10_000 })).reduce<Map<string, number>>(
    (m, r) => m.set(r.itemId, (m.get(r.itemId) ?? 0) + 1),
    new Map(),
  );
  const [itemId, itemReviews] = [...top.entries()].sort((a, b) => b[1] - a[1])[0];
  const voiceMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await itemVoice(store, scorer, itemId);
    voiceMs.push(performance.now() - t);
  }
  const status = await scorer.status();
  console.log(
    JSON.stringify({
      reviews: reviews.length,
      jobs: jobs.length,
      totalScoringSeconds: Number(total.toFixed(2)),
      lexiconReviewsPerSecond: rate(lexicon),
      learnedReviewsPerSecond: rate(plain),
      retrains: retrains.map((j) => ({ seconds: Number((j.ms / 1000).toFixed(2)), rescored: j.rescored })),
      shopModel: status,
      itemVoice: { itemId, reviews: itemReviews, medianMs: voiceMs.sort((a, b) => a - b)[2] },
    }),
  );
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
