import { describe, expect, it } from 'vitest';
import { csrFromCoo } from '../ml/matrix.js';
import { interactionWeight } from './interaction-weights.js';
import { Popularity } from './popularity.js';

const DAY = 86_400_000;

describe('interaction weights', () => {
  it('weights event types and halves every half-life', () => {
    const w = {
      eventWeights: { 'Product Viewed': 1, 'Order Completed': 5 },
      defaultWeight: 0.5,
      halfLifeDays: 10,
    };
    expect(interactionWeight('Order Completed', 0, 0, w)).toBe(5);
    expect(interactionWeight('Order Completed', 0, 10 * DAY, w)).toBeCloseTo(2.5, 12);
    expect(interactionWeight('Product Viewed', 0, 20 * DAY, w)).toBeCloseTo(0.25, 12);
    expect(interactionWeight('Email Opened', 0, 0, w)).toBe(0.5);
    expect(() => interactionWeight('x', 0, 0, { ...w, halfLifeDays: 0 })).toThrow(/halfLifeDays/);
  });

  it('plug into any recommender through the CSR weights: time-decayed popularity', () => {
    const now = 100 * DAY;
    // item 0: two old purchases; item 1: one fresh view
    const w = {
      eventWeights: { 'Product Viewed': 1, 'Order Completed': 5 },
      defaultWeight: 1,
      halfLifeDays: 7,
    };
    const X = csrFromCoo(
      3,
      2,
      [0, 1, 2],
      [0, 0, 1],
      [
        interactionWeight('Order Completed', 30 * DAY, now, w),
        interactionWeight('Order Completed', 30 * DAY, now, w),
        interactionWeight('Product Viewed', 99 * DAY, now, w),
      ],
    );
    const top = new Popularity({ measure: 'weight' }).fit(X).recommend(Int32Array.of(0), 2);
    expect(Array.from(top.items)).toEqual([1, 0]);
  });
});
