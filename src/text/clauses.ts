/**
 * Clause splitting for aspect and lexicon sentiment: opinions attach to the clause they are in
 * ("价格便宜，但是送餐太慢了" has a positive price clause and a negative delivery clause).
 * Splits on sentence and clause punctuation of both languages and on English contrast conjunctions.
 */
const PUNCT = /[。！？!?；;，,、…\n\r]+|\.(?=\s|$)|~+|～+/u;
const EN_CONTRAST = /\s+(?:but|however|although|though|yet|except)\s+/iu;

export interface Clause {
  text: string;
  /** Offset in the original text. */
  start: number;
}

export function splitClauses(text: string): Clause[] {
  const out: Clause[] = [];
  const re = new RegExp(`${PUNCT.source}|${EN_CONTRAST.source}`, 'giu');
  let last = 0;
  for (const m of text.matchAll(re)) {
    push(out, text, last, m.index);
    last = m.index + m[0].length;
    // Keep the contrast word with the clause it introduces: it tells the scorer to weigh that clause more.
    const word = m[0].trim();
    if (/^[a-z]+$/i.test(word)) last = m.index + m[0].indexOf(word);
  }
  push(out, text, last, text.length);
  return out;
}

function push(out: Clause[], text: string, from: number, to: number): void {
  const raw = text.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const t = raw.trim();
  if (t) out.push({ text: t, start: from + lead });
}
