import { invalidInput, OspreyError } from '../core/errors.js';
import {
  type Estimator,
  type ModelArtifact,
  type ParamTable,
  requireFitted,
  validateParams,
} from '../ml/estimator.js';
import type { Csr } from '../ml/matrix.js';
import { type Language, splitScriptRuns } from './language.js';
import { CHAR_NGRAM_RANGE, charNgrams, wordNgrams } from './ngrams.js';
import { type LanguageOption, tokenize } from './tokenize.js';

/**
 * TF-IDF vectoriser producing CSR rows (scikit-learn's TfidfVectorizer semantics):
 *   tf  = count, or 1 + ln(count) with `sublinearTf`
 *   idf = ln((1 + n) / (1 + df)) + 1 with `smoothIdf`, else ln(n / df) + 1   (sklearn TfidfTransformer)
 *   row = tf · idf, then divided by its L2 norm with norm 'l2'.
 * The vocabulary keeps terms with df ≥ `minDf` (a count, or a fraction of documents when < 1) and
 * df ≤ `maxDf`·n, then the `maxFeatures` most frequent ones. `hashing: k` skips the vocabulary and maps
 * each term to FNV-1a(term) mod k, for vocabularies too large to keep (idf is still learned per column).
 */
export interface TfidfParams {
  analyzer: 'word' | 'char';
  lang: LanguageOption;
  /** [min, max] n-gram sizes; null → words [1, 1], characters 2–5 (en) and 1–3 (zh). */
  ngramRange: readonly [number, number] | null;
  /** Drop stop words before word n-grams (only for analyzer 'word'). */
  stopWords: boolean;
  minDf: number;
  maxDf: number;
  maxFeatures: number | null;
  sublinearTf: boolean;
  smoothIdf: boolean;
  norm: 'l2' | 'none';
  hashing: number | null;
}

export interface TfidfFitted {
  /** Column j's term (empty with hashing: hashed columns have no single name). */
  terms: string[];
  idf: number[];
  nFeatures: number;
  nDocuments: number;
}

export const TFIDF_DEFAULTS: TfidfParams = {
  analyzer: 'word',
  lang: 'auto',
  ngramRange: null,
  stopWords: false,
  minDf: 1,
  maxDf: 1,
  maxFeatures: null,
  sublinearTf: true,
  smoothIdf: true,
  norm: 'l2',
  hashing: null,
};

const TABLE: ParamTable<TfidfParams> = {
  analyzer: { type: 'enum', values: ['word', 'char'] },
  lang: { type: 'enum', values: ['auto', 'en', 'zh'] },
  ngramRange: { type: 'any' },
  stopWords: { type: 'boolean' },
  minDf: { type: 'number', min: 0, exclusiveMin: true },
  maxDf: { type: 'number', min: 0, max: 1, exclusiveMin: true },
  maxFeatures: { type: 'number', min: 1, integer: true, nullable: true },
  sublinearTf: { type: 'boolean' },
  smoothIdf: { type: 'boolean' },
  norm: { type: 'enum', values: ['l2', 'none'] },
  hashing: { type: 'number', min: 2, integer: true, nullable: true },
};

/**
 * Raw term counts of a corpus over a growing dictionary: rows = documents, columns = terms in order of first
 * appearance. Analyse a corpus once, then fit and transform any subset of its rows (cross-validation folds)
 * with `fitCounts` / `transformCounts` without re-tokenising.
 */
export interface TermCounts {
  counts: Csr;
  terms: string[];
}

/** FNV-1a 32-bit over UTF-16 code units. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Term → id dictionary with numeric fast paths: Chinese character n-grams (≤ 3 BMP characters) are keyed by
 * their base-65537 code, word n-grams by (id of the (n−1)-gram prefix, id of the last word). Map lookups on
 * numbers avoid building and hashing millions of short strings; a term's string is made once, when first seen.
 */
