import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, type MemoryQueue, testServer } from './test-support.js';

describe('segments API (sqlite)', () => {
  let t: Awaited<ReturnType<typeof testServer>>;
  beforeEach(async () => {
    t = await testServer('sqlite');
    const a = await t.store.users.create({ userId: 'u1' }, 1);
    await t.store.users.update(a.profileId, { traits: { country: 'CN' } }, 1);
    await t.store.users.create({ userId: 'u2' }, 1);
  });
  afterEach(async () => {
    await t.close();
  });

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) =>
    t.app.inject({
      method,
      url,
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      headers: {
        authorization: bearer(t.adminKey),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
    });

  it('creates, previews, lists, pages members, updates and deletes rule segments', async () => {
    const rule = { trait: 'country', op: 'eq', value: 'CN' };
    expect((await call('POST', '/api/segments/preview', { rule })).json()).toEqual({ count: 1 });
    const bad = await call('POST', '/api/segments/preview', {
      rule: { and: [rule, { trait: 'x', op: 'gtt', value: 1 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("rule.and[1].op: unknown operator 'gtt'");
    const unknownField = await call('POST', '/api/segments', { name: 'China', rule, colour: 'red' });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.body).toContain("colour: unknown field 'colour'");

    const created = await call('POST', '/api/segments', { name: 'China', nameZh: '中国客户', rule });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: 'china', kind: 'rule', size: 1, nameZh: '中国客户' });
    expect((await call('POST', '/api/segments', { name: 'China', rule })).statusCode).toBe(409);

    const list = (await call('GET', '/api/segments')).json();
    expect(list.segments.map((s: { id: string; size: number }) => [s.id, s.size])).toEqual([['china', 1]]);
    expect((await call('GET', '/api/segments?kind=bogus')).statusCode).toBe(400);
    const members = (await call('GET', '/api/segments/china/members?limit=10')).json();
    expect(members.members.map((m: { userId: string }) => m.userId)).toEqual(['u1']);
    expect(members.next).toBeNull();
    expect((await call('GET', '/api/segments/nope/members')).statusCode).toBe(404);

    const put = await call('PUT', '/api/segments/china', { name: 'Not China', rule: { not: rule } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ name: 'Not China', size: 1 });
    const profile = await call('GET', '/api/users/u2/profile');
    expect(profile.statusCode).toBe(200);
    expect(profile.json()).toMatchObject({
      userId: 'u2',
      segment: null,
      rfmSegment: null,
      tags: [],
      ruleSegments: [{ id: 'china', name: 'Not China' }],
      predictions: {},
    });
    expect((await call('DELETE', '/api/segments/china')).statusCode).toBe(204);
    expect((await call('DELETE', '/api/segments/china')).statusCode).toBe(404);
  });

  it('queues segment training as a job and validates its options', async () => {
    const r = await call('POST', '/api/segments/train', { k: 5 });
    expect(r.statusCode).toBe(202);
    const job = (t.queue as MemoryQueue).jobs.get(r.json().jobId);
    expect(job).toMatchObject({ name: 'train-segments', payload: { k: 5 } });
    const bad = await call('POST', '/api/segments/train', { k: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('k: must be a whole number from 2 to 50');
  });
});
