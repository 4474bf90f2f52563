import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type Driver, postgresUnavailable, testServer } from './test-support.js';

const pgSkip = await postgresUnavailable();
if (pgSkip) console.warn(`skipping PostgreSQL Segment-client test: ${pgSkip}`);
const drivers: Driver[] = pgSkip ? ['sqlite'] : ['sqlite', 'postgres'];

/**
 * The stock @segment/analytics-node client, unchanged except for `host`, talks to a real Osprey server on
 * a random port; the events are then read back through the API.
 */
describe.each(drivers)('stock Segment client → Osprey on %s', (driver) => {
  let t: Awaited<ReturnType<typeof testServer>>;
  let base: string;
  beforeAll(async () => {
    t = await testServer(driver);
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = address;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends identify, track, page and alias through /v1/batch and reads them back', async () => {
    const errors: unknown[] = [];
    const analytics = new Analytics({
      writeKey: t.writeKey,
      host: base,
      path: '/v1/batch',
      flushAt: 3,
      maxRetries: 0,
    });
    analytics.on('error', (e) => errors.push(e));
    analytics.identify({ anonymousId: 'anon-1', traits: { plan: 'free' } });
    analytics.track({
      anonymousId: 'anon-1',
      event: 'Product Viewed',
      properties: { product_id: 'sku-1', price: 12 },
    });
    analytics.identify({ userId: 'carol', anonymousId: 'anon-1', traits: { email: 'carol@example.com' } });
    analytics.track({
      userId: 'carol',
      event: 'Order Completed',
      properties: {
        order_id: 'o-1',
        revenue: '24.00',
        products: [{ product_id: 'sku-1', price: 12, quantity: 2 }],
      },
    });
    analytics.page({ userId: 'carol', name: 'Home' });
    analytics.alias({ userId: 'carol', previousId: 'anon-2' });
    await analytics.closeAndFlush({ timeout: 20_000 });
    expect(errors).toEqual([]);

    // biome-ignore lint/suspicious/noExplicitAny: JSON read back from the API
    const get = async (path: string): Promise<any> => {
      const r = await fetch(`${base}${path}`, { headers: { authorization: bearer(t.adminKey) } });
      expect(r.status, path).toBe(200);
      return r.json();
    };
    const user = await get('/api/users/carol');
    expect(user.pii.email).toBe('carol@example.com');
    // identify with a userId after an anonymousId merged the anonymous history into carol's profile.
    expect(user.anonymousIds).toContain('anon-1');
    const events = await get('/api/events?userId=carol&order=asc&limit=100');
    const names = events.events.map(
      (e: { type: string; name: string | null }) => `${e.type}:${e.name ?? ''}`,
    );
    expect(names).toContain('track:Product Viewed');
    expect(names).toContain('track:Order Completed');
    expect(names).toContain('page:Home');
    const order = events.events.find((e: { name: string | null }) => e.name === 'Order Completed');
    expect(order.properties.revenue).toBe(24);
    expect(order.properties.products[0].product_id).toBe('sku-1');
  });
});
