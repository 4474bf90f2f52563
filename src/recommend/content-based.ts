import { invalidInput } from '../core/errors.js';
import type { FitOptions, ModelArtifact, ParamTable, Recommender } from '../ml/estimator.js';
import type { Csr } from '../ml/matrix.js';
import { type TfidfParams, TfidfVectorizer } from '../text/tfidf.js';
import {
  type BaseFitted,
  baseFromPlain,
  checkArtifact,
  f64,
  i32,
  type Plain,
  RecommenderBase,
} from './recommender-base.js';

export interface ContentBasedParams {
  /** TF-IDF settings (src/text's vectoriser: English and Chinese tokenisation by script). */
  tfidf: Partial<TfidfParams>;
}

export interface ContentBasedFitted extends BaseFitted {
  nFeatures: number;
  /** item × term TF-IDF rows, L2-normalised (CSR). */
  itemIndptr: Int32Array;
  itemIndices: Int32Array;
  itemData: Float64Array;
}

/**
 * Content-based recommender: items are TF-IDF vectors of their text (title, description, category,
 * tags joined by the caller), a user's profile is the interaction-weighted mean of the items they
 * consumed, and items are scored by cosine to that profile. Works for items nobody has interacted
 * with yet — the cold-start complement to the collaborative models. Item texts are side information,
 * given with `withItemTexts` before `fit` (one text per item column).
 */
export class ContentBased
  extends RecommenderBase<ContentBasedParams, ContentBasedFitted>
  implements Recommender<ContentBasedParams, Plain<ContentBasedFitted>>
{
  readonly kind = 'content';
  readonly version = 1;
  protected readonly paramTable: ParamTable<ContentBasedParams> = { tfidf: { type: 'any' } };
  private itemTexts?: readonly string[];
  private profile?: Float64Array;

  constructor(params: Partial<ContentBasedParams> = {}) {
    super({ tfidf: { stopWords: true }, ...params });
  }

  /** Item texts, index-aligned with the interaction matrix's columns. */
  withItemTexts(texts: readonly string[]): this {
    this.itemTexts = texts;
    return this;
  }

  static fromJSON(a: ModelArtifact<ContentBasedParams, Plain<ContentBasedFitted>>): ContentBased {
    checkArtifact(a, 'content', 1);
    const f = a.fitted;
    return new ContentBased(a.params).restore({
      ...baseFromPlain(f),
      nFeatures: f.nFeatures,
      itemIndptr: i32(f.itemIndptr),
      itemIndices: i32(f.itemIndices),
      itemData: f64(f.itemData),
    });
  }

  protected fitUnchecked(X: Csr, base: BaseFitted, _o: FitOptions): ContentBasedFitted {
    const texts = this.itemTexts;
    if (!texts) throw invalidInput('content: item texts are missing; call withItemTexts(texts) before fit');
    if (texts.length !== X.cols) {
      throw invalidInput(`content: ${texts.length} item texts for ${X.cols} item columns`);
    }
    texts.forEach((t, i) => {
      if (typeof t !== 'string') throw invalidInput(`content: item text ${i} is not a string`);
    });
    const V = new TfidfVectorizer(this.params.tfidf).fitTransform(texts);
    return {
      ...base,
      nFeatures: V.cols,
      itemIndptr: Int32Array.from(V.indptr),
      itemIndices: Int32Array.from(V.indices),
      itemData: Float64Array.from(V.data),
    };
  }

  protected scoreUnchecked(user: number, out: Float64Array): void {
    const s = this.fitted;
    if (this.profile?.length !== s.nFeatures) this.profile = new Float64Array(s.nFeatures);
    const profile = this.profile;
    profile.fill(0);
    for (let p = s.historyIndptr[user]; p < s.historyIndptr[user + 1]; p++) {
      const i = s.historyIndices[p];
      const w = s.historyData[p];
      for (let q = s.itemIndptr[i]; q < s.itemIndptr[i + 1]; q++)
        profile[s.itemIndices[q]] += w * s.itemData[q];
    }
    // cosine: item rows are unit length; the profile's norm does not change the ranking but keeps
    // scores in [-1, 1] for blending
    let norm = 0;
    for (let t = 0; t < s.nFeatures; t++) norm += profile[t] * profile[t];
    norm = Math.sqrt(norm) || 1;
    this.dotAll(profile, out, norm);
  }

  protected override itemSimilarities(item: number, out: Float64Array): void {
    const s = this.fitted;
    if (this.profile?.length !== s.nFeatures) this.profile = new Float64Array(s.nFeatures);
    const v = this.profile;
    v.fill(0);
    for (let q = s.itemIndptr[item]; q < s.itemIndptr[item + 1]; q++) v[s.itemIndices[q]] = s.itemData[q];
    this.dotAll(v, out, 1);
  }

  private dotAll(v: Float64Array, out: Float64Array, scale: number): void {
    const s = this.fitted;
    for (let j = 0; j < s.nItems; j++) {
      let d = 0;
      for (let q = s.itemIndptr[j]; q < s.itemIndptr[j + 1]; q++) d += v[s.itemIndices[q]] * s.itemData[q];
      out[j] = d / scale;
    }
  }
}
