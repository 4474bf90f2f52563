import { describe, expect, it } from 'vitest';
import { assignRfm, quintileScores, RFM_LABELS, RFM_SEGMENTS, rfmSegmentOf } from './rfm-segments.js';

describe('RFM segments', () => {
  it('maps score corners and edges of the grid', () => {
    expect(rfmSegmentOf(5, 5, 5)).toBe('champions');
    expect(rfmSegmentOf(4, 5, 5)).toBe('champions');
    expect(rfmSegmentOf(4, 4, 4)).toBe('loyal');
    expect(rfmSegmentOf(3, 5, 4)).toBe('loyal'); // FM = round(4.5) = 5
    expect(rfmSegmentOf(5, 1, 1)).toBe('new');
    expect(rfmSegmentOf(5, 2, 3)).toBe('potential_loyalists');
    expect(rfmSegmentOf(2, 4, 4)).toBe('at_risk');
    expect(rfmSegmentOf(1, 5, 5)).toBe('cant_lose_them');
    expect(rfmSegmentOf(2, 1, 2)).toBe('hibernating');
    expect(rfmSegmentOf(1, 1, 1)).toBe('lost');
    expect(() => rfmSegmentOf(0, 1, 1)).toThrow('r score must be 1-5');
  });

  it('uses all 8 segments, each with English and Chinese names', () => {
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r++)
      for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) seen.add(rfmSegmentOf(r, f, m));
    expect([...seen].sort()).toEqual([...RFM_SEGMENTS].sort());
    expect(RFM_LABELS.cant_lose_them).toMatchObject({ en: "Can't lose them", zh: '不能失去的客户' });
  });

  it('scores quintiles by rank with ties sharing their mean rank', () => {
    expect(Array.from(quintileScores(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])))).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4, 5, 5,
    ]);
    // 6 ties at the bottom: mean rank 2.5 of 10 → quintile 2.
    expect(Array.from(quintileScores(Float64Array.from([1, 1, 1, 1, 1, 1, 2, 3, 4, 5])))).toEqual([
      2, 2, 2, 2, 2, 2, 4, 4, 5, 5,
    ]);
    // recency: fewer days is better
    expect(Array.from(quintileScores(Float64Array.from([10, 50, 1, 100, 5]), false))).toEqual([
      3, 2, 5, 1, 4,
    ]);
  });

  it('assigns segments from raw recency, frequency and spend', () => {
    const a = assignRfm(
      Float64Array.from([1, 300, 2, 250, 100]),
      Float64Array.from([20, 1, 1, 15, 3]),
      Float64Array.from([5000, 10, 20, 4000, 300]),
    );
    expect(Array.from(a.r)).toEqual([5, 1, 4, 2, 3]);
    // F = [5,1,1,4,3], M = [5,1,2,4,3]: customer 2 has FM = round(1.5) = 2 → R4·FM2 = potential loyalist.
    expect(Array.from(a.f)).toEqual([5, 1, 1, 4, 3]);
    expect(a.segments).toEqual([
      'champions',
      'lost',
      'potential_loyalists',
      'at_risk',
      'potential_loyalists',
    ]);
  });
});
