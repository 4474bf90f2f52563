import { tokenizeChinese } from '../tokenize-zh.js';
import { CHINESE_SEED_LEXICON, CONTRAST_WORDS, DEGREE_WORDS, NEGATORS } from './zh-seed-lexicon.js';

/**
 * Chinese day-0 sentiment from Osprey's seed lexicon. Per clause, each opinion word's valence is multiplied
 * by the degree words and negators in front of it (a negator's factor is −1, or about −0.4 for softened
 * negation such as 不太: "不太差" is only mildly positive); clauses opened by a contrast word (但是, 不过)
 * count 1.5×, the clauses before them 0.5×. The sum is squashed to [−1, 1] with tanh(sum / 2).
 *
 * Matching runs on jieba words; a word jieba keeps whole ("不太差", "很满意") that is not in the lexicon is
 * split into a known negator/degree prefix and an opinion word.
 */
const PREFIXES = [...NEGATORS.keys(), ...DEGREE_WORDS.keys()].sort((a, b) => b.length - a.length);
/** Opinion words further than this many words from a modifier are not modified by it. */
const WINDOW = 3;

interface Piece {
  kind: 'opinion' | 'negator' | 'degree';
  value: number;
  word: string;
}

function classify(word: string, next: string | undefined): Piece[] {
  const v = CHINESE_SEED_LEXICON.get(word);
  // '好' and '真' are both degree adverbs ("好慢") and opinions ("很好"): adverb when an opinion follows.
  if (v !== undefined && !(DEGREE_WORDS.has(word) && next !== undefined && CHINESE_SEED_LEXICON.has(next))) {
    return [{ kind: 'opinion', value: v, word }];
  }
  const n = NEGATORS.get(word);
  if (n !== undefined) return [{ kind: 'negator', value: n, word }];
  const d = DEGREE_WORDS.get(word);
  if (d !== undefined) return [{ kind: 'degree', value: d, word }];
  for (const p of PREFIXES) {
    if (word.length > p.length && word.startsWith(p)) {
      const rest = classify(word.slice(p.length), next);
      if (rest.length === 0) continue;
      const head = NEGATORS.has(p)
        ? { kind: 'negator' as const, value: NEGATORS.get(p)!, word: p }
        : { kind: 'degree' as const, value: DEGREE_WORDS.get(p)!, word: p };
      return [head, ...rest];
    }
  }
  return [];
}

export interface OpinionHit {
  word: string;
  /** Valence after degree and negation. */
  value: number;
}

/** Raw (unsquashed) lexicon score of one clause and the opinion words that made it. */
export function chineseClauseScore(clause: string): { score: number; hits: OpinionHit[] } {
  return scoreWords(tokenizeChinese(clause));
}

function scoreWords(words: readonly string[]): { score: number; hits: OpinionHit[] } {
  let negation = 1;
  let degree = 1;
  let sinceModifier = 0;
  let score = 0;
  const hits: OpinionHit[] = [];
  for (let i = 0; i < words.length; i++) {
    const pieces = classify(words[i], words[i + 1]);
    if (pieces.length === 0) {
      if (++sinceModifier > WINDOW) {
        negation = 1;
        degree = 1;
      }
      continue;
    }
    for (const p of pieces) {
      if (p.kind === 'negator') {
        negation *= p.value;
        sinceModifier = 0;
      } else if (p.kind === 'degree') {
        degree *= p.value;
        sinceModifier = 0;
      } else {
        // A negated opinion keeps only part of its strength: "不好" is bad, "不差" is merely fine.
        const v = negation < 0 ? p.value * negation * (p.value < 0 ? 0.75 : 1) : p.value * degree;
        const value = negation < 0 ? v * Math.min(degree, 1.2) : v;
        score += value;
        hits.push({ word: p.word, value });
        negation = 1;
        degree = 1;
        sinceModifier = 0;
      }
    }
  }
  return { score, hits };
}

// Clause boundaries among jieba's tokens: the same punctuation splitClauses uses.
const CLAUSE_BREAK = /^[。！？!?；;，,、…~～.]+$/u;
const CONTRAST = new Set(CONTRAST_WORDS);

/**
 * Sentiment of Chinese text in [−1, 1]; 0 when no opinion words are found. The text is segmented once and
 * cut into clauses at punctuation tokens (jieba never joins words across punctuation).
 */
export function chineseLexiconScore(text: string): number {
  const words = tokenizeChinese(text);
  let total = 0;
  let start = 0;
  for (let i = 0; i <= words.length; i++) {
    if (i < words.length && !CLAUSE_BREAK.test(words[i])) continue;
    if (i > start) {
      const { score } = scoreWords(words.slice(start, i));
      if (CONTRAST.has(words[start])) total = total * 0.5 + score * 1.5;
      else total += score;
    }
    start = i + 1;
  }
  return Math.tanh(total / 2);
}
