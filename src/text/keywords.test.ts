import { describe, expect, it } from 'vitest';
import { textRankKeywords, tfidfKeywords } from './keywords.js';

const zh = ['电池续航很好，电池耐用', '屏幕清晰，电池也不错', '物流很快，电池给力'];
const en = [
  'The battery life is great and the battery charges fast',
  'Battery lasts two days, screen is sharp',
  'Great screen, battery could be better',
];

describe('keywords', () => {
  it('TF-IDF with jieba idf ranks the repeated product word first in Chinese', () => {
    const k = tfidfKeywords(zh, { topK: 3 });
    expect(k[0].term).toBe('电池');
    expect(k.map((x) => x.term)).not.toContain('很'); // stop words and single characters are dropped
  });

  it('TF-IDF against a background corpus in English', () => {
    const background = [...en, 'Shipping was fast', 'Great price', 'The case is great', 'Screen protector'];
    const k = tfidfKeywords(en, { topK: 2, background });
    expect(k[0].term).toBe('battery');
  });

  it('TextRank ranks the best-connected word first', () => {
    expect(textRankKeywords(en, { topK: 2 })[0]).toEqual({ term: 'battery', weight: 1 });
    expect(textRankKeywords(zh, { topK: 1 })[0].term).toBe('电池');
    expect(textRankKeywords([])).toEqual([]);
  });
});
