import { describe, expect, it } from 'vitest';
import { cjkShare, detectLanguage, splitScriptRuns } from './language.js';

describe('language routing by script', () => {
  it('routes short Chinese reviews to zh and English to en', () => {
    expect(detectLanguage('很好')).toBe('zh');
    expect(detectLanguage('送餐太慢了！')).toBe('zh');
    expect(detectLanguage('Great phone, fast delivery.')).toBe('en');
    expect(detectLanguage('12345 !!!')).toBe('und');
  });

  it('weighs a Han character against a Latin word', () => {
    expect(cjkShare('iPhone很好用')).toBeCloseTo(3 / 4);
    expect(detectLanguage('iPhone很好用')).toBe('zh');
    expect(detectLanguage('I love the 包装 of this phone')).toBe('en');
  });

  it('splits mixed text into runs of one script with offsets', () => {
    const text = 'Love it! 质量很好, fast shipping';
    const runs = splitScriptRuns(text);
    expect(runs.map((r) => [r.lang, r.text])).toEqual([
      ['en', 'Love it! '],
      ['zh', '质量很好, '],
      ['en', 'fast shipping'],
    ]);
    for (const r of runs) expect(text.slice(r.start, r.start + r.text.length)).toBe(r.text);
    expect(splitScriptRuns('  好')).toEqual([{ lang: 'zh', text: '  好', start: 0 }]);
    expect(splitScriptRuns('123')).toEqual([{ lang: 'en', text: '123', start: 0 }]);
  });
});
