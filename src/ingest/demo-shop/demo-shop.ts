import { invalidInput } from '../../core/errors.js';
import { Rng } from '../../ml/random.js';
import { buildCalendar, DAY } from './calendar.js';
import { type DemoItem, generateCatalogue } from './catalogue.js';
import { type ShopWorld, simulateCustomer } from './customer-simulation.js';
import { streamSeed } from './ids.js';
import type { SegmentMessage } from './segment-message.js';

export type { DemoItem } from './catalogue.js';

export interface DemoShopOptions {
  /** Number of people who visit the shop (about 8% of them never sign up). */
  users: number;
  seed: number;
  /** End of the generated history; the ground truth covers the 90 days after it. */
  now: Date;
}

/** Hidden ground truth for one signed-up customer; never ingested, written to demo-truth.jsonl. */
export interface DemoTruth {
  userId: string;
  /** Dominant latent taste cluster (0..5); the customer is a mixture, this is the largest share. */
  tasteCluster: number;
  /** True when activity stops at or before now + 90 days (it may already have stopped before now). */
  churned: boolean;
  /** When activity stopped or will stop (ISO), null when the customer is still active at now + 90 days. */
  churnAt: string | null;
  /** Orders completed in [now, now + 90 days). */
  purchasesNext90d: number;
  /** Their revenue (after discounts, before shipping and tax), in USD. */
  spendNext90d: number;
}

export interface DemoShop {
  items: DemoItem[];
  /**
   * Segment messages (identify, track, page) grouped by person and in timestamp order per person;
   * each has messageId, timestamp (ISO), userId and/or anonymousId, context; deterministic for a
   * given seed. A generator: memory stays constant however many users there are.
   */
  messages(): Iterable<SegmentMessage>;
  truth(): Iterable<DemoTruth>;
}

/** Largest supported population; person indices must fit the 32-bit id words (see ids.ts). */
const MAX_USERS = 10_000_000;
const HISTORY_DAYS = 365;
const HORIZON_DAYS = 90;
const STREAM_CATALOGUE = 101;
const STREAM_CALENDAR = 102;

function validate(o: DemoShopOptions): void {
  if (o === null || typeof o !== 'object') throw invalidInput('demo shop options must be an object');
  const issues = [];
  if (!Number.isInteger(o.users) || o.users < 1 || o.users > MAX_USERS)
    issues.push({
      path: 'users',
      message: `must be an integer from 1 to ${MAX_USERS}, got ${String(o.users)}`,
    });
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff)
    issues.push({ path: 'seed', message: `must be an integer from 0 to 4294967295, got ${String(o.seed)}` });
  if (!(o.now instanceof Date) || Number.isNaN(o.now.getTime()))
    issues.push({ path: 'now', message: `must be a valid Date, got ${String(o.now)}` });
  if (issues.length > 0)
    throw invalidInput(
      `invalid demo shop options: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
      issues,
    );
}

/**
 * A seeded synthetic shop: a bilingual catalogue and a year of Segment events from `users` people,
 * ending at `now`, plus the hidden ground truth. Pure: no I/O, no clock; everything derives from
 * the seed, and each person from their own random stream, so `messages()` and `truth()` can be
 * iterated any number of times, lazily, and always agree.
 */
export function generateDemoShop(o: DemoShopOptions): DemoShop {
  validate(o);
  const now = o.now.getTime();
  const windowStart = now - HISTORY_DAYS * DAY;
  const horizonEnd = now + HORIZON_DAYS * DAY;
  const catalogue = generateCatalogue(new Rng(streamSeed(o.seed, STREAM_CATALOGUE, 0)), windowStart, now);
  const calendar = buildCalendar(
    new Rng(streamSeed(o.seed, STREAM_CALENDAR, 0)),
    Math.floor(windowStart / DAY) * DAY - 2 * DAY,
    horizonEnd + 2 * DAY,
  );
  const world: ShopWorld = { seed: o.seed, now, windowStart, horizonEnd, catalogue, calendar };
  const users = o.users;
  return {
    items: catalogue.entries.map((e) => e.item),
    *messages() {
      for (let i = 0; i < users; i++) yield* simulateCustomer(world, i).messages;
    },
    *truth() {
      for (let i = 0; i < users; i++) {
        const t = simulateCustomer(world, i, false).truth;
        if (!t) continue;
        yield {
          userId: t.userId,
          tasteCluster: t.tasteCluster,
          churned: t.churnAt !== null,
          churnAt: t.churnAt === null ? null : new Date(t.churnAt).toISOString(),
          purchasesNext90d: t.purchasesNext90d,
          spendNext90d: t.spendNext90dCents / 100,
        };
      }
    },
  };
}
