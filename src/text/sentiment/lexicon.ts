import type { Language } from '../language.js';
import { englishLexiconScore } from './lexicon-en.js';
import { chineseLexiconScore } from './lexicon-zh.js';

/**
 * Day-0 lexicon sentiment for either language: wink-nlp for English, Osprey's seed lexicon for Chinese.
 * Scores are in [−1, 1]; a text is "positive" when its score is > 0, "negative" when < 0 and "neutral" at
 * exactly 0 (no opinion words found). Binary evaluation counts neutral as not positive.
 */
export function lexiconScore(text: string, lang: Language): number {
  return lang === 'zh' ? chineseLexiconScore(text) : englishLexiconScore(text);
}

export type Polarity = 'positive' | 'negative' | 'neutral';

export function polarityOf(score: number, deadZone = 0): Polarity {
  return score > deadZone ? 'positive' : score < -deadZone ? 'negative' : 'neutral';
}