class TermDictionary {
  readonly terms: string[] = [];
  private readonly strings = new Map<string, number>();
  private readonly codes = new Map<number, number>();
  private readonly pairs = new Map<number, number>();

  str(s: string): number {
    let id = this.strings.get(s);
    if (id === undefined) {
      id = this.terms.length;
      this.strings.set(s, id);
      this.terms.push(s);
    }
    return id;
  }

  code(key: number, text: string, from: number, to: number): number {
    let id = this.codes.get(key);
    if (id === undefined) {
      id = this.terms.length;
      this.codes.set(key, id);
      this.terms.push(text.slice(from, to));
    }
    return id;
  }

  /** Id of the n-gram made of the (n−1)-gram `prefix` followed by word `last`. */
  pair(prefix: number, last: number): number {
    const key = prefix * 67108864 + last; // ids < 2^26, so the key is exact in a double
    let id = this.pairs.get(key);
    if (id === undefined) {
      id = this.terms.length;
      this.pairs.set(key, id);
      this.terms.push(`${this.terms[prefix]} ${this.terms[last]}`);
    }
    return id;
  }
}

/** Accumulates documents (arrays of term ids) into CSR counts. */
class CountBuilder {
  private readonly indptr: number[] = [0];
  private indices = new Int32Array(1 << 16);
  private data = new Float32Array(1 << 16);
  private nnz = 0;

  add(ids: Int32Array): void {
    const sorted = ids.sort();
    if (this.nnz + sorted.length > this.indices.length) {
      const cap = Math.max(this.indices.length * 2, this.nnz + sorted.length);
      const ni = new Int32Array(cap);
      ni.set(this.indices.subarray(0, this.nnz));
      this.indices = ni;
      const nd = new Float32Array(cap);
      nd.set(this.data.subarray(0, this.nnz));
      this.data = nd;
    }
    for (let i = 0; i < sorted.length; ) {
      let j = i + 1;
      while (j < sorted.length && sorted[j] === sorted[i]) j++;
      this.indices[this.nnz] = sorted[i];
      this.data[this.nnz] = j - i;
      this.nnz++;
      i = j;
    }
    this.indptr.push(this.nnz);
  }

  build(terms: string[]): TermCounts {
    const rows = this.indptr.length - 1;
    return {
      counts: {
        rows,
        cols: terms.length,
        indptr: Int32Array.from(this.indptr),
        indices: this.indices.slice(0, this.nnz),
        data: this.data.slice(0, this.nnz),
      },
      terms,
    };
  }
}

/** Count the terms of each document (arrays of terms) into a CSR matrix over a shared dictionary. */
export function countTerms(docs: Iterable<readonly string[]>): TermCounts {
  const dict = new TermDictionary();
  const builder = new CountBuilder();
  for (const doc of docs) builder.add(Int32Array.from(doc, (t) => dict.str(t)));
  return builder.build(dict.terms);
}

export class TfidfVectorizer implements Estimator<TfidfParams, TfidfFitted> {
  static readonly kind = 'text.tfidf';
  readonly params: Readonly<TfidfParams>;
  private state: TfidfFitted | undefined;
  private lookup: Map<string, number> | undefined;
  /** Column map (corpus term id → output column) per TermCounts seen by fitCounts/transformCounts. */
  private readonly maps = new WeakMap<TermCounts, Int32Array>();

  constructor(params: Partial<TfidfParams> = {}) {
    this.params = { ...TFIDF_DEFAULTS, ...params };
  }

  get fitted(): TfidfFitted {
    return requireFitted(this.state, TfidfVectorizer.kind);
  }

  /** The terms this vectoriser extracts from one text (before counting). */
  analyze(text: string): string[] {
    const p = this.params;
    if (typeof text !== 'string') throw invalidInput(`text must be a string; got ${typeof text}`);
    if (p.analyzer === 'char') {
      const ranges: Record<Language, readonly [number, number]> = p.ngramRange
        ? { en: p.ngramRange, zh: p.ngramRange }
        : CHAR_NGRAM_RANGE;
      return charNgrams(text, ranges, p.lang);
    }
    const [min, max] = p.ngramRange ?? [1, 1];
    return wordNgrams(tokenize(text, { lang: p.lang, removeStopWords: p.stopWords }), min, max);
  }

