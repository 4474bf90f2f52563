import { detectLanguage, type Language, splitScriptRuns } from './language.js';
import { isStopToken } from './stop-words.js';
import { tokenizeEnglish } from './tokenize-en.js';
import { tokenizeChinese } from './tokenize-zh.js';

export type LanguageOption = Language | 'auto';

export interface TokenizeOptions {
  /** 'auto' (default) routes each run of Han / Latin script to its own tokeniser. */
  lang?: LanguageOption;
  /** Drop stop words, punctuation and bare numbers (for keywords and similarity; not for sentiment). */
  removeStopWords?: boolean;
}

/**
 * Words of a text in either language. With lang 'auto', mixed text is split into script runs and each run
 * goes to the tokeniser of its language; with 'en' or 'zh' the whole text goes to that tokeniser.
 */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  const lang = options.lang ?? 'auto';
  const parts: { lang: Language; tokens: string[] }[] = [];
  if (lang === 'auto') {
    for (const run of splitScriptRuns(text)) {
      parts.push({
        lang: run.lang,
        tokens: run.lang === 'zh' ? tokenizeChinese(run.text) : tokenizeEnglish(run.text),
      });
    }
  } else {
    parts.push({ lang, tokens: lang === 'zh' ? tokenizeChinese(text) : tokenizeEnglish(text) });
  }
  if (!options.removeStopWords) return parts.flatMap((p) => p.tokens);
  return parts.flatMap((p) => p.tokens.filter((t) => !isStopToken(t, p.lang)));
}

/** The language a whole text is routed to ('en' when it has no letters at all). */
export function routeLanguage(text: string, lang: LanguageOption = 'auto'): Language {
  if (lang !== 'auto') return lang;
  const d = detectLanguage(text);
  return d === 'und' ? 'en' : d;
}
