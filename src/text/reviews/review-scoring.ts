import type { JsonObject } from '../../core/types.js';
import type { ModelArtifact } from '../../ml/estimator.js';
import type { AspectCategory } from '../aspects.js';
import {
  SHOP_SENTIMENT_DEFAULTS,
  ShopSentimentModel,
  type ShopSentimentParams,
  type ShopSentimentState,
} from '../sentiment/shop-sentiment-model.js';
import { scoreReview } from '../voice.js';
import type { ReviewEvent, ReviewRepository, StoredReviewScore } from './review-repository.js';

/** The job ingest enqueues after storing a batch with reviews; payload `{ eventIds: number[] }`. */
export const SCORE_REVIEWS_JOB = 'score-reviews';
/** Segment e-commerce spec v2: `Product Reviewed` with product_id, review_body, rating. */
export const PRODUCT_REVIEWED = 'Product Reviewed';
/** Registry kind of the shop's sentiment model (only learned versions are stored; none = day-0 lexicon). */
export const SHOP_SENTIMENT_KIND = ShopSentimentModel.kind;

export interface ReviewScoringOptions {
  /** The shop model's switch: defaults are the text module's (200 labels, 50 per class). */
  shop?: Partial<ShopSentimentParams>;
  /**
   * Retrain once the rated reviews have grown by this factor since the model in use was trained
   * (default 1.25): often enough to follow a growing shop, rarely enough that a busy one is not
   * retraining on every batch.
   */
  retrainGrowth?: number;
  /** Newest rated reviews used for training (default 20,000): bounds training time and memory. */
  maxTrainingReviews?: number;
  aspects?: readonly AspectCategory[];
  now?: () => number;
}

export interface ScoreReviewsResult extends JsonObject {
  scored: number;
  /** Not `Product Reviewed` tracks, or without review_body / product_id. */
  skipped: number;
  model: 'lexicon' | 'learned';
  modelVersion: number | null;
  /** A learned model was trained in this run (and every stored review rescored with it). */
  retrained: boolean;
  rescored: number;
}

export interface ShopModelStatus {
  inUse: 'lexicon' | 'learned';
  /** Registry version of the learned model; null while the lexicon scores. */
  version: number | null;
  /** Reviews with a star rating so far (ratings are the labels: 4–5 positive, 1–2 negative). */
  ratedReviews: number;
  /** Labels the model in use was trained on. */
  trainedOn: { positive: number; negative: number } | null;
  /** When the switch to the learned model happens. */
  switchAt: { minLabels: number; minPerClass: number };
}

type ShopArtifact = ModelArtifact<ShopSentimentParams, ShopSentimentState>;

/** A rating the spec allows (1–5, number or numeric string), else null: a bad rating must not fail the job. */
function ratingOf(v: unknown): number | null {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 1 && n <= 5 ? n : null;
}