  private validate(): void {
    validateParams(TfidfVectorizer.kind, this.params, TABLE);
    const r = this.params.ngramRange;
    if (r !== null) {
      if (!Array.isArray(r) || r.length !== 2 || !Number.isInteger(r[0]) || !(r[0] >= 1) || !(r[1] >= r[0])) {
        throw invalidInput(
          `${TfidfVectorizer.kind}: parameter 'ngramRange' must be [min, max] with 1 <= min <= max`,
        );
      }
    }
    if (this.params.minDf >= 1 && !Number.isInteger(this.params.minDf)) {
      throw invalidInput(
        `${TfidfVectorizer.kind}: parameter 'minDf' must be an integer count or a fraction < 1`,
      );
    }
  }

  private checkTexts(texts: readonly string[]): void {
    if (!Array.isArray(texts)) throw invalidInput('texts must be an array of strings');
    for (let i = 0; i < texts.length; i++) {
      if (typeof texts[i] !== 'string')
        throw invalidInput(`texts[${i}] must be a string; got ${typeof texts[i]}`);
    }
  }

  /** Count terms of `texts` with this vectoriser's analyser (reusable across folds). */
  count(texts: readonly string[]): TermCounts {
    this.checkTexts(texts);
    const p = this.params;
    const dict = new TermDictionary();
    const builder = new CountBuilder();
    const ids: number[] = [];
    for (const text of texts) {
      ids.length = 0;
      if (p.analyzer === 'word') {
        const words = tokenize(text, { lang: p.lang, removeStopWords: p.stopWords }).map((w) => dict.str(w));
        const [min, max] = p.ngramRange ?? [1, 1];
        // Same order as wordNgrams: all n-grams of size n before those of size n + 1.
        let level = words;
        for (let n = 1; n <= max && level.length > 0; n++) {
          if (n > 1) {
            const next: number[] = [];
            for (let i = 0; i + n <= words.length; i++) {
              next.push(dict.pair(level[i], words[i + n - 1]));
            }
            level = next;
          }
          if (n >= min) for (const id of level) ids.push(id);
        }
      } else {
        const ranges = p.ngramRange ? { en: p.ngramRange, zh: p.ngramRange } : CHAR_NGRAM_RANGE;
        const runs = p.lang === 'auto' ? splitScriptRuns(text) : [{ lang: p.lang, text, start: 0 }];
        for (const run of runs) {
          const [min, max] = ranges[run.lang];
          const chars = run.lang === 'zh' ? run.text.replace(/\s+/g, '').toLowerCase() : '';
          if (run.lang === 'zh' && max <= 3 && !/[\uD800-\uDFFF]/.test(chars)) {
            for (let n = min; n <= max; n++) {
              for (let i = 0; i + n <= chars.length; i++) {
                let key = 0;
                for (let m = 0; m < n; m++) key = key * 65537 + chars.charCodeAt(i + m) + 1;
                ids.push(dict.code(key, chars, i, i + n));
              }
            }
          } else {
            for (const g of charNgrams(run.text, ranges, run.lang)) ids.push(dict.str(g));
          }
        }
      }
      builder.add(Int32Array.from(ids));
    }
    return builder.build(dict.terms);
  }

  fit(texts: readonly string[]): this {
    this.validate();
    this.checkTexts(texts);
    if (texts.length === 0) throw invalidInput('texts is empty: at least one document is required');
    return this.fitCounts(this.count(texts));
  }

