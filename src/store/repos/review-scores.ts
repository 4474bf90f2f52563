import type { Json } from '../../core/types.js';
import { parseJson } from '../schema.js';
import type { ReviewScoreRecord, ReviewScoresRepo } from '../store.js';
import { atomically, type RepoContext } from './context.js';

interface ReviewScoreRow {
  event_id: number;
  profile_id: number;
  item_id: string;
  body: string;
  rating: number | null;
  lang: string;
  polarity: string;
  score: number;
  probability: number;
  model: string;
  model_version: number | null;
  aspects: unknown;
  reviewed_at: number;
  scored_at: number;
}

function toRecord(r: ReviewScoreRow): ReviewScoreRecord {
  return {
    eventId: Number(r.event_id),
    profileId: Number(r.profile_id),
    itemId: r.item_id,
    text: r.body,
    rating: r.rating === null ? null : Number(r.rating),
    lang: r.lang,
    polarity: r.polarity as ReviewScoreRecord['polarity'],
    score: Number(r.score),
    probability: Number(r.probability),
    model: r.model as ReviewScoreRecord['model'],
    modelVersion: r.model_version === null ? null : Number(r.model_version),
    aspects: parseJson<Json>(r.aspects),
    reviewedAt: Number(r.reviewed_at),
    scoredAt: Number(r.scored_at),
  };
}

const MAX_LIMIT = 10_000;
const limitOf = (l: number | undefined, d: number) => Math.max(1, Math.min(MAX_LIMIT, Math.floor(l ?? d)));

/** One row per scored `Product Reviewed` event; rescoring replaces it. */
export function reviewScoresRepo(ctx: RepoContext): ReviewScoresRepo {
  return {
    async upsertMany(scores) {
      if (scores.length === 0) return;
      await atomically(ctx, async (db) => {
        // 14 parameters per row; 200 rows stay well under SQLite's and PostgreSQL's bind limits.
        for (let i = 0; i < scores.length; i += 200) {
          const rows = scores.slice(i, i + 200).map((s) => ({
            event_id: s.eventId,
            profile_id: s.profileId,
            item_id: s.itemId,
            body: s.text,
            rating: s.rating,
            lang: s.lang,
            polarity: s.polarity,
            score: s.score,
            probability: s.probability,
            model: s.model,
            model_version: s.modelVersion,
            aspects: JSON.stringify(s.aspects),
            reviewed_at: s.reviewedAt,
            scored_at: s.scoredAt,
          }));
          await db
            .insertInto('review_scores')
            .values(rows)
            .onConflict((oc) =>
              oc.column('event_id').doUpdateSet((eb) => ({
                profile_id: eb.ref('excluded.profile_id'),
                item_id: eb.ref('excluded.item_id'),
                body: eb.ref('excluded.body'),
                rating: eb.ref('excluded.rating'),
                lang: eb.ref('excluded.lang'),
                polarity: eb.ref('excluded.polarity'),
                score: eb.ref('excluded.score'),
                probability: eb.ref('excluded.probability'),
                model: eb.ref('excluded.model'),
                model_version: eb.ref('excluded.model_version'),
                aspects: eb.ref('excluded.aspects'),
                reviewed_at: eb.ref('excluded.reviewed_at'),
                scored_at: eb.ref('excluded.scored_at'),
              })),
            )
            .execute();
        }
      });
    },
    async forItem(itemId, o = {}) {
      const rows = await ctx.db
        .selectFrom('review_scores')
        .selectAll()
        .where('item_id', '=', itemId)
        .orderBy('reviewed_at', 'desc')
        .orderBy('event_id', 'desc')
        .limit(limitOf(o.limit, MAX_LIMIT))
        .execute();
      return rows.reverse().map(toRecord);
    },
    async forProfile(profileId, o = {}) {
      const rows = await ctx.db
        .selectFrom('review_scores')
        .selectAll()
        .where('profile_id', '=', profileId)
        .orderBy('reviewed_at', 'desc')
        .orderBy('event_id', 'desc')
        .limit(limitOf(o.limit, 100))
        .execute();
      return rows.map(toRecord);
    },
    async labelled(o = {}) {
      const rows = await ctx.db
        .selectFrom('review_scores')
        .select(['body', 'rating'])
        .where('rating', 'is not', null)
        .orderBy('reviewed_at', 'desc')
        .orderBy('event_id', 'desc')
        .limit(limitOf(o.limit, MAX_LIMIT))
        .execute();
      return rows.map((r) => ({ text: r.body, rating: Number(r.rating) }));
    },
    async list(o = {}) {
      let q = ctx.db.selectFrom('review_scores').selectAll();
      if (o.afterEventId !== undefined) q = q.where('event_id', '>', o.afterEventId);
      const rows = await q.orderBy('event_id').limit(limitOf(o.limit, 1000)).execute();
      return rows.map(toRecord);
    },
    async count(o = {}) {
      let q = ctx.db.selectFrom('review_scores').select((eb) => eb.fn.countAll().as('n'));
      if (o.itemId !== undefined) q = q.where('item_id', '=', o.itemId);
      if (o.rated) q = q.where('rating', 'is not', null);
      const row = await q.executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}
