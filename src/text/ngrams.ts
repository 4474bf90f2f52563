import { type Language, splitScriptRuns } from './language.js';
import { tokenizeEnglish } from './tokenize-en.js';

/** Word n-grams of a token list, joined with a space, for n in [min, max] (sklearn's ngram_range). */
export function wordNgrams(tokens: readonly string[], min = 1, max = 1): string[] {
  if (min < 1 || max < min) throw new RangeError(`n-gram range [${min}, ${max}] is not valid`);
  if (min === 1 && max === 1) return tokens.slice();
  const out: string[] = [];
  for (let n = min; n <= max; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      out.push(n === 1 ? tokens[i] : tokens.slice(i, i + n).join(' '));
    }
  }
  return out;
}

/** Default character n-gram ranges: 2–5 inside English words, 1–3 over Chinese text. */
export const CHAR_NGRAM_RANGE: Readonly<Record<Language, readonly [number, number]>> = {
  en: [2, 5],
  zh: [1, 3],
};

/**
 * Character n-grams of a text. English runs use word-bounded n-grams (sklearn's `char_wb`: each lower-cased
 * word padded with one space on each side), which catch stems and misspellings without crossing words.
 * Chinese runs use plain n-grams over the characters with whitespace removed, which catch words the
 * segmenter splits differently ("不太好" → 不太, 太好, 不太好).
 */
export function charNgrams(
  text: string,
  ranges: Readonly<Record<Language, readonly [number, number]>> = CHAR_NGRAM_RANGE,
  lang: Language | 'auto' = 'auto',
): string[] {
  const out: string[] = [];
  const runs = lang === 'auto' ? splitScriptRuns(text) : [{ lang, text, start: 0 }];
  for (const run of runs) {
    const [min, max] = ranges[run.lang];
    if (run.lang === 'zh') {
      const chars = Array.from(run.text.replace(/\s+/g, '').toLowerCase());
      for (let n = min; n <= max; n++) {
        for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(''));
      }
    } else {
      for (const w of tokenizeEnglish(run.text)) {
        const padded = ` ${w} `;
        for (let n = min; n <= max; n++) {
          for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n));
        }
      }
    }
  }
  return out;
}
