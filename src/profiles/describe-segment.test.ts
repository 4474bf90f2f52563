import { describe, expect, it } from 'vitest';
import { describeSegment, uniqueNames } from './describe-segment.js';

const base = {
  names: ['recency_days', 'frequency', 'monetary', 'days_between_orders', 'share_shoes', 'trait_age'],
  mean: Float64Array.from([60, 3, 300, 40, 0.2, 35]),
  std: Float64Array.from([30, 2, 400, 20, 0.2, 10]),
  median: Float64Array.from([50, 2, 200, 35, 0.1, 34]),
};

describe('segment descriptions', () => {
  it('names a high-value cluster and phrases spend and interval in English and Chinese', () => {
    // interval z = (12 − 40)/20 = −1.4, monetary z = (840 − 300)/400 = 1.35 (ratio 840/200 = 4.2), frequency z = 1
    const d = describeSegment(Float64Array.from([20, 5, 840, 12, 0.2, 36]), base);
    expect(d.name).toEqual({ en: 'High-value loyalists', zh: '高价值忠诚客户' });
    expect(d.description.en).toBe('High-value loyalists — buy every 12 days and spend 4.2× the median');
    expect(d.description.zh).toBe('高价值忠诚客户 — 平均每12天购买一次，消费额为中位数的4.2倍');
    expect(d.description.zh).not.toMatch(/\d \D|\D \d/);
    expect(d.standouts.map((s) => s.feature)).toEqual(['days_between_orders', 'monetary']);
  });

  it('names lapsed customers and a category cluster', () => {
    const lapsed = describeSegment(Float64Array.from([150, 2, 80, 40, 0.2, 35]), base);
    expect(lapsed.name.en).toBe('Lapsed customers');
    expect(lapsed.description.zh).toBe('已流失客户 — 最近一次购买在150天前，消费额为中位数的0.4倍');
    const shoes = describeSegment(Float64Array.from([60, 3, 300, 40, 0.7, 35]), base);
    expect(shoes.name).toEqual({ en: 'Shoes fans', zh: '“shoes”爱好者' });
    expect(shoes.description.en).toBe('Shoes fans — spend 70% of their money on shoes');
  });

  it('makes names unique', () => {
    const n = { en: 'Big spenders', zh: '高消费客户' };
    expect(uniqueNames([n, n])).toEqual([n, { en: 'Big spenders 2', zh: '高消费客户2' }]);
  });
});
