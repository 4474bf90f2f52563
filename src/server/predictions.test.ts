import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillSyntheticShop, SYNTHETIC_T0 } from '../predict/synthetic-shop.js';
import { trainModel } from '../predict/train.js';
import { bearer, MemoryQueue, testServer } from './test-support.js';

const DAY = 86_400_000;

describe('prediction routes', () => {
  let t: Awaited<ReturnType<typeof testServer>>;
  const queue = new MemoryQueue();
  beforeAll(async () => {
    t = await testServer('sqlite', { queue });
    await fillSyntheticShop(t.store, { users: 300, days: 360, seed: 3 });
    await trainModel({ store: t.store, kind: 'churn', now: SYNTHETIC_T0 + 360 * DAY, horizonDays: 60 });
  });
  afterAll(async () => {
    await t.close();
  });
  const get = (url: string) =>
    t.app.inject({ method: 'GET', url, headers: { authorization: bearer(t.adminKey) } });

  it('GET /api/users/:id/profile returns predictions with reasons, 404 for an unknown user', async () => {
    const res = await get('/api/users/c1/profile');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.userId).toBe('c1');
    expect(body.predictions.churn).toMatchObject({ modelVersion: 1, algorithm: 'gbdt', horizonDays: 60 });
    expect(body.predictions.churn.value).toBeGreaterThanOrEqual(0);
    expect(body.predictions.churn.reasons[0].text).toMatch(/: [+-]\d+\.\d\d$/);
    expect((await get('/api/users/nobody/profile')).statusCode).toBe(404);
    const anon = await t.app.inject({ method: 'GET', url: '/api/users/c1/profile' });
    expect(anon.statusCode).toBe(401);
  });

  it('POST /api/models/:kind/train queues a job; bad kinds and fields are 400s naming them', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/models/propensity/train',
      headers: { authorization: bearer(t.adminKey), 'content-type': 'application/json' },
      payload: { horizonDays: 30, algorithm: 'logistic' },
    });
    expect(res.statusCode).toBe(202);
    const job = [...queue.jobs.values()].at(-1);
    expect(job).toMatchObject({
      name: 'train-model',
      payload: { kind: 'propensity', horizonDays: 30, algorithm: 'logistic' },
    });
    expect((await get(`/api/models/jobs/${res.json().id}`)).json().status).toBe('queued');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/models/ltv/train',
      headers: { authorization: bearer(t.adminKey), 'content-type': 'application/json' },
      payload: {},
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatch(/unknown model kind 'ltv'/);
    const badAlgo = await t.app.inject({
      method: 'POST',
      url: '/api/models/churn/train',
      headers: { authorization: bearer(t.adminKey), 'content-type': 'application/json' },
      payload: { algorithm: 'forest' },
    });
    expect(badAlgo.statusCode).toBe(400);
    expect(badAlgo.json().error).toMatch(/algorithm/);
  });

  it('GET /api/models lists versions with metrics and the active flag', async () => {
    const res = await get('/api/models');
    expect(res.statusCode).toBe(200);
    const [m] = res.json().models;
    expect(m).toMatchObject({ kind: 'churn', version: 1, active: true });
    expect(m.metrics.auc).toBeGreaterThan(0.5);
    expect(m.artifact).toBeUndefined();
  });
});
