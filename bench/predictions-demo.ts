/**
 * Demo-shop prediction quality (issue 4): load the seeded demo shop (2,000 people, seed 42, now
 * 2026-11-23T12:00Z) through the ingestion path into a fresh SQLite store, train churn, propensity and CLV
 * with time-based validation, then compare the served churn probabilities with the generator's hidden
 * ground truth (demo-truth.jsonl: activity stopped by now + 90 days) on customers with an order, next to
 * the AUC of recency (days since the last order) alone.
 * Run: npm run bench:predict-demo
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFeatureMatrix, columnIndex } from '../src/features/index.js';
import { deriveKeys } from '../src/governance/keys.js';
import { generateDemoShop } from '../src/ingest/demo-shop/index.js';
import { ingestMessages } from '../src/ingest/ingest-batch.js';
import { rocAuc } from '../src/ml/metrics/index.js';
import { trainModel } from '../src/predict/index.js';
import { openStore } from '../src/store/index.js';

const now = new Date('2026-11-23T12:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'osprey-bench-predict-'));
const store = await openStore(`sqlite:${join(dir, 'osprey.db')}`);
const keys = deriveKeys(Buffer.alloc(32, 7));
const shop = generateDemoShop({ users: 2000, seed: 42, now });
let batch: unknown[] = [];
for (const m of shop.messages()) {
  batch.push(m);
  if (batch.length === 500) {
    await ingestMessages(store, keys, batch, { source: 'demo', receivedAt: now.getTime() });
    batch = [];
  }
}
if (batch.length) await ingestMessages(store, keys, batch, { source: 'demo', receivedAt: now.getTime() });

for (const kind of ['churn', 'propensity', 'clv'] as const) {
  const t = Date.now();
  const r = await trainModel({ store, kind, now: now.getTime() });
  const { roc: _roc, calibration: _cal, ...metrics } = r.model.metrics as Record<string, unknown>;
  console.log(
    JSON.stringify({
      kind,
      algorithm: r.model.algorithm,
      metrics,
      training: r.model.training,
      scored: r.scored,
      seconds: (Date.now() - t) / 1000,
    }),
  );
}

const feats = await buildFeatureMatrix({ store, asOf: now.getTime() });
const rec = columnIndex(feats, 'recency_days');
const rowOf = new Map<number, number>();
feats.profileIds.forEach((p, i) => {
  rowOf.set(p, i);
});
const scores = new Map(
  (await store.scores.list({ kind: 'churn', limit: 1_000_000 })).map((s) => [s.profileId, s.value]),
);
const y: number[] = [];
const p: number[] = [];
const recency: number[] = [];
for (const t of shop.truth()) {
  const prof = await store.users.findByIdentity('userId', t.userId);
  const row = prof ? rowOf.get(prof.profileId) : undefined;
  if (!prof || row === undefined) continue;
  const r = feats.data[row * feats.cols + rec];
  const s = scores.get(prof.profileId);
  if (Number.isNaN(r) || s === undefined) continue;
  y.push(t.churned ? 1 : 0);
  p.push(s);
  recency.push(r);
}
console.log(
  JSON.stringify({
    churnVsTruth: {
      customers: y.length,
      churned: y.reduce((a, b) => a + b, 0),
      auc: rocAuc(y, p),
      recencyAuc: rocAuc(y, recency),
    },
  }),
);
await store.close();
rmSync(dir, { recursive: true, force: true });
