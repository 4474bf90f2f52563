import { describe, expect, it } from 'vitest';
import { newCondition, scalar, toRule } from './rule-builder';

describe('rule builder → rule language', () => {
  it('writes and/or groups, negation and typed values', () => {
    const rule = toRule({
      join: 'and',
      items: [
        { kind: 'trait', trait: 'country', op: 'in', value: 'CN, DE', negate: false },
        { kind: 'event', event: 'Order Completed', min: '2', withinDays: '90', negate: false },
        {
          join: 'or',
          items: [
            { kind: 'prediction', prediction: 'churn', op: 'gte', value: '0.6', negate: false },
            { kind: 'segment', segment: 'rfm-champions', negate: true },
          ],
        },
      ],
    });
    expect(rule).toEqual({
      and: [
        { trait: 'country', op: 'in', value: ['CN', 'DE'] },
        { event: 'Order Completed', min: 2, withinDays: 90 },
        { or: [{ prediction: 'churn', op: 'gte', value: 0.6 }, { not: { segment: 'rfm-champions' } }] },
      ],
    });
  });

  it('a single condition is the rule itself; exists has no value', () => {
    expect(
      toRule({
        join: 'or',
        items: [{ kind: 'trait', trait: 'email', op: 'exists', value: 'x', negate: false }],
      }),
    ).toEqual({
      trait: 'email',
      op: 'exists',
    });
    expect(toRule({ join: 'and', items: [newCondition('trait')] })).toEqual({
      trait: 'country',
      op: 'eq',
      value: 'DE',
    });
  });

  it('keeps JSON types of typed values', () => {
    expect(scalar('42')).toBe(42);
    expect(scalar('-1.5')).toBe(-1.5);
    expect(scalar('true')).toBe(true);
    expect(scalar('GB')).toBe('GB');
    expect(scalar(' 007x ')).toBe('007x');
  });
});