function idOf(v: unknown): string | null {
  if (typeof v === 'string' && v.trim() !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/**
 * Scores `Product Reviewed` events into the review_scores repository with the shop's sentiment model, and
 * switches that model from the day-0 lexicon to a learned one (ShopSentimentModel's rule) once enough rated
 * reviews exist. One instance per worker: it caches the active model by registry version.
 */
export class ReviewScorer {
  private cached: { version: number | null; model: ShopSentimentModel } | undefined;
  private readonly params: ShopSentimentParams;

  constructor(
    private readonly repo: ReviewRepository,
    private readonly o: ReviewScoringOptions = {},
  ) {
    this.params = { ...SHOP_SENTIMENT_DEFAULTS, ...o.shop };
  }

  private now(): number {
    return this.o.now?.() ?? Date.now();
  }

  /** The model in use: the active learned version from the registry, else the lexicon. */
  async shopModel(): Promise<{ model: ShopSentimentModel; version: number | null; trainedOnRated: number }> {
    const active = await this.repo.models.active(SHOP_SENTIMENT_KIND);
    const version = active?.version ?? null;
    if (!this.cached || this.cached.version !== version) {
      const model = active
        ? ShopSentimentModel.fromJSON(active.artifact as unknown as ShopArtifact)
        : new ShopSentimentModel(this.params);
      this.cached = { version, model };
    }
    const trainedOnRated = Number(active?.training.ratedReviews ?? 0);
    return { ...this.cached, trainedOnRated };
  }

  async status(): Promise<ShopModelStatus> {
    const { model, version } = await this.shopModel();
    return {
      inUse: model.inUse,
      version,
      ratedReviews: await this.repo.reviewScores.count({ rated: true }),
      trainedOn: model.inUse === 'learned' ? model.labels : null,
      switchAt: { minLabels: this.params.minLabels, minPerClass: this.params.minPerClass },
    };
  }

  private scoreOne(
    e: {
      eventId: number;
      profileId: number;
      itemId: string;
      text: string;
      rating: number | null;
      at: number;
    },
    model: ShopSentimentModel,
    version: number | null,
    scoredAt: number,
  ): StoredReviewScore {
    const s = scoreReview(e.text, e.rating ?? undefined, { model, aspects: this.o.aspects });
    return {
      eventId: e.eventId,
      profileId: e.profileId,
      itemId: e.itemId,
      text: e.text,
      rating: e.rating,
      lang: s.sentiment.lang,
      polarity: s.sentiment.polarity,
      score: s.sentiment.score,
      probability: s.sentiment.probability,
      model: s.sentiment.model,
      modelVersion: s.sentiment.model === 'learned' ? version : null,
      aspects: s.aspects.map((a) => ({ ...a })),
      reviewedAt: e.at,
      scoredAt,
    };
  }

  /** Score the `Product Reviewed` events among `eventIds`, then retrain (and rescore) when due. */
  async scoreEvents(eventIds: readonly number[], signal?: AbortSignal): Promise<ScoreReviewsResult> {
    const ids = [...new Set(eventIds.filter((id) => Number.isSafeInteger(id)))];
    const events = ids.length ? await this.repo.events.getMany(ids) : [];
    const reviews = events.map(reviewOf).filter((r) => r !== null);
    let { model, version } = await this.shopModel();
    const at = this.now();
    const scores = reviews.map((r) => this.scoreOne(r, model, version, at));
    signal?.throwIfAborted();
    await this.repo.reviewScores.upsertMany(scores);
    const retrain = await this.retrainIfDue(signal);
    if (retrain.trained) ({ model, version } = await this.shopModel());
    return {
      scored: scores.length,
      skipped: ids.length - reviews.length,
      model: model.inUse,
      modelVersion: model.inUse === 'learned' ? version : null,
      retrained: retrain.trained,
      rescored: retrain.rescored,
    };
  }

  /**
   * Train a new shop model when there are enough rated reviews and either the lexicon is still in use or
   * the rated reviews grew by `retrainGrowth` since the last training; when the result is a learned model,
   * store it as the active version and rescore every stored review with it.
   */
  async retrainIfDue(signal?: AbortSignal): Promise<{ trained: boolean; rescored: number }> {
    const rated = await this.repo.reviewScores.count({ rated: true });
    if (rated < this.params.minLabels) return { trained: false, rescored: 0 };
    const current = await this.shopModel();
    const growth = this.o.retrainGrowth ?? 1.25;
    if (current.model.inUse === 'learned' && rated < current.trainedOnRated * growth) {
      return { trained: false, rescored: 0 };
    }
    const labelled = await this.repo.reviewScores.labelled({ limit: this.o.maxTrainingReviews ?? 20_000 });
    const started = performance.now();
    const next = new ShopSentimentModel(this.params).fit(labelled);
    // Too few of one class: ShopSentimentModel stays on the lexicon, and so does the shop.
    if (next.inUse !== 'learned') return { trained: false, rescored: 0 };
    signal?.throwIfAborted();
    const labels = next.labels;
    const rec = await this.repo.models.create(
      {
        kind: SHOP_SENTIMENT_KIND,
        algorithm: String(this.params.learned.model ?? 'svm'),
        params: { ...this.params } as unknown as JsonObject,
        training: {
          ratedReviews: rated,
          used: labelled.length,
          positive: labels.positive,
          negative: labels.negative,
        },
        metrics: { fitSeconds: (performance.now() - started) / 1000 },
        active: true,
        artifact: next.toJSON() as unknown as JsonObject,
      },
      this.now(),
    );
    this.cached = { version: rec.version, model: next };
    return { trained: true, rescored: await this.rescoreAll(next, rec.version, signal) };
  }

  private async rescoreAll(
    model: ShopSentimentModel,
    version: number,
    signal?: AbortSignal,
  ): Promise<number> {
    let after: number | undefined;
    let n = 0;
    const at = this.now();
    for (;;) {
      signal?.throwIfAborted();
      const page = await this.repo.reviewScores.list({ afterEventId: after, limit: 500 });
      if (page.length === 0) return n;
      await this.repo.reviewScores.upsertMany(
        page.map((r) =>
          this.scoreOne(
            {
              eventId: r.eventId,
              profileId: r.profileId,
              itemId: r.itemId,
              text: r.text,
              rating: r.rating,
              at: r.reviewedAt,
            },
            model,
            version,
            at,
          ),
        ),
      );
      n += page.length;
      after = page[page.length - 1].eventId;
    }
  }
}

function reviewOf(e: ReviewEvent) {
  if (e.type !== 'track' || e.name !== PRODUCT_REVIEWED) return null;
  const p = e.properties ?? {};
  const text = typeof p.review_body === 'string' ? p.review_body : null;
  const itemId = idOf(p.product_id);
  if (text === null || text.trim() === '' || itemId === null) return null;
  return { eventId: e.id, profileId: e.profileId, itemId, text, rating: ratingOf(p.rating), at: e.timestamp };
}