  transform(texts: readonly string[]): Csr {
    this.checkTexts(texts);
    const f = this.fitted;
    const rows = texts.map((t) => this.analyze(t));
    const indptr = new Int32Array(rows.length + 1);
    const cols: number[] = [];
    const vals: number[] = [];
    const acc = new Map<number, number>();
    for (let r = 0; r < rows.length; r++) {
      acc.clear();
      for (const term of rows[r]) {
        const c = this.columnOf(term);
        if (c >= 0) acc.set(c, (acc.get(c) ?? 0) + 1);
      }
      const keys = [...acc.keys()].sort((a, b) => a - b);
      const start = cols.length;
      for (const c of keys) {
        cols.push(c);
        vals.push(acc.get(c)!);
      }
      this.weightRow(vals, cols, start, f.idf);
      indptr[r + 1] = cols.length;
    }
    return {
      rows: rows.length,
      cols: f.nFeatures,
      indptr,
      indices: Int32Array.from(cols),
      data: Float64Array.from(vals),
    };
  }

  fitTransform(texts: readonly string[]): Csr {
    return this.fit(texts).transform(texts);
  }

  /** Output column of a term, or -1 when it is not in the vocabulary. */
  columnOf(term: string): number {
    const f = this.fitted;
    if (this.params.hashing !== null) return fnv1a(term) % this.params.hashing;
    if (!this.lookup) this.lookup = new Map(f.terms.map((t, i) => [t, i]));
    return this.lookup.get(term) ?? -1;
  }

  /**
   * Learn vocabulary and idf from some rows (default all) of a pre-counted corpus. Use with
   * `transformCounts` on the same TermCounts to avoid re-tokenising in cross-validation.
   */
  fitCounts(tc: TermCounts, rows?: ArrayLike<number>): this {
    this.validate();
    const p = this.params;
    const { counts } = tc;
    const n = rows ? rows.length : counts.rows;
    if (n === 0) throw invalidInput('no documents to fit: at least one row is required');
    const df = new Int32Array(counts.cols);
    const tf = new Float64Array(counts.cols);
    for (let i = 0; i < n; i++) {
      const r = rows ? rows[i] : i;
      for (let k = counts.indptr[r]; k < counts.indptr[r + 1]; k++) {
        df[counts.indices[k]]++;
        tf[counts.indices[k]] += counts.data[k];
      }
    }
    const map = new Int32Array(counts.cols).fill(-1);
    let terms: string[] = [];
    let colDf: number[];
    if (p.hashing !== null) {
      colDf = new Array<number>(p.hashing).fill(0);
      // df of a hashed column ≈ sum of its terms' df (exact unless two terms of one document collide).
      for (let t = 0; t < counts.cols; t++) {
        if (df[t] === 0) continue;
        const c = fnv1a(tc.terms[t]) % p.hashing;
        map[t] = c;
        colDf[c] += df[t];
      }
    } else {
      const minDf = p.minDf >= 1 ? p.minDf : Math.ceil(p.minDf * n);
      const maxDf = p.maxDf * n;
      let keep: number[] = [];
      for (let t = 0; t < counts.cols; t++) if (df[t] > 0 && df[t] >= minDf && df[t] <= maxDf) keep.push(t);
      if (p.maxFeatures !== null && keep.length > p.maxFeatures) {
        // Most frequent terms first; ties by first appearance so the choice is deterministic.
        keep.sort((a, b) => tf[b] - tf[a] || a - b);
        keep = keep.slice(0, p.maxFeatures).sort((a, b) => a - b);
      }
      if (keep.length === 0) {
        throw new OspreyError(
          'INVALID_INPUT',
          `no terms left after minDf=${p.minDf}, maxDf=${p.maxDf}: lower minDf or give more documents`,
        );
      }
      colDf = keep.map((t) => df[t]);
      terms = keep.map((t) => tc.terms[t]);
      keep.forEach((t, c) => {
        map[t] = c;
      });
    }
    const idf = colDf.map((d) =>
      p.smoothIdf ? Math.log((1 + n) / (1 + d)) + 1 : d > 0 ? Math.log(n / d) + 1 : 0,
    );
    this.state = { terms, idf, nFeatures: idf.length, nDocuments: n };
    this.lookup = undefined;
    this.maps.set(tc, map);
    return this;
  }

