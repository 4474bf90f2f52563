import type { Kysely, Migration } from 'kysely';
import type { Driver } from '../schema.js';

/**
 * Issue 5 (serving): precomputed top-N recommendations per (profile, strategy). `items` is a JSON array of
 * { itemId, score, reason } so a read is one primary-key lookup; `computed_at` lets the read path drop
 * items the user bought after the list was computed.
 */
export function recommendationsMigration(driver: Driver): Migration {
  const pg = driver === 'postgres';
  const json = pg ? 'jsonb' : 'text';
  const big = pg ? 'bigint' : 'integer';
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow later schema types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('recommendations')
        .addColumn('profile_id', big, (c) => c.notNull())
        .addColumn('strategy', 'text', (c) => c.notNull())
        .addColumn('items', json, (c) => c.notNull())
        .addColumn('model_version', 'integer', (c) => c.notNull())
        .addColumn('computed_at', big, (c) => c.notNull())
        .addPrimaryKeyConstraint('recommendations_pk', ['profile_id', 'strategy'])
        .execute();
    },
  };
}
