/**
 * English word tokeniser: lower-cased runs of letters/digits, keeping in-word apostrophes so that
 * negating contractions survive as one token ("don't", "isn't" — sentiment depends on them).
 *
 * Why not wink-nlp's tokeniser here: `nlp.readDoc` runs the whole pipeline (sentence boundaries, POS,
 * negation, sentiment) per document; the vectoriser only needs word boundaries and runs over every review
 * of a shop on each refit. `npm run bench:text` prints both throughputs. wink-nlp is still used for the
 * English day-0 sentiment lexicon, where its negation handling is the point.
 */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

export function tokenizeEnglish(text: string): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase();
  for (const m of lower.matchAll(WORD)) out.push(m[0].replace('’', "'"));
  return out;
}
