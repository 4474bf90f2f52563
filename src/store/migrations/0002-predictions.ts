import type { Kysely, Migration } from 'kysely';
import type { Driver } from '../schema.js';

/**
 * Issue 4: the model registry and the latest score per (profile, model kind). Artifacts are JSON (a GBDT
 * of a few hundred trees is a few MB), so they live in the registry row rather than on disk: a PostgreSQL
 * deployment then needs no shared file system.
 */
export function predictionsMigration(driver: Driver): Migration {
  const pg = driver === 'postgres';
  const json = pg ? 'jsonb' : 'text';
  const big = pg ? 'bigint' : 'integer';
  const real = pg ? 'double precision' : 'real';
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow later schema types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('models')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('algorithm', 'text', (c) => c.notNull())
        .addColumn('params', json, (c) => c.notNull())
        .addColumn('training', json, (c) => c.notNull())
        .addColumn('metrics', json, (c) => c.notNull())
        .addColumn('artifact', json, (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('created_at', big, (c) => c.notNull())
        .addPrimaryKeyConstraint('models_pk', ['kind', 'version'])
        .execute();

      await db.schema
        .createTable('scores')
        .addColumn('profile_id', big, (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('model_version', 'integer', (c) => c.notNull())
        .addColumn('value', real, (c) => c.notNull())
        .addColumn('reasons', json, (c) => c.notNull())
        .addColumn('scored_at', big, (c) => c.notNull())
        .addPrimaryKeyConstraint('scores_pk', ['profile_id', 'kind'])
        .execute();
      await db.schema.createIndex('scores_kind_value').on('scores').columns(['kind', 'value']).execute();
    },
  };
}
