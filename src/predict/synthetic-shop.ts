import type { EventRecord } from '../core/types.js';
import { Rng } from '../ml/random.js';
import type { Store } from '../store/store.js';

const DAY = 86_400_000;
export const SYNTHETIC_T0 = Date.UTC(2025, 0, 1);

/**
 * A small, seeded shop for tests: `users` customers buy as Poisson processes with their own rate (one
 * order every 10–60 days) until they churn (a random day, or never), so churn and next-period purchases
 * are learnable from recency and frequency. Events are written straight into the store.
 */
export async function fillSyntheticShop(
  store: Store,
  o: { users: number; days: number; seed: number },
): Promise<number[]> {
  const rng = new Rng(o.seed);
  const profileIds: number[] = [];
  let events: (EventRecord & { profileId: number })[] = [];
  for (let u = 0; u < o.users; u++) {
    const p = await store.users.create({ userId: `c${u}` }, SYNTHETIC_T0);
    profileIds.push(p.profileId);
    const gap = 10 + 50 * rng.next();
    const start = rng.next() * o.days * 0.5;
    const churnDay = rng.next() < 0.5 ? start + rng.next() * o.days : Number.POSITIVE_INFINITY;
    let t = start;
    let k = 0;
    while (t < Math.min(o.days, churnDay)) {
      const at = SYNTHETIC_T0 + Math.floor(t * DAY);
      const revenue = Math.round(20 + 80 * rng.next());
      events.push({
        messageId: `o${u}-${k++}`,
        source: 'synthetic',
        type: 'track',
        name: 'Order Completed',
        userId: `c${u}`,
        anonymousId: null,
        properties: {
          revenue,
          products: [{ product_id: `i${u % 7}`, category: `cat${u % 3}`, price: revenue }],
        },
        context: {},
        timestamp: at,
        receivedAt: at,
        profileId: p.profileId,
      });
      t += -Math.log(1 - rng.next()) * gap;
    }
    if (events.length > 2000) {
      await store.events.insertMany(events);
      events = [];
    }
  }
  await store.events.insertMany(events);
  return profileIds;
}
