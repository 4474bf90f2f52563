import { describe, expect, it } from 'vitest';
import { CHAR_NGRAM_RANGE, charNgrams, wordNgrams } from './ngrams.js';
import { tokenize } from './tokenize.js';
import { tokenizeEnglish } from './tokenize-en.js';
import { chineseSegmenter, jiebaIdf, tokenizeChinese } from './tokenize-zh.js';

describe('tokenisation', () => {
  it('keeps negating contractions in English', () => {
    expect(tokenizeEnglish("I DON'T like it’s battery, 10/10!")).toEqual([
      'i',
      "don't",
      'like',
      "it's",
      'battery',
      '10',
      '10',
    ]);
  });

  it('segments Chinese with jieba and its bundled dictionary', () => {
    expect(chineseSegmenter()).toBe('jieba');
    expect(tokenizeChinese('送餐太慢了，不好吃')).toEqual(['送餐', '太慢', '了', '，', '不', '好吃']);
    expect(jiebaIdf().get('生化学')).toBeCloseTo(13.900677652, 9);
  });

  it('falls back to Intl.Segmenter', () => {
    const words = tokenizeChinese('质量很好', { segmenter: 'intl' });
    expect(words.join('')).toBe('质量很好');
    expect(words.length).toBeGreaterThan(1);
  });

  it('routes mixed text by script and removes stop words on request', () => {
    expect(tokenize('The 质量 is great')).toEqual(['the', '质量', 'is', 'great']);
    expect(tokenize('The 质量很好 and it is not bad', { removeStopWords: true })).toEqual([
      '质量',
      '好',
      'not',
      'bad',
    ]);
  });

  it('builds word and character n-grams', () => {
    expect(wordNgrams(['not', 'very', 'good'], 1, 2)).toEqual([
      'not',
      'very',
      'good',
      'not very',
      'very good',
    ]);
    expect(charNgrams('ok', { en: [2, 3], zh: [1, 2] })).toEqual([' o', 'ok', 'k ', ' ok', 'ok ']);
    expect(charNgrams('不太好', CHAR_NGRAM_RANGE)).toEqual(['不', '太', '好', '不太', '太好', '不太好']);
  });
});
