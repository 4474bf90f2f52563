import { tokenizeEnglish } from '../tokenize-en.js';

/**
 * Review words AFINN (wink-nlp's lexicon) leaves out because they are only opinions in a shopping context:
 * "slow", "late", "flimsy", "overpriced". Written by the Osprey authors; used where wink finds no opinion
 * at all, so wink's own valences are never overridden.
 */
const WORDS: Record<string, number> = {
  slow: -1,
  slowly: -1,
  late: -1,
  delayed: -1,
  delay: -1,
  lost: -1,
  missing: -1,
  overpriced: -2,
  expensive: -1,
  pricey: -1,
  costly: -1,
  flimsy: -2,
  cheaply: -1,
  broke: -2,
  broken: -2,
  defective: -2,
  damaged: -2,
  dented: -1,
  leaked: -2,
  leaking: -1,
  leaks: -1,
  cracked: -2,
  torn: -2,
  faulty: -2,
  stale: -1,
  soggy: -1,
  bland: -1,
  undercooked: -2,
  overcooked: -1,
  cold: -1,
  rude: -2,
  unhelpful: -2,
  tight: -1,
  loose: -1,
  small: -1,
  smaller: -1,
  noisy: -1,
  refund: -1,
  returned: -1,
  return: -1,
  junk: -2,
  garbage: -2,
  waste: -2,
  crap: -2,
  fast: 1,
  quick: 1,
  quickly: 1,
  prompt: 1,
  promptly: 1,
  early: 1,
  cheap: 1,
  affordable: 1,
  bargain: 1,
  sturdy: 1,
  solid: 1,
  durable: 1,
  fits: 1,
  comfy: 1,
  comfortable: 1,
  tasty: 2,
  delicious: 2,
  fresh: 1,
  friendly: 2,
  helpful: 2,
  polite: 1,
  attentive: 1,
  works: 1,
  recommend: 2,
  recommended: 2,
};
const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'nothing',
  "don't",
  "doesn't",
  "didn't",
  "isn't",
  "wasn't",
  "aren't",
  "weren't",
  "won't",
  "can't",
  "couldn't",
  "wouldn't",
  'hardly',
  'without',
]);

/** Score of review words with negation within the three words before; 0 when none is present. */
export function englishReviewWordScore(text: string): number {
  const tokens = tokenizeEnglish(text);
  let s = 0;
  for (let i = 0; i < tokens.length; i++) {
    const v = WORDS[tokens[i]];
    if (v === undefined) continue;
    let negated = false;
    for (let j = Math.max(0, i - 3); j < i; j++) if (NEGATORS.has(tokens[j])) negated = !negated;
    s += negated ? -v * 0.75 : v;
  }
  return Math.tanh(s / 2);
}
