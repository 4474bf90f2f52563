import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type FieldIssue, OspreyError } from '../core/errors.js';
import type { ItemInput, JsonObject } from '../core/types.js';
import type { PiiKeys } from '../governance/keys.js';
import type { Store } from '../store/store.js';
import { generateDemoShop } from './demo-shop/demo-shop.js';
import { writeTruthJsonl } from './demo-shop/truth-writer.js';
import { type FollowUpQueue, ingestClean } from './ingest-batch.js';
import type { CleanMessage } from './segment/segment-message.js';
import { validateMessage } from './segment/validate-message.js';

export const DEMO_SOURCE = 'demo';
export const DEMO_TRUTH_FILE = 'demo-truth.jsonl';

export interface DemoLoadOptions {
  users?: number;
  seed?: number;
  /** End of the generated history (default: now), so recency is meaningful. */
  now?: Date;
  /** Where `demo-truth.jsonl` is written. */
  dataDir: string;
  /** Messages per store transaction (default 2,000). */
  batchSize?: number;
  onProgress?: (p: { messages: number; accepted: number }) => void;
  /** Follow-up jobs (scoring the shop's reviews) go here, batch by batch, as for HTTP ingestion. */
  queue?: FollowUpQueue;
}

export interface DemoLoadResult {
  items: number;
  messages: number;
  accepted: number;
  profiles: number;
  truthPath: string;
  seconds: number;
}

/**
 * Load the synthetic demo shop (`generateDemoShop`) into a store: items upserted, then every Segment message
 * through the same validation and ingest path as HTTP (source `demo`, so reloading is idempotent by
 * messageId), and the hidden ground truth written to `<dataDir>/demo-truth.jsonl` — never ingested.
 */
export async function loadDemoShop(store: Store, keys: PiiKeys, o: DemoLoadOptions): Promise<DemoLoadResult> {
  const started = performance.now();
  const now = o.now ?? new Date();
  const shop = generateDemoShop({ users: o.users ?? 2000, seed: o.seed ?? 42, now });
  const receivedAt = now.getTime();
  const batchSize = o.batchSize ?? 2000;

  const items: ItemInput[] = shop.items.map((i) => ({
    id: i.id,
    title: i.title,
    description: i.description,
    category: i.category,
    price: i.price,
    tags: i.tags,
    active: i.active,
    attributes: { ...(i.attributes as JsonObject), title_zh: i.title_zh, description_zh: i.description_zh },
  }));

  let messages = 0;
  let accepted = 0;
  let batch: CleanMessage[] = [];
  let first = true;
  const flush = async () => {
    // Items go in with the first batch so the catalogue and its events appear together.
    const r = await ingestClean(store, keys, batch, {
      source: DEMO_SOURCE,
      receivedAt,
      items: first ? items : undefined,
      queue: o.queue,
    });
    first = false;
    accepted += r.accepted;
    batch = [];
    o.onProgress?.({ messages, accepted });
  };

  for (const raw of shop.messages()) {
    const issues: FieldIssue[] = [];
    const m = validateMessage(raw, { path: `demo message ${messages}`, receivedAt }, issues);
    messages++;
    if (!m) {
      // The generator is ours: an invalid message is a bug, not bad user input.
      throw new OspreyError(
        'INTERNAL',
        `demo shop generated an invalid message: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      );
    }
    batch.push(m);
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length || first) await flush();

  mkdirSync(o.dataDir, { recursive: true });
  const truthPath = join(o.dataDir, DEMO_TRUTH_FILE);
  await writeTruthJsonl(shop, truthPath);
  return {
    items: items.length,
    messages,
    accepted,
    profiles: await store.users.count(),
    truthPath,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}
