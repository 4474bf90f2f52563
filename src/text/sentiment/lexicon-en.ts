import { createRequire } from 'node:module';

/**
 * English day-0 sentiment: wink-nlp's lexicon scorer (AFINN-style valences with negation handling, emoji
 * and emoticons), whose model ships inside the npm package — no download, no training.
 * Only the pipeline steps sentiment needs run (sentence boundaries, negation, sentiment): POS and NER
 * would only cost time.
 */
interface WinkDoc {
  out(f: unknown): unknown;
}
interface WinkNlp {
  readDoc(text: string): WinkDoc;
  its: { sentiment: unknown };
}

const require = createRequire(import.meta.url);
let nlp: WinkNlp | undefined;

function load(): WinkNlp {
  if (nlp) return nlp;
  const winkNLP = require('wink-nlp') as (model: unknown, pipe?: string[]) => WinkNlp;
  const model = require('wink-eng-lite-web-model') as unknown;
  nlp = winkNLP(model, ['sbd', 'negation', 'sentiment']);
  return nlp;
}

/** Sentiment of English text in [-1, 1]; 0 when no opinion words are found. */
export function englishLexiconScore(text: string): number {
  if (!text.trim()) return 0;
  const w = load();
  const s = w.readDoc(text).out(w.its.sentiment);
  return typeof s === 'number' && Number.isFinite(s) ? Math.max(-1, Math.min(1, s)) : 0;
}
