import { type Kysely, type Migration, sql } from 'kysely';
import type { Driver } from '../schema.js';

/**
 * Issue 4: segments (clusters, RFM, tags, rules) and their membership history. A membership row is one
 * stay: entered_at, and exited_at once the profile leaves; current members have exited_at null, and the
 * partial unique index keeps at most one open stay per (segment, profile).
 */
export function segmentsMigration(driver: Driver): Migration {
  const pg = driver === 'postgres';
  const json = pg ? 'jsonb' : 'text';
  const big = pg ? 'bigint' : 'integer';
  const real = pg ? 'double precision' : 'real';
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow later schema types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('segments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_zh', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('description_zh', 'text', (c) => c.notNull())
        .addColumn('rule', json)
        .addColumn('details', json, (c) => c.notNull())
        .addColumn('created_at', big, (c) => c.notNull())
        .addColumn('updated_at', big, (c) => c.notNull())
        .addColumn('refreshed_at', big)
        .execute();
      await db.schema
        .createTable('segment_memberships')
        .addColumn('segment_id', 'text', (c) => c.notNull())
        .addColumn('profile_id', big, (c) => c.notNull())
        .addColumn('entered_at', big, (c) => c.notNull())
        .addColumn('exited_at', big)
        .addColumn('x', real)
        .addColumn('y', real)
        .execute();
      await db.schema
        .createIndex('segment_memberships_current')
        .on('segment_memberships')
        .columns(['segment_id', 'profile_id'])
        .unique()
        .where(sql.ref('exited_at'), 'is', null)
        .execute();
      await db.schema
        .createIndex('segment_memberships_profile')
        .on('segment_memberships')
        .columns(['profile_id', 'entered_at'])
        .execute();
    },
  };
}
