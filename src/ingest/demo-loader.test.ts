import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveKeys } from '../governance/keys.js';
import { loadDemoShop } from './demo-loader.js';
import { generateDemoShop } from './demo-shop/demo-shop.js';
import { PRODUCT_REVIEWED, SCORE_REVIEWS_JOB } from './ingest-batch.js';
import { TEST_STORES, type TestStore } from './test-support/test-stores.js';

const keys = deriveKeys(Buffer.alloc(32, 4));
const now = new Date('2026-01-15T12:00:00Z');

for (const kind of TEST_STORES.filter((k) => k.name === 'sqlite')) {
  describe(`loadDemoShop on ${kind.name}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await kind.open();
    });
    afterEach(async () => {
      await t.close();
    });

    it('stores every generated message once, the catalogue, and the truth file; reloading is idempotent', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'osprey-demo-'));
      const shop = generateDemoShop({ users: 40, seed: 7, now });
      const expected = [...shop.messages()];
      const progress: number[] = [];
      const r = await loadDemoShop(t.store, keys, {
        users: 40,
        seed: 7,
        now,
        dataDir,
        batchSize: 500,
        onProgress: (p) => progress.push(p.messages),
      });
      expect(r.messages).toBe(expected.length);
      expect(r.accepted).toBe(expected.length);
      expect(await t.store.events.count()).toBe(expected.length);
      expect(await t.store.items.count()).toBe(shop.items.length);
      expect(progress.at(-1)).toBe(expected.length);
      const item = await t.store.items.get(shop.items[0].id);
      expect(item?.attributes.title_zh).toBe(shop.items[0].title_zh);
      const signedUp = new Set(expected.filter((m) => m.userId).map((m) => m.userId));
      const truth = readFileSync(r.truthPath, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(truth.length).toBe([...shop.truth()].length);
      for (const x of truth) expect(signedUp.has(x.userId)).toBe(true);
      // Each signed-up customer is one profile (anonymous browsing merged on identify).
      for (const u of [...signedUp].slice(0, 5))
        expect(await t.store.users.findByIdentity('userId', u as string)).toBeDefined();

      // Demo identities carry email, phone, first_name/last_name, address: none of it in plaintext at rest.
      const raw = JSON.stringify(await t.dump());
      const pii = expected
        .filter((m) => m.type === 'identify')
        .flatMap((m) => ['email', 'phone', 'name'].map((k) => m.traits?.[k]))
        .filter((v): v is string => typeof v === 'string');
      expect(pii.length).toBeGreaterThan(20);
      expect(pii.filter((v) => raw.includes(v))).toEqual([]);
      // snake_case spellings are PII too: no plaintext first_name / last_name trait survives.
      expect(raw).not.toMatch(/first_name|last_name/);

      const again = await loadDemoShop(t.store, keys, { users: 40, seed: 7, now, dataDir });
      expect(again.accepted).toBe(0);
      expect(await t.store.events.count()).toBe(expected.length);
    });

    it('enqueues score-reviews for the demo reviews, English and Chinese, batch by batch', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'osprey-demo-'));
      const jobs: { name: string; payload: Record<string, unknown> }[] = [];
      const queue = {
        async enqueue(name: string, payload: Record<string, unknown>) {
          jobs.push({ name, payload });
          return String(jobs.length);
        },
      };
      await loadDemoShop(t.store, keys, { users: 40, seed: 7, now, dataDir, batchSize: 500, queue });
      const reviews = [...generateDemoShop({ users: 40, seed: 7, now }).messages()].filter(
        (m) => m.type === 'track' && m.event === PRODUCT_REVIEWED,
      );
      expect(reviews.length).toBeGreaterThan(3);
      expect(reviews.some((m) => /[\u4e00-\u9fff]/.test(String(m.properties?.review_body)))).toBe(true);
      expect(new Set(jobs.map((j) => j.name))).toEqual(new Set([SCORE_REVIEWS_JOB]));
      const ids = jobs.flatMap((j) => j.payload.eventIds as number[]);
      expect(ids).toHaveLength(reviews.length);
      const events = await t.store.events.getMany(ids);
      expect(events.every((e) => e.name === PRODUCT_REVIEWED)).toBe(true);
    });
  });
}
