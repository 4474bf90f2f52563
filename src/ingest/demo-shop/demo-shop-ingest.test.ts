import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../core/types.js';
import { deriveKeys } from '../../governance/keys.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { ingestMessages } from '../ingest-batch.js';
import { parseSegmentRequest } from '../segment/parse-request.js';
import { generateDemoShop, type SegmentMessage } from './index.js';

/**
 * The demo shop must go through the same ingestion path as a customer's data: every message passes
 * the Segment HTTP API validation (with its size limits) and lands in a real SQLite store, with
 * anonymous histories merged into their users.
 */
const NOW = new Date('2026-11-23T12:00:00.000Z');
const keys = deriveKeys(Buffer.alloc(32, 7));

function batches(messages: SegmentMessage[], size: number): SegmentMessage[][] {
  const out: SegmentMessage[][] = [];
  for (let i = 0; i < messages.length; i += size) out.push(messages.slice(i, i + size));
  return out;
}

describe('demo shop through ingestion', () => {
  const shop = generateDemoShop({ users: 60, seed: 11, now: NOW });
  const messages = [...shop.messages()];
  let dir: string;
  let store: Store;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'osprey-demo-ingest-'));
    store = await openStore(`sqlite:${join(dir, 'osprey.db')}`);
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes Segment HTTP API validation, limits included, in batches of 100', () => {
    let cleaned = 0;
    for (const batch of batches(messages, 100)) {
      const parsed = parseSegmentRequest('batch', { batch }, { receivedAt: NOW.getTime() + 60_000 });
      expect(parsed.duplicates).toBe(0);
      cleaned += parsed.messages.length;
      for (const m of parsed.messages) {
        if (typeof m.traits.email === 'string') expect(m.traits.email).toMatch(/^user\d+@example\.com$/);
      }
    }
    expect(cleaned).toBe(messages.length);
  });

  it('stores every event once, one profile per person, and items in the store shape', async () => {
    let accepted = 0;
    for (const batch of batches(messages, 100)) {
      accepted += (await ingestMessages(store, keys, batch, { source: 'demo', receivedAt: NOW.getTime() }))
        .accepted;
    }
    expect(accepted).toBe(messages.length);
    expect(await store.events.count()).toBe(messages.length);
    expect(await store.rejections.list()).toEqual([]);

    // A person is one profile: their userId, or an anonymous device that never logged in.
    const users = new Set<string>();
    const linked = new Set<string>();
    const anonymous = new Set<string>();
    for (const m of messages) {
      if (m.userId) users.add(m.userId);
      if (m.userId && m.anonymousId) linked.add(m.anonymousId);
      if (m.anonymousId) anonymous.add(m.anonymousId);
    }
    const unlinked = [...anonymous].filter((a) => !linked.has(a)).length;
    expect(unlinked).toBeGreaterThan(0);
    expect(await store.users.count()).toBe(users.size + unlinked);

    // Loading again changes nothing: events are idempotent by messageId.
    const again = await ingestMessages(store, keys, messages.slice(0, 100), {
      source: 'demo',
      receivedAt: NOW.getTime(),
    });
    expect(again.accepted).toBe(0);

    // The store keeps one title and description; the loader (src/ingest/demo-loader.ts) carries the
    // Chinese texts in attributes.
    const items = shop.items.map((i) => ({
      ...i,
      attributes: { ...(i.attributes as JsonObject), title_zh: i.title_zh, description_zh: i.description_zh },
    }));
    await store.items.upsertMany(items, NOW.getTime());
    expect(await store.items.count()).toBe(shop.items.length);
    const first = await store.items.get(shop.items[0].id);
    expect(first?.attributes.title_zh).toBe(shop.items[0].title_zh);
    expect(first?.price).toBe(shop.items[0].price);
  });
});
