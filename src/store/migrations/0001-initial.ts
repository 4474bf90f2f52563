import type { Kysely, Migration } from 'kysely';
import type { Driver } from '../schema.js';

/**
 * The backbone tables (issue 2). Column types differ only where the drivers must: JSON is TEXT on SQLite
 * and jsonb on PostgreSQL; epoch-ms times are INTEGER (64-bit on SQLite) / BIGINT; auto-increment ids are
 * INTEGER PRIMARY KEY (SQLite's rowid alias) / bigserial. No foreign keys: merge and erase move and delete
 * rows explicitly, in one transaction, so every statement that touches a profile is visible in one place.
 */
export function initialMigration(driver: Driver): Migration {
  const pg = driver === 'postgres';
  const json = pg ? 'jsonb' : 'text';
  const big = pg ? 'bigint' : 'integer';
  const real = pg ? 'double precision' : 'real';
  const serial = pg ? 'bigserial' : 'integer';
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow later schema types
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('profiles')
        .addColumn('profile_id', serial, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('user_id', 'text', (c) => c.unique())
        .addColumn('traits', json, (c) => c.notNull())
        .addColumn('pii', json, (c) => c.notNull())
        .addColumn('consent', json, (c) => c.notNull())
        .addColumn('created_at', big, (c) => c.notNull())
        .addColumn('updated_at', big, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('identities')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('profile_id', big, (c) => c.notNull())
        .addPrimaryKeyConstraint('identities_pk', ['kind', 'value'])
        .execute();
      await db.schema.createIndex('identities_profile').on('identities').column('profile_id').execute();

      await db.schema
        .createTable('pii_lookup')
        .addColumn('profile_id', big, (c) => c.notNull())
        .addColumn('trait', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('pii_lookup_pk', ['profile_id', 'trait', 'hash'])
        .execute();
      await db.schema.createIndex('pii_lookup_hash').on('pii_lookup').columns(['trait', 'hash']).execute();

      await db.schema
        .createTable('events')
        .addColumn('id', serial, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('user_id', 'text')
        .addColumn('anonymous_id', 'text')
        .addColumn('profile_id', big, (c) => c.notNull())
        .addColumn('properties', json, (c) => c.notNull())
        .addColumn('context', json, (c) => c.notNull())
        .addColumn('timestamp', big, (c) => c.notNull())
        .addColumn('received_at', big, (c) => c.notNull())
        .addUniqueConstraint('events_source_message', ['source', 'message_id'])
        .execute();
      await db.schema
        .createIndex('events_profile_time')
        .on('events')
        .columns(['profile_id', 'timestamp'])
        .execute();
      await db.schema.createIndex('events_name_time').on('events').columns(['name', 'timestamp']).execute();
      await db.schema.createIndex('events_time').on('events').column('timestamp').execute();

      await db.schema
        .createTable('items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('category', 'text')
        .addColumn('price', real)
        .addColumn('tags', json, (c) => c.notNull())
        .addColumn('attributes', json, (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('created_at', big, (c) => c.notNull())
        .addColumn('updated_at', big, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('items_category').on('items').columns(['category', 'id']).execute();

      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull().unique())
        .addColumn('label', 'text')
        .addColumn('created_at', big, (c) => c.notNull())
        .addColumn('revoked_at', big)
        .execute();

      await db.schema
        .createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('queue', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('payload', json, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('max_attempts', 'integer', (c) => c.notNull())
        .addColumn('run_at', big, (c) => c.notNull())
        .addColumn('lease_until', big)
        .addColumn('worker_id', 'text')
        .addColumn('progress', json)
        .addColumn('result', json)
        .addColumn('error', 'text')
        .addColumn('created_at', big, (c) => c.notNull())
        .addColumn('updated_at', big, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('jobs_due').on('jobs').columns(['queue', 'status', 'run_at']).execute();

      await db.schema
        .createTable('ingest_rejections')
        .addColumn('id', serial, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('at', big, (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ingest_rejections_at').on('ingest_rejections').column('at').execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', serial, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('at', big, (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('details', json, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('suppressions')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('at', big, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
