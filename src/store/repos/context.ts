import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
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
