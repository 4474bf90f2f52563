/**
 * Language routing by script. Language-ID models on npm misroute short Chinese reviews ("很好"), while the
 * script of the characters is unambiguous: Han characters mean Chinese, Latin letters mean English (the two
 * languages Osprey tokenises). Mixed text ("iPhone 很好用, love it") is split into runs of one script.
 */
export type Language = 'en' | 'zh';
export type LanguageOrUnknown = Language | 'und';

// Han ideographs (CJK unified, extensions, compatibility). Kana and Hangul are not Chinese, so they do not count.
const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;

const HAN_ANY = /\p{Script=Han}/u;
const LATIN_ANY = /\p{Script=Latin}/u;

export const isHan = (ch: string): boolean => HAN.test(ch);

export interface ScriptCounts {
  /** Han characters. */
  han: number;
  /** Latin-script words (maximal runs of Latin letters). */
  latinWords: number;
}

/** Count Han characters and Latin words: one Han character carries about as much as one English word. */
export function scriptCounts(text: string): ScriptCounts {
  // Most reviews are in one script: skip the per-character walk when there is no Latin letter at all.
  if (!LATIN_ANY.test(text)) {
    let han = 0;
    for (const _ of text.matchAll(/\p{Script=Han}/gu)) han++;
    return { han, latinWords: 0 };
  }
  let han = 0;
  let latinWords = 0;
  let inLatin = false;
  for (const ch of text) {
    if (HAN.test(ch)) {
      han++;
      inLatin = false;
    } else if (LATIN.test(ch)) {
      if (!inLatin) latinWords++;
      inLatin = true;
    } else if (!/[\p{N}'’-]/u.test(ch)) {
      inLatin = false;
    }
  }
  return { han, latinWords };
}

/**
 * Share of the text that is Chinese: Han characters / (Han characters + Latin words). A Han character is
 * weighed against a Latin *word*, not a letter, so "iPhone很好用" (3 Han, 1 word) is 0.75 Chinese.
 */
export function cjkShare(text: string): number {
  const { han, latinWords } = scriptCounts(text);
  return han + latinWords === 0 ? 0 : han / (han + latinWords);
}

/** The language of a whole text: 'zh' when at least `threshold` of it is Han, 'en' when it has Latin words. */
export function detectLanguage(text: string, threshold = 0.5): LanguageOrUnknown {
  const { han, latinWords } = scriptCounts(text);
  if (han + latinWords === 0) return 'und';
  return han / (han + latinWords) >= threshold ? 'zh' : 'en';
}

export interface ScriptRun {
  lang: Language;
  text: string;
  /** Offset of the run in the original string (UTF-16 code units). */
  start: number;
}

/**
 * Split text into maximal runs of one script. Characters that belong to no script (spaces, digits,
 * punctuation) stay with the run they follow; leading neutral characters join the first run. Text with no
 * Han and no Latin letters comes back as one run in `fallback`.
 */
export function splitScriptRuns(text: string, fallback: Language = 'en'): ScriptRun[] {
  if (text.length === 0) return [];
  // Single-script fast paths (the common case): one run, no per-character walk.
  const hasLatin = LATIN_ANY.test(text);
  const hasHan = HAN_ANY.test(text);
  if (!hasLatin || !hasHan) {
    return [{ lang: hasHan ? 'zh' : hasLatin ? 'en' : fallback, text, start: 0 }];
  }
  const runs: ScriptRun[] = [];
  let cur: Language | null = null;
  let start = 0;
  let i = 0;
  for (const ch of text) {
    const lang: Language | null = HAN.test(ch) ? 'zh' : LATIN.test(ch) ? 'en' : null;
    if (lang !== null && lang !== cur) {
      // The first run starts at 0, so leading neutral characters join it.
      if (cur !== null) {
        runs.push({ lang: cur, text: text.slice(start, i), start });
        start = i;
      }
      cur = lang;
    }
    i += ch.length;
  }
  if (cur === null) return text.length ? [{ lang: fallback, text, start: 0 }] : [];
  runs.push({ lang: cur, text: text.slice(start), start });
  return runs;
}
