import type { Kysely, Migration } from 'kysely';
import type { Driver } from '../schema.js';

/**
 * Issue 7: the sentiment and aspects of every scored `Product Reviewed` event, one row per event. The review
 * text is kept beside its score (a read model for `GET /api/items/:id/voice`), so it is erased and merged
 * with the profile like the event it came from.
 */
export function reviewScoresMigration(driver: Driver): Migration {
  const pg = driver === 'postgres';
  const json = pg ? 'jsonb' : 'text';
  const big = pg ? 'bigint' : 'integer';
  const real = pg ? 'double precision' : 'real';
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow later schema types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('review_scores')
        .addColumn('event_id', big, (c) => c.primaryKey())
        .addColumn('profile_id', big, (c) => c.notNull())
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('rating', real)
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('polarity', 'text', (c) => c.notNull())
        .addColumn('score', real, (c) => c.notNull())
        .addColumn('probability', real, (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('model_version', 'integer')
        .addColumn('aspects', json, (c) => c.notNull())
        .addColumn('reviewed_at', big, (c) => c.notNull())
        .addColumn('scored_at', big, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('review_scores_item')
        .on('review_scores')
        .columns(['item_id', 'reviewed_at'])
        .execute();
      await db.schema.createIndex('review_scores_profile').on('review_scores').column('profile_id').execute();
    },
  };
}
