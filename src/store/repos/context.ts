import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, type Kysely } from 'kysely';
import { OspreyError } from '../../core/errors.js';
import type { Database, Driver } from '../schema.js';

/** What every repository needs: the query builder (a transaction inside `store.transaction`) and the driver. */
export interface RepoContext {
  db: Kysely<Database>;
  driver: Driver;
  /**
   * SQLite only: the better-sqlite3 handle, for hot paths that reuse prepared statements. Use it only while
   * holding Kysely's connection (inside a transaction or `db.connection()`), which serialises access.
   */
  sqlite?: BetterSqlite3.Database;
}

/** Run `fn` in a transaction, joining the caller's when there is one, so repository methods stay atomic. */
export function atomically<T>(ctx: RepoContext, fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  return ctx.db.isTransaction ? fn(ctx.db) : ctx.db.transaction().execute(fn);
}

/** A unique or primary-key violation from either driver. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | null;
  return (
    !!e &&
    (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
  );
}

export function conflict(message: string): OspreyError {
  return new OspreyError('CONFLICT', message);
}

const preparedCache = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/** A prepared better-sqlite3 statement, prepared once per database handle and statement text. */
export function preparedFor(raw: BetterSqlite3.Database, text: string): BetterSqlite3.Statement {
  let cache = preparedCache.get(raw);
  if (!cache) {
    cache = new Map();
    preparedCache.set(raw, cache);
  }
  let stmt = cache.get(text);
  if (!stmt) {
    if (cache.size > 64) cache.clear();
    stmt = raw.prepare(text);
    cache.set(text, stmt);
  }
  return stmt;
}

/**
 * Rows of a hot-path read with driver-specific text. On SQLite the statement is prepared once and run
 * while holding Kysely's connection (so it stays serialised with transactions); on PostgreSQL it goes
 * through Kysely's pool as usual.
 */
export async function rowsOf<R>(
  ctx: RepoContext,
  sqliteText: string,
  pgText: string,
  params: (pg: boolean) => unknown[],
): Promise<R[]> {
  const raw = ctx.sqlite;
  if (raw) {
    const run = () => preparedFor(raw, sqliteText).all(params(false)) as R[];
    return ctx.db.isTransaction ? run() : ctx.db.connection().execute(async () => run());
  }
  if (ctx.driver === 'sqlite') {
    const res = await ctx.db.executeQuery(CompiledQuery.raw(sqliteText, params(false)));
    return res.rows as R[];
  }
  const res = await ctx.db.executeQuery(CompiledQuery.raw(pgText, params(true)));
  return res.rows as R[];
}
