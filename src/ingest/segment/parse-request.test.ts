import { describe, expect, it } from 'vitest';
import { OspreyError } from '../../core/errors.js';
import { parseSegmentRequest } from './parse-request.js';

const receivedAt = Date.parse('2024-05-01T12:00:00Z');

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(OspreyError);
    expect((e as OspreyError).code).toBe('INVALID_INPUT');
    return (e as OspreyError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected an error');
}

describe('parseSegmentRequest', () => {
  it('accepts a track call and generates a messageId when absent', () => {
    const r = parseSegmentRequest(
      'track',
      {
        userId: 'u1',
        event: 'Product Viewed',
        properties: { price: '12.50' },
        timestamp: '2024-05-01T10:00:00Z',
      },
      { receivedAt },
    );
    expect(r.messages).toHaveLength(1);
    const m = r.messages[0];
    expect(m).toMatchObject({ type: 'track', name: 'Product Viewed', userId: 'u1', anonymousId: null });
    expect(m.properties.price).toBe(12.5);
    expect(m.timestamp).toBe(Date.parse('2024-05-01T10:00:00Z'));
    expect(m.messageId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names every bad field path of a batch in one error', () => {
    const batch = [
      { type: 'track', userId: 'u1', event: 'A' },
      { type: 'track', event: 'B' },
      { type: 'identify', userId: 'u2', traits: { email: 'nope' } },
      { type: 'track', userId: 'u3', event: 'C', timestamp: 'yesterday-ish' },
      { type: 'alias', userId: 'u4' },
      { type: 'shout', userId: 'u5' },
      {
        type: 'track',
        userId: 'u6',
        properties: { revenue: 'ten', products: [{ price: '1', quantity: 'x' }] },
      },
      { type: 'track', userId: 'u7', event: 'D', timestamp: '2024-05-03T12:00:00Z' },
      { type: 'group', userId: 'u8' },
      'not even an object',
    ];
    expect(issuesOf(() => parseSegmentRequest('batch', { batch }, { receivedAt }))).toEqual([
      'batch[1].userId: userId or anonymousId is required',
      'batch[2].traits.email: not an email address',
      'batch[3].timestamp: not a date',
      'batch[4].previousId: missing (alias needs userId and previousId)',
      'batch[5].type: not one of track, identify, page, screen, group, alias',
      'batch[6].event: missing',
      'batch[6].properties.revenue: not a number',
      'batch[6].properties.products[0].quantity: not a number',
      'batch[7].timestamp: more than a day in the future',
      'batch[8].groupId: missing',
      'batch[9]: not an object',
    ]);
  });

  it('rejects a non-batch body and a missing batch array', () => {
    expect(issuesOf(() => parseSegmentRequest('batch', [], { receivedAt }))).toEqual(['body: not an object']);
    expect(issuesOf(() => parseSegmentRequest('batch', { batch: 3 }, { receivedAt }))).toEqual([
      'batch: not an array',
    ]);
    expect(issuesOf(() => parseSegmentRequest('track', { userId: 'u' }, { receivedAt }))).toEqual([
      'event: missing',
    ]);
  });

  it('enforces 32 KB per event and 500 KB per batch', () => {
    const big = { userId: 'u', event: 'E', properties: { blob: 'x'.repeat(33 * 1024) } };
    const tooBig = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as OspreyError).code;
      }
    };
    expect(tooBig(() => parseSegmentRequest('track', big, { receivedAt }))).toBe('PAYLOAD_TOO_LARGE');
    expect(
      tooBig(() => parseSegmentRequest('batch', { batch: [{ ...big, type: 'track' }] }, { receivedAt })),
    ).toBe('PAYLOAD_TOO_LARGE');
    const medium = { type: 'track', userId: 'u', event: 'E', properties: { blob: 'x'.repeat(20 * 1024) } };
    const batch = Array.from({ length: 30 }, (_, i) => ({ ...medium, messageId: `m${i}` }));
    expect(tooBig(() => parseSegmentRequest('batch', { batch }, { receivedAt }))).toBe('PAYLOAD_TOO_LARGE');
    expect(parseSegmentRequest('batch', { batch }, { receivedAt, limits: false }).messages).toHaveLength(30);
  });

  it('drops exact duplicates within a batch', () => {
    const a = { type: 'track', userId: 'u1', event: 'A' };
    const r = parseSegmentRequest('batch', { batch: [a, a, { ...a, event: 'B' }, a] }, { receivedAt });
    expect(r.messages.map((m) => m.name)).toEqual(['A', 'B']);
    expect(r.duplicates).toBe(2);
  });

  it('cleans emails and phones (E.164 where the country is known)', () => {
    const r = parseSegmentRequest(
      'batch',
      {
        batch: [
          {
            type: 'identify',
            userId: 'a',
            traits: { email: '  Ann@Example.COM ', phone: '020 7946 0958', country: 'GB' },
          },
          {
            type: 'identify',
            userId: 'b',
            traits: { phone: '(415) 555-2671' },
            context: { locale: 'en-US' },
          },
          { type: 'identify', userId: 'c', traits: { phone: '+44 20 7946 0958' } },
          { type: 'identify', userId: 'd', traits: { phone: '0123 456' } },
          { type: 'identify', userId: 'e', traits: { phone: '0161 496 0000', address: { country: 'gb' } } },
        ],
      },
      { receivedAt },
    );
    expect(r.messages.map((m) => [m.traits.email ?? null, m.traits.phone])).toEqual([
      ['ann@example.com', '+442079460958'],
      [null, '+14155552671'],
      [null, '+442079460958'],
      [null, '0123 456'],
      [null, '+441614960000'],
    ]);
    expect(
      issuesOf(() =>
        parseSegmentRequest(
          'identify',
          { userId: 'x', traits: { phone: '12', country: 'GB' } },
          { receivedAt },
        ),
      ),
    ).toEqual(['traits.phone: not a phone number']);
  });

  it('corrects clock skew from originalTimestamp and sentAt as Segment does; explicit timestamp wins', () => {
    // Device clock is 1 hour fast: it says it sent at 13:00:05 what happened at 13:00:00 (device time).
    const r = parseSegmentRequest(
      'batch',
      {
        sentAt: '2024-05-01T13:00:05Z',
        batch: [
          { type: 'track', userId: 'u', event: 'A', originalTimestamp: '2024-05-01T13:00:00Z' },
          { type: 'track', userId: 'u', event: 'B', timestamp: '2024-04-30T00:00:00Z' },
          { type: 'track', userId: 'u', event: 'C' },
        ],
      },
      { receivedAt },
    );
    expect(r.messages.map((m) => m.timestamp)).toEqual([
      receivedAt - 5000,
      Date.parse('2024-04-30T00:00:00Z'),
      receivedAt,
    ]);
  });

  it('merges batch context under message context and ignores integrations', () => {
    const r = parseSegmentRequest(
      'batch',
      {
        context: { library: { name: 'x' }, ip: '1.2.3.4' },
        batch: [
          {
            type: 'page',
            anonymousId: 'a',
            name: 'Home',
            context: { ip: '5.6.7.8' },
            integrations: { All: false },
          },
        ],
      },
      { receivedAt },
    );
    expect(r.messages[0].context).toEqual({ library: { name: 'x' }, ip: '5.6.7.8' });
    expect(r.messages[0]).not.toHaveProperty('integrations');
    expect(r.messages[0].name).toBe('Home');
  });

  it('names text no store can hold (NUL, lone surrogates)', () => {
    const batch = [
      { type: 'track', userId: 'u\u0000', event: 'E' },
      { type: 'track', userId: 'u', event: 'E', properties: { note: 'x\uD800y', ok: ['fine', '\u0000'] } },
    ];
    expect(issuesOf(() => parseSegmentRequest('batch', { batch }, { receivedAt }))).toEqual([
      'batch[0].userId: contains a NUL character',
      'batch[1].properties.note: is not valid Unicode',
      'batch[1].properties.ok[1]: contains a NUL character',
    ]);
  });

  it('does not mutate the caller input', () => {
    const body = { userId: 'u', event: 'E', properties: { price: '3' } };
    parseSegmentRequest('track', body, { receivedAt });
    expect(body.properties.price).toBe('3');
  });
});
