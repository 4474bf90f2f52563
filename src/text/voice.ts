import { invalidInput } from '../core/errors.js';
import { type AspectCategory, type AspectMention, extractAspects } from './aspects.js';
import { type Keyword, textRankKeywords, tfidfKeywords } from './keywords.js';
import type { Language } from './language.js';
import { type Polarity, polarityOf } from './sentiment/lexicon.js';
import {
  labelFromRating,
  type SentimentScore,
  ShopSentimentModel,
} from './sentiment/shop-sentiment-model.js';

/**
 * Voice of the customer: the pure domain functions behind `Product Reviewed` scoring on ingestion and
 * `GET /api/items/:id/voice`. No I/O: the ingest job and the route pass reviews in and store/serve the result.
 */
export interface ScoredReview {
  sentiment: SentimentScore;
  aspects: AspectMention[];
  /** The label the star rating implies (4–5 → 1, 1–2 → 0, 3 → null); used to train the shop's model. */
  ratingLabel: 0 | 1 | null;
}

export interface ScoreReviewOptions {
  /** The shop's model; the day-0 lexicon when absent. */
  model?: ShopSentimentModel;
  aspects?: readonly AspectCategory[];
}

const dayZero = new ShopSentimentModel();

/**
 * Score one review (`Product Reviewed`: review_body, rating). The text decides the sentiment; a review with
 * no opinion words (or no text) but a star rating takes its polarity from the rating.
 */
export function scoreReview(text: string, rating?: number, o: ScoreReviewOptions = {}): ScoredReview {
  if (typeof text !== 'string') throw invalidInput(`review_body must be a string; got ${typeof text}`);
  const ratingLabel = rating === undefined || rating === null ? null : labelFromRating(rating);
  let sentiment = (o.model ?? dayZero).score(text);
  if (sentiment.model === 'lexicon' && sentiment.score === 0 && rating !== undefined && rating !== null) {
    const score = (rating - 3) / 2;
    sentiment = { ...sentiment, score, probability: (score + 1) / 2, polarity: polarityOf(score) };
  }
  return { sentiment, aspects: extractAspects(text, { categories: o.aspects }), ratingLabel };
}

export interface VoiceReview {
  text: string;
  rating?: number;
  /** ISO date-time or epoch milliseconds. */
  timestamp?: string | number | Date;
  id?: string;
  /** A stored score from ingestion; computed when absent. */
  scored?: ScoredReview;
}

export interface VoiceSummary {
  reviews: number;
  model: 'lexicon' | 'learned' | 'mixed';
  overall: { meanScore: number; positiveShare: number; negativeShare: number };
  /** One point per period, oldest first. */
  trend: { period: string; reviews: number; meanScore: number; positiveShare: number }[];
  aspects: {
    aspect: string;
    positive: number;
    negative: number;
    neutral: number;
    /** Up to 3 clauses per polarity, as evidence ("送餐太慢了"). */
    examples: { polarity: Polarity; clause: string }[];
  }[];
  keywords: { tfidf: Keyword[]; textrank: Keyword[] };
  representative: { positive: RepresentativeReview[]; negative: RepresentativeReview[] };
}

export interface RepresentativeReview {
  id?: string;
  text: string;
  score: number;
  lang: Language;
}

export interface SummariseVoiceOptions extends ScoreReviewOptions {
  bucket?: 'day' | 'week' | 'month';
  topKeywords?: number;
  representatives?: number;
  /** Background corpus for keyword idf (e.g. all the shop's reviews). */
  background?: readonly string[];
}

function periodOf(ts: VoiceReview['timestamp'], bucket: 'day' | 'week' | 'month', i: number): string | null {
  if (ts === undefined) return null;
  const d = ts instanceof Date ? ts : new Date(ts);
  if (Number.isNaN(d.getTime())) throw invalidInput(`reviews[${i}].timestamp is not a date: ${String(ts)}`);
  if (bucket === 'month') return d.toISOString().slice(0, 7);
  if (bucket === 'day') return d.toISOString().slice(0, 10);
  // ISO week starts on Monday: label the week by its Monday's date.
  const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return monday.toISOString().slice(0, 10);
}

/**
 * Summary of an item's (or a segment's) reviews: sentiment trend, aspect breakdown, keywords and the most
 * positive / negative representative reviews. Representatives prefer reviews of typical length (20–300
 * characters) so one-word or essay reviews do not dominate.
 */
export function summariseVoice(reviews: readonly VoiceReview[], o: SummariseVoiceOptions = {}): VoiceSummary {
  if (!Array.isArray(reviews)) throw invalidInput('reviews must be an array');
  const bucket = o.bucket ?? 'week';
  const scored: ScoredReview[] = reviews.map((r, i) => {
    if (typeof r?.text !== 'string') throw invalidInput(`reviews[${i}].text must be a string`);
    return r.scored ?? scoreReview(r.text, r.rating, o);
  });
  const models = new Set(scored.map((s) => s.sentiment.model));
  const n = scored.length;
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const periods = new Map<string, number[]>();
  reviews.forEach((r, i) => {
    const p = periodOf(r.timestamp, bucket, i);
    if (p === null) return;
    const list = periods.get(p) ?? [];
    list.push(scored[i].sentiment.score);
    periods.set(p, list);
  });
  const trend = [...periods.keys()].sort().map((period) => {
    const s = periods.get(period)!;
    return {
      period,
      reviews: s.length,
      meanScore: mean(s),
      positiveShare: s.filter((v) => v > 0).length / s.length,
    };
  });
  const aspects = new Map<string, VoiceSummary['aspects'][number]>();
  for (const s of scored) {
    for (const m of s.aspects) {
      const a: VoiceSummary['aspects'][number] = aspects.get(m.aspect) ?? {
        aspect: m.aspect,
        positive: 0,
        negative: 0,
        neutral: 0,
        examples: [],
      };
      a[m.polarity]++;
      if (a.examples.filter((e) => e.polarity === m.polarity).length < 3) {
        a.examples.push({ polarity: m.polarity, clause: m.clause });
      }
      aspects.set(m.aspect, a);
    }
  }
  const texts = reviews.map((r) => r.text);
  const k = o.representatives ?? 3;
  const typical = (t: string) => (t.length >= 20 && t.length <= 300 ? 1 : 0);
  const ranked = reviews.map((r, i) => ({
    id: r.id,
    text: r.text,
    score: scored[i].sentiment.score,
    lang: scored[i].sentiment.lang,
  }));
  const pick = (sign: 1 | -1) =>
    ranked
      .filter((r) => sign * r.score > 0)
      .sort((a, b) => typical(b.text) - typical(a.text) || sign * (b.score - a.score))
      .slice(0, k);
  return {
    reviews: n,
    model: models.size > 1 ? 'mixed' : ((models.values().next().value as 'lexicon' | 'learned') ?? 'lexicon'),
    overall: {
      meanScore: mean(scored.map((s) => s.sentiment.score)),
      positiveShare: n ? scored.filter((s) => s.sentiment.polarity === 'positive').length / n : 0,
      negativeShare: n ? scored.filter((s) => s.sentiment.polarity === 'negative').length / n : 0,
    },
    trend,
    aspects: [...aspects.values()].sort(
      (a, b) => b.positive + b.negative + b.neutral - (a.positive + a.negative + a.neutral),
    ),
    keywords: {
      tfidf: tfidfKeywords(texts, { topK: o.topKeywords ?? 10, background: o.background }),
      textrank: textRankKeywords(texts, { topK: o.topKeywords ?? 10 }),
    },
    representative: { positive: pick(1), negative: pick(-1) },
  };
}
