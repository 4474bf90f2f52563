import { describe, expect, it } from 'vitest';
import { isOspreyError } from '../core/errors.js';
import { TfidfVectorizer } from './tfidf.js';

const docs = ['good phone good price', 'bad phone', 'good delivery'];

function row(
  m: ReturnType<TfidfVectorizer['transform']>,
  r: number,
  terms: string[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (let k = m.indptr[r]; k < m.indptr[r + 1]; k++) out[terms[m.indices[k]]] = m.data[k];
  return out;
}

describe('TfidfVectorizer', () => {
  it('matches sklearn TfidfVectorizer(sublinear_tf=True) on a known corpus', () => {
    // Recorded from sklearn 1.2.1 TfidfVectorizer(sublinear_tf=True).fit_transform(docs)
    // idf(good)=ln(4/3)+1=1.28768, idf(phone)=1.28768, idf(price)=idf(bad)=idf(delivery)=ln(4/2)+1=1.69315
    const v = new TfidfVectorizer();
    const m = v.fitTransform(docs);
    expect(v.fitted.terms).toEqual(['good', 'phone', 'price', 'bad', 'delivery']);
    const r0 = row(m, 0, v.fitted.terms);
    const g = (1 + Math.log(2)) * (Math.log(4 / 3) + 1);
    const ph = Math.log(4 / 3) + 1;
    const pr = Math.log(2) + 1;
    const norm = Math.hypot(g, ph, pr);
    expect(r0.good).toBeCloseTo(g / norm, 6);
    expect(r0.good).toBeCloseTo(0.715763, 6);
    expect(r0.phone).toBeCloseTo(0.422741, 6);
    expect(r0.price).toBeCloseTo(0.555854, 6);
    expect(row(m, 1, v.fitted.terms)).toEqual({
      bad: expect.closeTo(0.795961, 6),
      phone: expect.closeTo(0.605349, 6),
    });
  });

  it('applies minDf, maxFeatures and word n-grams', () => {
    const v = new TfidfVectorizer({ minDf: 2 }).fit(docs);
    expect(v.fitted.terms).toEqual(['good', 'phone']);
    const b = new TfidfVectorizer({ ngramRange: [1, 2], maxFeatures: 3 }).fit(docs);
    expect(b.fitted.terms).toEqual(['good', 'phone', 'price']);
    expect(new TfidfVectorizer({ ngramRange: [2, 2] }).fit(docs).fitted.terms).toContain('good phone');
  });

  it('hashes terms into a fixed number of columns', () => {
    const v = new TfidfVectorizer({ hashing: 16 }).fit(docs);
    const m = v.transform(['good phone', 'unseen words']);
    expect(m.cols).toBe(16);
    expect(m.indptr[1]).toBe(2);
    // Unseen terms still hash to a column (idf of an empty column = ln(4/1)+1).
    expect(m.indptr[2] - m.indptr[1]).toBe(2);
  });

  it('character n-grams for both languages and unknown terms are ignored', () => {
    const v = new TfidfVectorizer({ analyzer: 'char' }).fit(['很好', 'ok']);
    expect(v.fitted.terms).toEqual(['很', '好', '很好', ' o', 'ok', 'k ', ' ok', 'ok ', ' ok ']);
    expect(v.transform(['坏']).indptr[1]).toBe(0);
  });

  it('counts once and fits/transforms row subsets identically to fit/transform', () => {
    const v = new TfidfVectorizer({ ngramRange: [1, 2] });
    const tc = v.count(docs);
    v.fitCounts(tc, [0, 1]);
    const a = v.transformCounts(tc, [2]);
    const w = new TfidfVectorizer({ ngramRange: [1, 2] }).fit(docs.slice(0, 2));
    const b = w.transform([docs[2]]);
    expect(v.fitted).toEqual(w.fitted);
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
  });

  it('the fast counting path yields exactly the terms of analyze()', () => {
    const texts = ['质量很好，送货快 Great value!', 'not good, 不太好😀用', 'ok ok ok', ''];
    for (const params of [
      { analyzer: 'char' as const },
      { analyzer: 'word' as const, ngramRange: [1, 3] as const },
      { analyzer: 'word' as const, ngramRange: [2, 3] as const, stopWords: true },
    ]) {
      const v = new TfidfVectorizer(params);
      const tc = v.count(texts);
      texts.forEach((t, r) => {
        const expected = new Map<string, number>();
        for (const term of v.analyze(t)) expected.set(term, (expected.get(term) ?? 0) + 1);
        const got = new Map<string, number>();
        for (let k = tc.counts.indptr[r]; k < tc.counts.indptr[r + 1]; k++) {
          got.set(tc.terms[tc.counts.indices[k]], tc.counts.data[k]);
        }
        expect(got).toEqual(expected);
      });
    }
  });

  it('round-trips through JSON', () => {
    const v = new TfidfVectorizer({ ngramRange: [1, 2] }).fit(docs);
    const w = TfidfVectorizer.fromJSON(JSON.parse(JSON.stringify(v.toJSON())));
    expect(w.transform(['good price phone'])).toEqual(v.transform(['good price phone']));
  });

  it('rejects bad input naming the problem', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return isOspreyError(e) ? `${e.code}: ${e.message}` : String(e);
      }
      return 'no error';
    };
    expect(err(() => new TfidfVectorizer().fit([]))).toMatch(/INVALID_INPUT: texts is empty/);
    expect(err(() => new TfidfVectorizer().fit(['a', 3 as unknown as string]))).toMatch(/texts\[1\]/);
    expect(err(() => new TfidfVectorizer({ minDf: 5 }).fit(docs))).toMatch(/no terms left/);
    expect(err(() => new TfidfVectorizer({ ngramRange: [2, 1] }).fit(docs))).toMatch(/ngramRange/);
    expect(err(() => new TfidfVectorizer().transform(['x']))).toMatch(/NOT_FITTED/);
  });
});
