import { invalidInput } from '../core/errors.js';
import type { Language } from './language.js';
import { type LanguageOption, routeLanguage, tokenize } from './tokenize.js';
import { jiebaIdf } from './tokenize-zh.js';

/**
 * Keywords of a group of texts (one product's reviews, one segment's messages), by TF-IDF against a
 * background or by TextRank.
 */
export interface Keyword {
  term: string;
  weight: number;
}

export interface KeywordOptions {
  lang?: LanguageOption;
  topK?: number;
  /**
   * Background corpus for English idf (e.g. all of the shop's reviews). Without it, idf comes from the texts
   * themselves. Chinese terms use jieba's bundled idf table, which was estimated on a large general corpus.
   */
  background?: readonly string[];
}

/** Content words: stop words, punctuation, numbers and single Chinese characters dropped. */
function contentWords(text: string, lang: LanguageOption): { words: string[]; lang: Language } {
  const l = routeLanguage(text, lang);
  const words = tokenize(text, { lang, removeStopWords: true }).filter((w) =>
    /\p{Script=Han}/u.test(w) ? [...w].length >= 2 : w.length >= 3,
  );
  return { words, lang: l };
}

/** TF-IDF keywords: summed term frequency over the texts × idf; jieba's idf for Chinese terms. */
export function tfidfKeywords(texts: readonly string[], o: KeywordOptions = {}): Keyword[] {
  if (!Array.isArray(texts)) throw invalidInput('texts must be an array of strings');
  const lang = o.lang ?? 'auto';
  const topK = o.topK ?? 10;
  const tf = new Map<string, number>();
  const docs = texts.map((t) => contentWords(t, lang).words);
  for (const words of docs) for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
  const bg = o.background
    ? o.background.map((t) => new Set(contentWords(t, lang).words))
    : docs.map((d) => new Set(d));
  const df = new Map<string, number>();
  for (const set of bg) for (const w of set) df.set(w, (df.get(w) ?? 0) + 1);
  const zhIdf = jiebaIdf();
  // jieba's own default for words missing from its table is the median idf (jieba/analyse/tfidf.py).
  const zhMedian = medianOf(zhIdf);
  const n = bg.length;
  const out: Keyword[] = [];
  for (const [term, f] of tf) {
    const idf = /\p{Script=Han}/u.test(term)
      ? (zhIdf.get(term) ?? zhMedian)
      : Math.log((1 + n) / (1 + (df.get(term) ?? 0))) + 1;
    out.push({ term, weight: f * idf });
  }
  const total = out.reduce((s, k) => s + k.weight, 0) || 1;
  return out
    .map((k) => ({ term: k.term, weight: k.weight / total }))
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
    .slice(0, topK);
}

let medianCache: number | undefined;
function medianOf(idf: Map<string, number>): number {
  if (medianCache !== undefined) return medianCache;
  const v = [...idf.values()].sort((a, b) => a - b);
  medianCache = v.length ? v[v.length >> 1] : 10;
  return medianCache;
}

export interface TextRankOptions extends KeywordOptions {
  /** Co-occurrence window in content words. */
  window?: number;
  damping?: number;
  maxIter?: number;
}

/**
 * TextRank keywords (Mihalcea & Tarau 2004, §3): an undirected graph over content words with an edge
 * between words co-occurring within `window` words of one text, weighted by co-occurrence count, ranked by
 * weighted PageRank WS(Vi) = (1 − d) + d Σ_j w_ji / Σ_k w_jk · WS(Vj).
 */
export function textRankKeywords(texts: readonly string[], o: TextRankOptions = {}): Keyword[] {
  if (!Array.isArray(texts)) throw invalidInput('texts must be an array of strings');
  const window = o.window ?? 5;
  const d = o.damping ?? 0.85;
  const maxIter = o.maxIter ?? 100;
  const topK = o.topK ?? 10;
  const ids = new Map<string, number>();
  const terms: string[] = [];
  const edges: Map<number, number>[] = [];
  const idOf = (w: string) => {
    let id = ids.get(w);
    if (id === undefined) {
      id = terms.length;
      ids.set(w, id);
      terms.push(w);
      edges.push(new Map());
    }
    return id;
  };
  for (const t of texts) {
    const words = contentWords(t, o.lang ?? 'auto').words.map(idOf);
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 1; j < Math.min(words.length, i + window); j++) {
        if (words[i] === words[j]) continue;
        edges[words[i]].set(words[j], (edges[words[i]].get(words[j]) ?? 0) + 1);
        edges[words[j]].set(words[i], (edges[words[j]].get(words[i]) ?? 0) + 1);
      }
    }
  }
  const n = terms.length;
  if (n === 0) return [];
  const outSum = edges.map((e) => [...e.values()].reduce((s, v) => s + v, 0));
  let ws = new Float64Array(n).fill(1);
  for (let it = 0; it < maxIter; it++) {
    const next = new Float64Array(n).fill(1 - d);
    for (let j = 0; j < n; j++) {
      if (outSum[j] === 0) continue;
      const share = (d * ws[j]) / outSum[j];
      for (const [i, w] of edges[j]) next[i] += share * w;
    }
    let delta = 0;
    for (let i = 0; i < n; i++) delta = Math.max(delta, Math.abs(next[i] - ws[i]));
    ws = next;
    if (delta < 1e-6) break;
  }
  let max = 0;
  for (const w of ws) max = Math.max(max, w);
  return Array.from(ws, (w, i) => ({ term: terms[i], weight: w / max }))
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
    .slice(0, topK);
}
