import { OspreyError } from '../../core/errors.js';
import type { AspectMention } from '../aspects.js';
import { type Keyword, textRankKeywords, tfidfKeywords } from '../keywords.js';
import type { Language } from '../language.js';
import { labelFromRating } from '../sentiment/shop-sentiment-model.js';
import { summariseVoice, type VoiceReview, type VoiceSummary } from '../voice.js';
import type { ReviewRepository, StoredReviewScore } from './review-repository.js';
import type { ReviewScorer, ShopModelStatus } from './review-scoring.js';

export interface AspectBreakdown {
  aspect: string;
  mentions: number;
  positive: number;
  negative: number;
  neutral: number;
  /** Share of the aspect's mentions per polarity. */
  shares: { positive: number; negative: number; neutral: number };
  examples: { polarity: 'positive' | 'negative' | 'neutral'; clause: string }[];
}

export interface ItemVoice {
  itemId: string;
  title: string | null;
  reviews: number;
  /** Which model scored the reviews shown ('mixed' while a rescoring is under way). */
  model: VoiceSummary['model'];
  /** The shop's sentiment model now, and when it switches from the lexicon to the learned one. */
  shopModel: ShopModelStatus;
  overall: VoiceSummary['overall'];
  trend: VoiceSummary['trend'];
  aspects: AspectBreakdown[];
  /** Per language, each with its own tokeniser and stop words (jieba + Chinese idf, wink for English). */
  keywords: { lang: Language; reviews: number; tfidf: Keyword[]; textrank: Keyword[] }[];
  representative: VoiceSummary['representative'];
}

export interface ItemVoiceOptions {
  bucket?: 'day' | 'week' | 'month';
  /** Newest reviews summarised (default 2,000): bounds keyword extraction on very reviewed items. */
  limit?: number;
  topKeywords?: number;
}

function voiceReviewOf(r: StoredReviewScore): VoiceReview {
  return {
    id: String(r.eventId),
    text: r.text,
    rating: r.rating ?? undefined,
    timestamp: r.reviewedAt,
    scored: {
      sentiment: {
        polarity: r.polarity,
        score: r.score,
        probability: r.probability,
        model: r.model,
        lang: r.lang as Language,
      },
      aspects: (Array.isArray(r.aspects) ? r.aspects : []) as unknown as AspectMention[],
      ratingLabel: r.rating === null ? null : labelFromRating(r.rating),
    },
  };
}

/**
 * Voice of the customer for one item from its stored review scores: weekly sentiment trend, aspect breakdown
 * with polarity shares, keywords per language, representative reviews and the model in use. NOT_FOUND when
 * the item is neither in the catalogue nor reviewed.
 */
export async function itemVoice(
  repo: ReviewRepository,
  scorer: ReviewScorer,
  itemId: string,
  o: ItemVoiceOptions = {},
): Promise<ItemVoice> {
  const [item, rows] = await Promise.all([
    repo.items.get(itemId),
    repo.reviewScores.forItem(itemId, { limit: o.limit ?? 2000 }),
  ]);
  if (!item && rows.length === 0) throw new OspreyError('NOT_FOUND', `item '${itemId}' does not exist`);
  const topK = o.topKeywords ?? 10;
  const summary = summariseVoice(rows.map(voiceReviewOf), { bucket: o.bucket ?? 'week', topKeywords: topK });
  const keywords: ItemVoice['keywords'] = [];
  for (const lang of ['en', 'zh'] as const) {
    const texts = rows.filter((r) => r.lang === lang).map((r) => r.text);
    if (texts.length === 0) continue;
    keywords.push({
      lang,
      reviews: texts.length,
      tfidf: tfidfKeywords(texts, { lang, topK }),
      textrank: textRankKeywords(texts, { lang, topK }),
    });
  }
  return {
    itemId,
    title: item?.title ?? null,
    reviews: summary.reviews,
    model: summary.model,
    shopModel: await scorer.status(),
    overall: summary.overall,
    trend: summary.trend,
    aspects: summary.aspects.map((a) => {
      const mentions = a.positive + a.negative + a.neutral;
      return {
        aspect: a.aspect,
        mentions,
        positive: a.positive,
        negative: a.negative,
        neutral: a.neutral,
        shares: {
          positive: a.positive / mentions,
          negative: a.negative / mentions,
          neutral: a.neutral / mentions,
        },
        examples: a.examples,
      };
    }),
    keywords,
    representative: summary.representative,
  };
}

export interface ProfileReviewSummary {
  reviews: number;
  positive: number;
  negative: number;
  neutral: number;
  /** Mean signed sentiment in [−1, 1]; null without reviews. */
  meanScore: number | null;
  meanRating: number | null;
  /** Aspects this customer talks about, most mentioned first. */
  aspects: { aspect: string; positive: number; negative: number; neutral: number }[];
  recent: {
    itemId: string;
    text: string;
    polarity: 'positive' | 'negative' | 'neutral';
    score: number;
    model: 'lexicon' | 'learned';
    reviewedAt: string;
  }[];
}

/** Review sentiment of one customer, for the profile API (newest 200 reviews). */
export async function profileReviewSummary(
  repo: ReviewRepository,
  profileId: number,
  o: { recent?: number } = {},
): Promise<ProfileReviewSummary> {
  const rows = await repo.reviewScores.forProfile(profileId, { limit: 200 });
  const count = (p: string) => rows.filter((r) => r.polarity === p).length;
  const rated = rows.filter((r) => r.rating !== null);
  const aspects = new Map<string, ProfileReviewSummary['aspects'][number]>();
  for (const r of rows) {
    for (const m of (Array.isArray(r.aspects) ? r.aspects : []) as unknown as AspectMention[]) {
      const a = aspects.get(m.aspect) ?? { aspect: m.aspect, positive: 0, negative: 0, neutral: 0 };
      a[m.polarity]++;
      aspects.set(m.aspect, a);
    }
  }
  const total = (a: ProfileReviewSummary['aspects'][number]) => a.positive + a.negative + a.neutral;
  return {
    reviews: rows.length,
    positive: count('positive'),
    negative: count('negative'),
    neutral: count('neutral'),
    meanScore: rows.length ? rows.reduce((s, r) => s + r.score, 0) / rows.length : null,
    meanRating: rated.length ? rated.reduce((s, r) => s + (r.rating as number), 0) / rated.length : null,
    aspects: [...aspects.values()].sort((a, b) => total(b) - total(a) || a.aspect.localeCompare(b.aspect)),
    recent: rows.slice(0, o.recent ?? 3).map((r) => ({
      itemId: r.itemId,
      text: r.text,
      polarity: r.polarity,
      score: r.score,
      model: r.model,
      reviewedAt: new Date(r.reviewedAt).toISOString(),
    })),
  };
}
