import { createRequire } from 'node:module';

/**
 * Chinese word segmentation with @node-rs/jieba and the dictionary bundled in the package
 * (`Jieba.withDict(dict)` from `@node-rs/jieba/dict`). When the native addon cannot load (an unsupported
 * platform), `Intl.Segmenter` with the ICU Chinese dictionary is the fallback; it segments less well on
 * product vocabulary but needs nothing installed.
 */
interface JiebaLike {
  cut(sentence: string, hmm?: boolean | null): string[];
}

interface JiebaModule {
  Jieba: { withDict(dict: Uint8Array): JiebaLike };
}

const require = createRequire(import.meta.url);
let jieba: JiebaLike | null | undefined;
let segmenter: Intl.Segmenter | undefined;

/** The jieba instance, loaded once on first use (≈0.25 s to build the prefix dictionary); null if unavailable. */
export function loadJieba(): JiebaLike | null {
  if (jieba !== undefined) return jieba;
  try {
    const mod = require('@node-rs/jieba') as JiebaModule;
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    jieba = mod.Jieba.withDict(dict);
  } catch {
    jieba = null;
  }
  return jieba;
}

/** jieba's bundled IDF table (term → idf), for keyword extraction; empty when the package is unavailable. */
let idfTable: Map<string, number> | undefined;
export function jiebaIdf(): Map<string, number> {
  if (idfTable) return idfTable;
  idfTable = new Map();
  try {
    const { idf } = require('@node-rs/jieba/dict') as { idf: Uint8Array };
    const text = Buffer.from(idf).toString('utf8');
    for (const line of text.split('\n')) {
      const sp = line.lastIndexOf(' ');
      if (sp > 0) idfTable.set(line.slice(0, sp), Number(line.slice(sp + 1)));
    }
  } catch {
    // keep empty: callers fall back to corpus idf
  }
  return idfTable;
}

export type ChineseSegmenter = 'jieba' | 'intl';

/** Which segmenter `tokenizeChinese` uses on this machine. */
export function chineseSegmenter(): ChineseSegmenter {
  return loadJieba() ? 'jieba' : 'intl';
}

let cache: Map<string, string[]> | null = null;

/**
 * Run `fn` with segmentations memoised by text, so a corpus pass that segments each review twice (word
 * features and the lexicon score) pays for jieba once. The memo lives only for the call.
 */
export function withChineseTokenCache<T>(fn: () => T): T {
  const prev = cache;
  cache = new Map();
  try {
    return fn();
  } finally {
    cache = prev;
  }
}

/** Segment Chinese text into words; whitespace is dropped, Latin words are lower-cased. Do not mutate the result. */
export function tokenizeChinese(text: string, options: { segmenter?: ChineseSegmenter } = {}): string[] {
  if (cache && options.segmenter === undefined) {
    let words = cache.get(text);
    if (!words) {
      words = segment(text, options);
      cache.set(text, words);
    }
    return words;
  }
  return segment(text, options);
}

function segment(text: string, options: { segmenter?: ChineseSegmenter }): string[] {
  const j = options.segmenter === 'intl' ? null : loadJieba();
  const out: string[] = [];
  if (j) {
    for (const w of j.cut(text, true)) {
      const t = w.trim();
      if (t) out.push(t.toLowerCase());
    }
    return out;
  }
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  for (const s of segmenter.segment(text)) {
    const t = s.segment.trim();
    if (t) out.push(t.toLowerCase());
  }
  return out;
}
