import { describe, expect, it } from 'vitest';
import { lexiconScore, polarityOf } from './lexicon.js';
import { chineseClauseScore, chineseLexiconScore } from './lexicon-zh.js';

describe('Chinese seed lexicon with negation and degree words', () => {
  it('reads negators: 不好 is negative, 不太差 is not strongly negative', () => {
    expect(chineseLexiconScore('不好')).toBeLessThan(-0.3);
    const notBad = chineseLexiconScore('不太差');
    expect(notBad).toBeGreaterThan(-0.1);
    expect(notBad).toBeLessThan(0.3); // softened negation: only mildly positive
    expect(chineseLexiconScore('没有问题')).toBeGreaterThan(0);
    expect(chineseLexiconScore('不满意')).toBeLessThan(0);
    expect(chineseLexiconScore('别买')).toBeLessThan(0);
  });

  it('degree words scale the opinion', () => {
    const plain = chineseClauseScore('慢').score;
    expect(chineseClauseScore('有点慢').score).toBeGreaterThan(plain);
    expect(chineseClauseScore('非常慢').score).toBeLessThan(plain);
    expect(chineseClauseScore('非常满意').score).toBeGreaterThan(chineseClauseScore('满意').score);
    // 好 as an adverb ("好慢" = so slow) is not read as praise.
    expect(chineseLexiconScore('好慢')).toBeLessThan(0);
  });

  it('weighs the clause after a contrast word more', () => {
    expect(chineseLexiconScore('质量不错，但是物流太慢')).toBeLessThan(0);
    expect(chineseLexiconScore('价格有点贵，不过质量很好')).toBeGreaterThan(0);
  });

  it('routes English to wink-nlp with its negation handling', () => {
    expect(lexiconScore('I love this phone, great battery', 'en')).toBeGreaterThan(0);
    expect(lexiconScore('This is not good at all', 'en')).toBeLessThan(0);
    expect(lexiconScore('The box is blue', 'en')).toBe(0);
    expect(polarityOf(0)).toBe('neutral');
  });
});