  /** TF-IDF rows for some rows (default all) of a pre-counted corpus. */
  transformCounts(tc: TermCounts, rows?: ArrayLike<number>): Csr {
    const f = this.fitted;
    let map = this.maps.get(tc);
    if (!map || map.length < tc.counts.cols) {
      map = new Int32Array(tc.counts.cols);
      for (let t = 0; t < tc.counts.cols; t++) map[t] = this.columnOf(tc.terms[t]);
      this.maps.set(tc, map);
    }
    const { counts } = tc;
    const n = rows ? rows.length : counts.rows;
    let nnz = 0;
    for (let i = 0; i < n; i++) {
      const r = rows ? rows[i] : i;
      nnz += counts.indptr[r + 1] - counts.indptr[r];
    }
    const indptr = new Int32Array(n + 1);
    const indices = new Int32Array(nnz);
    const data = new Float64Array(nnz);
    const cols: number[] = [];
    const vals: number[] = [];
    const hashed = this.params.hashing !== null;
    const acc = new Map<number, number>();
    let w = 0;
    for (let i = 0; i < n; i++) {
      const r = rows ? rows[i] : i;
      cols.length = 0;
      vals.length = 0;
      if (hashed) {
        acc.clear();
        for (let k = counts.indptr[r]; k < counts.indptr[r + 1]; k++) {
          const c = map[counts.indices[k]];
          acc.set(c, (acc.get(c) ?? 0) + counts.data[k]);
        }
        for (const c of [...acc.keys()].sort((a, b) => a - b)) {
          cols.push(c);
          vals.push(acc.get(c)!);
        }
      } else {
        // Vocabulary columns are increasing in corpus term id, so row order is already sorted.
        for (let k = counts.indptr[r]; k < counts.indptr[r + 1]; k++) {
          const c = map[counts.indices[k]];
          if (c >= 0) {
            cols.push(c);
            vals.push(counts.data[k]);
          }
        }
      }
      this.weightRow(vals, cols, 0, f.idf);
      for (let j = 0; j < cols.length; j++, w++) {
        indices[w] = cols[j];
        data[w] = vals[j];
      }
      indptr[i + 1] = w;
    }
    return { rows: n, cols: f.nFeatures, indptr, indices: indices.slice(0, w), data: data.slice(0, w) };
  }

  /** tf transform, idf weighting and normalisation of vals[start..] in place. */
  private weightRow(vals: number[], cols: number[], start: number, idf: readonly number[]): void {
    const p = this.params;
    let ss = 0;
    for (let j = start; j < vals.length; j++) {
      const tf = p.sublinearTf ? 1 + Math.log(vals[j]) : vals[j];
      const v = tf * idf[cols[j]];
      vals[j] = v;
      ss += v * v;
    }
    if (p.norm === 'l2' && ss > 0) {
      const inv = 1 / Math.sqrt(ss);
      for (let j = start; j < vals.length; j++) vals[j] *= inv;
    }
  }

  toJSON(): ModelArtifact<TfidfParams, TfidfFitted> {
    return { kind: TfidfVectorizer.kind, version: 1, params: { ...this.params }, fitted: this.fitted };
  }

  static fromJSON(a: ModelArtifact<TfidfParams, TfidfFitted>): TfidfVectorizer {
    if (a?.kind !== TfidfVectorizer.kind) {
      throw invalidInput(`artifact kind must be '${TfidfVectorizer.kind}'; got '${String(a?.kind)}'`);
    }
    if (a.version !== 1)
      throw invalidInput(`${TfidfVectorizer.kind}: unsupported artifact version ${a.version}`);
    const v = new TfidfVectorizer(a.params);
    v.state = {
      terms: a.fitted.terms.slice(),
      idf: a.fitted.idf.slice(),
      nFeatures: a.fitted.nFeatures,
      nDocuments: a.fitted.nDocuments,
    };
    return v;
  }
}
