import { describe, expect, it } from 'vitest';
import { extractAspects, formatAspect } from './aspects.js';
import { splitClauses } from './clauses.js';

const brief = (text: string) => extractAspects(text).map((m) => `${m.aspect}:${m.polarity}`);

describe('clause splitting', () => {
  it('splits on punctuation of both languages and English contrast words', () => {
    expect(splitClauses('价格便宜，但是送餐太慢了！包装很好').map((c) => c.text)).toEqual([
      '价格便宜',
      '但是送餐太慢了',
      '包装很好',
    ]);
    expect(splitClauses('Great price but the delivery was late. Box ok').map((c) => c.text)).toEqual([
      'Great price',
      'but the delivery was late',
      'Box ok',
    ]);
  });
});

describe('aspect sentiment', () => {
  it('Chinese: one polarity per aspect clause, negation-aware', () => {
    const text = '味道不错，送餐太慢了，包装没有破损，服务态度不好';
    expect(brief(text)).toEqual([
      'taste:positive',
      'delivery:negative',
      'packaging:positive',
      'service:negative',
    ]);
    expect(formatAspect(extractAspects(text)[1])).toBe('delivery: negative — 送餐太慢了');
    expect(brief('尺码偏小，质量还可以')).toEqual(['size_fit:negative', 'quality:neutral']);
  });

  it('English: review words wink does not know, with negation', () => {
    expect(brief('The price is great, but shipping was slow.')).toEqual([
      'price:positive',
      'delivery:negative',
    ]);
    expect(brief('Customer service was not helpful')).toEqual(['service:negative']);
    expect(brief('The food was delicious and the staff friendly')).toEqual([
      'service:positive',
      'taste:positive',
    ]);
  });

  it('mixed-language review and custom categories', () => {
    const m = extractAspects('Battery life is terrible. 电池不耐用', {
      categories: [{ name: 'battery', en: ['battery'], zh: ['电池'] }],
    });
    expect(m.map((x) => [x.aspect, x.polarity, x.lang])).toEqual([
      ['battery', 'negative', 'en'],
      ['battery', 'negative', 'zh'],
    ]);
  });
});
