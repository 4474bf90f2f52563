import { describe, expect, it } from 'vitest';
import { scoreReview, summariseVoice } from './voice.js';

describe('voice of the customer', () => {
  it('scores a review with sentiment, model in use and aspects', () => {
    const r = scoreReview('味道不错，但是送餐太慢了', 2);
    expect(r.sentiment.model).toBe('lexicon');
    expect(r.sentiment.lang).toBe('zh');
    expect(r.sentiment.polarity).toBe('negative');
    expect(r.ratingLabel).toBe(0);
    expect(r.aspects.map((a) => `${a.aspect}:${a.polarity}`)).toEqual([
      'taste:positive',
      'delivery:negative',
    ]);
    // No opinion words: the rating decides.
    expect(scoreReview('Arrived Tuesday.', 5).sentiment.polarity).toBe('positive');
    expect(() => scoreReview('ok', 0)).toThrow(/rating/);
  });

  it('summarises trend, aspects, keywords and representative reviews', () => {
    const s = summariseVoice(
      [
        {
          id: 'a',
          text: 'Great phone, fast delivery, love the battery',
          rating: 5,
          timestamp: '2026-01-05T10:00:00Z',
        },
        {
          id: 'b',
          text: 'The battery died after a week, terrible quality',
          rating: 1,
          timestamp: '2026-01-06T10:00:00Z',
        },
        { id: 'c', text: '电池很耐用，物流很快，非常满意', rating: 5, timestamp: '2026-01-14T10:00:00Z' },
      ],
      { bucket: 'week' },
    );
    expect(s.reviews).toBe(3);
    expect(s.model).toBe('lexicon');
    expect(s.trend.map((t) => [t.period, t.reviews])).toEqual([
      ['2026-01-05', 2],
      ['2026-01-12', 1],
    ]);
    expect(s.aspects.find((a) => a.aspect === 'delivery')).toMatchObject({ positive: 2, negative: 0 });
    expect(s.aspects.find((a) => a.aspect === 'quality')).toMatchObject({ negative: 1 });
    expect(s.representative.negative.map((r) => r.id)).toEqual(['b']);
    expect(s.representative.positive.map((r) => r.id).sort()).toEqual(['a', 'c']);
    expect(s.keywords.tfidf.length).toBeGreaterThan(0);
    expect(s.keywords.textrank[0].weight).toBe(1);
  });
});
