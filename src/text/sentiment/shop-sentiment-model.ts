import { invalidInput } from '../../core/errors.js';
import type { ModelArtifact } from '../../ml/estimator.js';
import type { Language } from '../language.js';
import { type LanguageOption, routeLanguage } from '../tokenize.js';
import { lexiconScore, type Polarity, polarityOf } from './lexicon.js';
import {
  type Contribution,
  TextSentimentClassifier,
  type TextSentimentFitted,
  type TextSentimentParams,
} from './text-sentiment-classifier.js';

/**
 * A shop's review sentiment model. It starts as the day-0 lexicon and switches itself to a learned model
 * (word + character TF-IDF → linear SVM, Platt-calibrated) once the shop has enough labelled reviews;
 * every score says which model made it. Star ratings count as labels: 4–5 stars positive, 1–2 negative,
 * 3 stars carries no label.
 *
 * Threshold: learned from 200 labelled reviews with at least 50 of each class. Below that, a model that sees
 * 40 reviews per cross-validation fold is noisier than the lexicon; on the UCI sets the learned model
 * with 1,000 sentences beats the lexicon by 1–6 points (bench/RESULTS.md).
 */
export interface ShopSentimentParams {
  minLabels: number;
  minPerClass: number;
  lang: LanguageOption;
  learned: Partial<TextSentimentParams>;
}

export const SHOP_SENTIMENT_DEFAULTS: ShopSentimentParams = {
  minLabels: 200,
  minPerClass: 50,
  lang: 'auto',
  learned: { model: 'svm' },
};

export interface LabelledReview {
  text: string;
  /** Explicit label: 1 positive, 0 negative. Wins over `rating`. */
  label?: 0 | 1;
  /** Star rating on a 1–5 scale. */
  rating?: number;
}

export interface SentimentScore {
  polarity: Polarity;
  /** Signed strength in [−1, 1]. */
  score: number;
  /** P(positive): Platt-calibrated for the learned model; (score + 1) / 2 (uncalibrated) for the lexicon. */
  probability: number;
  model: 'lexicon' | 'learned';
  lang: Language;
  /** Learned model only: the n-grams that pushed the score most. */
  explanation?: { positive: Contribution[]; negative: Contribution[] };
}

/** Label from a star rating (1–5): 4–5 → 1, 1–2 → 0, 3 → null (neutral carries no label). */
export function labelFromRating(rating: number): 0 | 1 | null {
  if (!Number.isFinite(rating) || rating < 1 || rating > 5) {
    throw invalidInput(`rating must be a number from 1 to 5; got ${rating}`);
  }
  return rating >= 4 ? 1 : rating <= 2 ? 0 : null;
}

export interface ShopSentimentState {
  inUse: 'lexicon' | 'learned';
  labels: { positive: number; negative: number };
  learned: ModelArtifact<TextSentimentParams, TextSentimentFitted> | null;
}

export class ShopSentimentModel {
  static readonly kind = 'text.shop-sentiment';
  readonly params: Readonly<ShopSentimentParams>;
  private state: ShopSentimentState = {
    inUse: 'lexicon',
    labels: { positive: 0, negative: 0 },
    learned: null,
  };
  private learned: TextSentimentClassifier | undefined;

  constructor(params: Partial<ShopSentimentParams> = {}) {
    this.params = { ...SHOP_SENTIMENT_DEFAULTS, ...params };
  }

  /** Which model scores now. */
  get inUse(): 'lexicon' | 'learned' {
    return this.state.inUse;
  }

  get labels(): { positive: number; negative: number } {
    return { ...this.state.labels };
  }

  /**
   * Learn from the shop's reviews: with enough labels (explicit or from ratings) train the learned model and
   * switch to it; otherwise stay on (or go back to) the lexicon.
   */
  fit(reviews: readonly LabelledReview[]): this {
    const texts: string[] = [];
    const y: number[] = [];
    reviews.forEach((r, i) => {
      if (typeof r?.text !== 'string') throw invalidInput(`reviews[${i}].text must be a string`);
      let label: 0 | 1 | null = null;
      if (r.label !== undefined) {
        if (r.label !== 0 && r.label !== 1)
          throw invalidInput(`reviews[${i}].label must be 0 or 1; got ${r.label}`);
        label = r.label;
      } else if (r.rating !== undefined) {
        try {
          label = labelFromRating(r.rating);
        } catch {
          throw invalidInput(`reviews[${i}].rating must be a number from 1 to 5; got ${r.rating}`);
        }
      }
      if (label === null || r.text.trim() === '') return;
      texts.push(r.text);
      y.push(label);
    });
    const positive = y.filter((v) => v === 1).length;
    const negative = y.length - positive;
    const enough =
      y.length >= this.params.minLabels &&
      positive >= this.params.minPerClass &&
      negative >= this.params.minPerClass;
    if (enough) {
      this.learned = new TextSentimentClassifier({ lang: this.params.lang, ...this.params.learned }).fit(
        texts,
        y,
      );
      this.state = { inUse: 'learned', labels: { positive, negative }, learned: this.learned.toJSON() };
    } else {
      this.learned = undefined;
      this.state = { inUse: 'lexicon', labels: { positive, negative }, learned: null };
    }
    return this;
  }

  score(text: string, o: { explain?: boolean } = {}): SentimentScore {
    if (typeof text !== 'string') throw invalidInput(`text must be a string; got ${typeof text}`);
    const lang = routeLanguage(text, this.params.lang);
    if (this.learned) {
      const dec = this.learned.decisionFunction([text]);
      const probability = this.learned.probabilityFromDecision(dec)[0];
      const score = 2 * probability - 1;
      return {
        polarity: polarityOf(dec[0]),
        score,
        probability,
        model: 'learned',
        lang,
        ...(o.explain === false ? {} : { explanation: this.learned.explain(text, 5) }),
      };
    }
    const score = lexiconScore(text, lang);
    return { polarity: polarityOf(score), score, probability: (score + 1) / 2, model: 'lexicon', lang };
  }

  toJSON(): ModelArtifact<ShopSentimentParams, ShopSentimentState> {
    return { kind: ShopSentimentModel.kind, version: 1, params: { ...this.params }, fitted: this.state };
  }

  static fromJSON(a: ModelArtifact<ShopSentimentParams, ShopSentimentState>): ShopSentimentModel {
    if (a?.kind !== ShopSentimentModel.kind) {
      throw invalidInput(`artifact kind must be '${ShopSentimentModel.kind}'; got '${String(a?.kind)}'`);
    }
    const m = new ShopSentimentModel(a.params);
    m.state = structuredClone(a.fitted);
    m.learned = a.fitted.learned ? TextSentimentClassifier.fromJSON(a.fitted.learned) : undefined;
    return m;
  }
}
