import { describe, expect, it } from 'vitest';
import { OspreyError } from '../core/errors.js';
import { parseRule, referencedSegments } from './rule-language.js';

function errorOf(json: unknown): string {
  try {
    parseRule(json);
  } catch (err) {
    expect(err).toBeInstanceOf(OspreyError);
    expect((err as OspreyError).code).toBe('INVALID_INPUT');
    return (err as OspreyError).message;
  }
  throw new Error('expected the rule to be rejected');
}

describe('rule language', () => {
  it('parses every kind of rule and nesting', () => {
    const rule = {
      and: [
        { trait: 'country', op: 'in', value: ['CN', 'DE'] },
        { trait: 'age', op: 'gte', value: 30 },
        { trait: 'email', op: 'exists' },
        {
          event: 'Order Completed',
          min: 2,
          withinDays: 30,
          where: [{ property: 'revenue', op: 'gt', value: 50 }],
        },
        { not: { prediction: 'churn', op: 'gte', value: 0.7 } },
        { or: [{ segment: 'vip' }, { trait: 'tags', op: 'contains', value: 'gold' }] },
      ],
    };
    expect(parseRule(rule)).toEqual({
      and: [
        { trait: 'country', op: 'in', value: ['CN', 'DE'] },
        { trait: 'age', op: 'gte', value: 30 },
        { trait: 'email', op: 'exists' },
        {
          event: 'Order Completed',
          min: 2,
          withinDays: 30,
          where: [{ property: 'revenue', op: 'gt', value: 50 }],
        },
        { not: { prediction: 'churn', op: 'gte', value: 0.7 } },
        { or: [{ segment: 'vip' }, { trait: 'tags', op: 'contains', value: 'gold' }] },
      ],
    });
    expect(referencedSegments(parseRule(rule))).toEqual(['vip']);
  });

  it('defaults an event rule to at least once', () => {
    expect(parseRule({ event: 'Product Viewed' })).toEqual({ event: 'Product Viewed', min: 1 });
    expect(parseRule({ event: 'Product Viewed', max: 0 })).toEqual({ event: 'Product Viewed', max: 0 });
  });

  it.each([
    [
      {
        and: [
          { trait: 'a', op: 'eq', value: 1 },
          { trait: 'age', op: 'gtt', value: 3 },
        ],
      },
      "rule.and[1].op: unknown operator 'gtt'",
    ],
    [{ trait: 'age', op: 'eq', value: 1, extra: true }, "rule.extra: unknown field 'extra'"],
    [{ foo: 1 }, "rule.foo: unknown field 'foo'"],
    [{}, 'rule: empty rule'],
    [[1], 'rule: must be an object'],
    [{ and: [] }, 'rule.and: must be a list of 1 to 100 rules'],
    [{ or: { trait: 'a' } }, 'rule.or: must be a list'],
    [{ not: 3 }, 'rule.not: must be an object'],
    [{ trait: '', op: 'eq', value: 1 }, 'rule.trait: must be a name'],
    [{ trait: 'a"b', op: 'eq', value: 1 }, 'rule.trait: must be a name'],
    [{ trait: 'age', value: 1 }, 'rule.op: must be one of'],
    [{ trait: 'age', op: 'gt', value: '3' }, "rule.value: operator 'gt' needs a number"],
    [{ trait: 'age', op: 'eq' }, "rule.value: operator 'eq' needs a value"],
    [{ trait: 'age', op: 'exists', value: 1 }, "rule.value: operator 'exists' takes no value"],
    [{ trait: 'age', op: 'in', value: [] }, "rule.value: operator 'in' needs a list"],
    [{ trait: 'age', op: 'in', value: [1, {}] }, 'rule.value[1]: must be a string, number or boolean'],
    [{ trait: 'age', op: 'eq', value: null }, 'rule.value: must be a string, number or boolean'],
    [{ event: '' }, 'rule.event: must be an event name'],
    [{ event: 'x', min: -1 }, 'rule.min: must be a whole number'],
    [{ event: 'x', min: 3, max: 2 }, 'rule.max: must be ≥ min (3)'],
    [{ event: 'x', withinDays: 0 }, 'rule.withinDays: must be a number of days'],
    [{ event: 'x', where: [] }, 'rule.where: must be a list of 1 to 20'],
    [
      { event: 'x', where: [{ property: 'p', op: 'like', value: 1 }] },
      "rule.where[0].op: unknown operator 'like'",
    ],
    [{ event: 'x', where: [{ prop: 'p', op: 'eq', value: 1 }] }, "rule.where[0].prop: unknown field 'prop'"],
    [{ event: 'x', times: 2 }, "rule.times: unknown field 'times'"],
    [{ prediction: 'ltv', op: 'gte', value: 1 }, "rule.prediction: unknown prediction 'ltv'"],
    [{ prediction: 'churn', op: 'eq', value: 1 }, "rule.op: operator 'eq' does not apply to a score"],
    [{ segment: '' }, 'rule.segment: must be a segment id'],
    [
      { not: { not: { and: [{ or: [{ trait: 'a', op: 'exists', x: 1 }] }] } } },
      "rule.not.not.and[0].or[0].x: unknown field 'x'",
    ],
  ])('rejects %j', (json, message) => {
    expect(errorOf(json)).toContain(message);
  });

  it('names the path in the issue list', () => {
    try {
      parseRule({ or: [{ trait: 'a', op: 'nope', value: 1 }] });
    } catch (err) {
      expect((err as OspreyError).issues).toEqual([
        { path: 'rule.or[0].op', message: "unknown operator 'nope'" },
      ]);
    }
  });

  it('rejects trees nested too deep', () => {
    let r: unknown = { trait: 'a', op: 'exists' };
    for (let i = 0; i < 20; i++) r = { not: r };
    expect(errorOf(r)).toContain('nested deeper than 12 levels');
  });
});
