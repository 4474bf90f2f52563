import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';

/**
 * Kysely's SQLite dialect with transactions that take the write lock up front (`BEGIN IMMEDIATE`).
 * With the default deferred BEGIN, two processes on one file (`osprey serve` and `osprey worker` or an
 * import) that both read and then write fail with SQLITE_BUSY(_SNAPSHOT) as soon as their transactions
 * overlap, because a read snapshot cannot be upgraded once another writer committed; an immediate
 * transaction instead waits (busy_timeout) for the other writer and then sees its rows.
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
