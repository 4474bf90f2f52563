import { describe, expect, it } from 'vitest';
import { bigSpenderThreshold, tagsOf } from './tags.js';

const names = [
  'tenure_days',
  'frequency',
  'recency_over_interval',
  'monetary',
  'discount_share',
  'count_product_reviewed_90d',
  'count_email_link_clicked_90d',
  'orders_per_30_days',
];
const col = (n: string) => names.indexOf(n);

describe('tags', () => {
  it('applies each documented threshold', () => {
    expect(tagsOf([10, 0, Number.NaN, 0, Number.NaN, 0, 0, Number.NaN], col, 100)).toEqual(['new']);
    expect(tagsOf([400, 4, 2.5, 150, 0.5, 1, 2, 0.3], col, 100)).toEqual([
      'lapsing',
      'big-spender',
      'discount-seeker',
      'reviewer',
      'email-engaged',
    ]);
    expect(tagsOf([400, 4, 1.9, 99, 0.49, 0, 0, 2], col, 100)).toEqual(['frequent-buyer']);
    expect(tagsOf([31, 1, Number.NaN, 10, 1, 0, 0, 1], col, 100)).toEqual(['one-time-buyer']);
  });

  it('ignores features the store lacks', () => {
    expect(
      tagsOf([400, 1, 0, 10], (n) => ['tenure_days', 'frequency', 'x', 'monetary'].indexOf(n), 5),
    ).toEqual(['big-spender', 'one-time-buyer']);
  });

  it('puts the big-spender threshold at the 90th percentile of buyers', () => {
    const m = [0, 0, ...Array.from({ length: 10 }, (_, i) => (i + 1) * 10)];
    expect(bigSpenderThreshold(m)).toBe(100);
    expect(bigSpenderThreshold([0, 0])).toBe(Number.POSITIVE_INFINITY);
  });
});
