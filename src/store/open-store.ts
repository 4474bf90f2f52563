import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, type Migration, Migrator, sql } from 'kysely';
import pg from 'pg';
import { invalidInput, OspreyError } from '../core/errors.js';
import { kyselyStore } from './kysely-store.js';
import { migrations } from './migrations/index.js';
import { OspreyPostgresDialect } from './postgres-dialect.js';
import type { Database, Driver } from './schema.js';
import { ImmediateSqliteDialect } from './sqlite-dialect.js';
import type { Store } from './store.js';

export interface OpenStoreOptions {
  /**
   * PostgreSQL only: use this schema (created if missing) through the connection's search_path. Tests
   * give every store instance a fresh random schema so parallel runs never see each other's rows.
   */
  schema?: string;
  /** PostgreSQL only: drop `schema` when the store is closed (test isolation). */
  dropSchemaOnClose?: boolean;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
}

/**
 * Open the store named by a database URL — `sqlite:<path>` (created with its folder on first open;
 * `sqlite::memory:` for a private in-memory database) or `postgres://...` — and run pending migrations.
 */
export async function openStore(databaseUrl: string, o: OpenStoreOptions = {}): Promise<Store> {
  if (databaseUrl.startsWith('sqlite:')) return openSqlite(databaseUrl.slice('sqlite:'.length));
  if (databaseUrl.startsWith('postgres://') || databaseUrl.startsWith('postgresql://')) {
    return openPostgres(databaseUrl, o);
  }
  throw invalidInput(
    `OSPREY_DATABASE_URL: '${redact(databaseUrl)}' is neither sqlite:<path> nor postgres://...`,
    [{ path: 'OSPREY_DATABASE_URL', message: 'unsupported scheme (use sqlite: or postgres://)' }],
  );
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

async function openSqlite(location: string): Promise<Store> {
  const memory = location === ':memory:' || location === '';
  const path = memory ? ':memory:' : resolve(location.startsWith('//') ? location.slice(2) : location);
  let sqlite: BetterSqlite3.Database;
  try {
    if (!memory) mkdirSync(dirname(path), { recursive: true });
    sqlite = new BetterSqlite3(path);
    // WAL lets readers (API requests, stats) proceed while a batch is being written; NORMAL sync is
    // durable across application crashes and only risks the last commits on power loss, the usual WAL trade.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    // Other processes (osprey worker, CLI imports) may hold the write lock briefly: wait rather than fail.
    sqlite.pragma('busy_timeout = 5000');
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new OspreyError('UNAVAILABLE', `cannot open the SQLite database at ${path}: ${reason}`);
  }
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  try {
    await migrate(db, 'sqlite');
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return kyselyStore(db, 'sqlite', () => db.destroy(), sqlite);
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** Advisory lock key shared by migrations and schema drops (see openPostgres). */
const SCHEMA_LOCK = 0x05b7e7;

// BIGINT (oid 20) and NUMERIC (1700) arrive as strings by default to protect precision; Osprey's BIGINTs
// are epoch milliseconds and counts, well inside 2^53, and its numerics are sums of money in doubles.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (v: string) => Number(v);
    if (oid === 1700) return (v: string) => Number.parseFloat(v);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

async function openPostgres(url: string, o: OpenStoreOptions): Promise<Store> {
  const schema = o.schema;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw invalidInput(`schema: '${schema}' is not a plain lower-case identifier`);
  }
  try {
    if (schema !== undefined)
      await withClient(url, (c) => c.query(`create schema if not exists "${schema}"`));
  } catch (err) {
    throw unavailable(url, err);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: o.poolSize ?? 10,
    types,
    ...(schema !== undefined ? { options: `-c search_path="${schema}"` } : {}),
  });
  // An idle pooled connection can fail (server restart, network): without a listener the 'error' event
  // would crash the process; the pool replaces the connection and the next query reports any real outage.
  pool.on('error', (err) => process.emitWarning(`PostgreSQL idle connection error: ${err.message}`));
  const db = new Kysely<Database>({ dialect: new OspreyPostgresDialect({ pool }) });
  try {
    // A first round trip before migrating, so an unreachable server is reported as such.
    await sql`select 1`.execute(db);
  } catch (err) {
    await db.destroy();
    throw unavailable(url, err);
  }
  try {
    // Stock Kysely introspection read every schema's catalogue and failed when another Osprey instance
    // (parallel test files) dropped its schema meanwhile. OspreyPostgresDialect now introspects only the
    // current schema; migrations and schema drops also share one advisory lock so they never overlap.
    await withClient(url, async (c) => {
      await c.query('select pg_advisory_lock($1)', [SCHEMA_LOCK]);
      try {
        await migrate(db, 'postgres');
      } finally {
        await c.query('select pg_advisory_unlock($1)', [SCHEMA_LOCK]);
      }
    });
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return kyselyStore(db, 'postgres', async () => {
    await db.destroy();
    if (schema !== undefined && o.dropSchemaOnClose) {
      await withClient(url, async (c) => {
        await c.query('begin');
        await c.query('select pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
        await c.query(`drop schema if exists "${schema}" cascade`);
        await c.query('commit');
      });
    }
  });
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function unavailable(url: string, err: unknown): OspreyError {
  const reason = err instanceof Error ? err.message : String(err);
  return new OspreyError('UNAVAILABLE', `cannot reach PostgreSQL at ${redact(url)}: ${reason}`);
}

async function migrate(db: Kysely<Database>, driver: Driver): Promise<void> {
  const all = migrations(driver);
  // Kysely looks for its bookkeeping tables by name in any schema unless told which one: with several
  // Osprey schemas in one PostgreSQL database (tests, or tenants) it must be this connection's own.
  let migrationTableSchema: string | undefined;
  if (driver === 'postgres') {
    const current = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = current.rows[0]?.schema ?? undefined;
    if (!migrationTableSchema) {
      throw new OspreyError(
        'UNAVAILABLE',
        'PostgreSQL has no current schema: check the search_path of the database user',
      );
    }
  }
  const migrator = new Migrator({
    db,
    migrationTableSchema,
    // Modules land on parallel branches, each with its own numbered migration (independent tables): a
    // store migrated by one branch must still accept a lower-numbered migration merged later.
    allowUnorderedMigrations: true,
    provider: { getMigrations: async (): Promise<Record<string, Migration>> => all },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = error instanceof Error ? error.message : String(error);
    throw new OspreyError('UNAVAILABLE', `database migration ${failed} failed: ${reason}`);
  }
}
