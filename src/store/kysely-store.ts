import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { OspreyError } from '../core/errors.js';
import { eventsRepo } from './repos/events.js';
import { featureQueries } from './repos/features.js';
import { storeInspector } from './repos/inspect.js';
import { itemsRepo } from './repos/items.js';
import { jobsRepo } from './repos/jobs.js';
import { keysRepo } from './repos/keys.js';
import { auditRepo, metaRepo, rejectionsRepo, suppressionsRepo } from './repos/logs.js';
import { modelsRepo, scoresRepo } from './repos/models.js';
import { recommendationsRepo } from './repos/recommendations.js';
import { reviewScoresRepo } from './repos/review-scores.js';
import { segmentsRepo } from './repos/segments.js';
import { statsQueries } from './repos/stats.js';
import { usersRepo } from './repos/users.js';
import type { Database, Driver } from './schema.js';
import type { Store } from './store.js';

/**
 * The one Store implementation over Kysely: both drivers share every repository; only the SQL that must
 * differ (JSON extraction, SKIP LOCKED) branches on `driver` inside a repository. Inside `transaction`
 * the same repositories are built over the Kysely transaction, so any mix of repository calls commits or
 * rolls back together.
 */
export function kyselyStore(
  db: Kysely<Database>,
  driver: Driver,
  close: () => Promise<void>,
  sqlite?: BetterSqlite3.Database,
): Store {
  const ctx = { db, driver, sqlite };
  const store: Store = {
    driver,
    users: usersRepo(ctx),
    events: eventsRepo(ctx),
    items: itemsRepo(ctx),
    keys: keysRepo(ctx),
    jobs: jobsRepo(ctx),
    rejections: rejectionsRepo(ctx),
    audit: auditRepo(ctx),
    suppressions: suppressionsRepo(ctx),
    meta: metaRepo(ctx),
    stats: statsQueries(ctx),
    features: featureQueries(ctx),
    models: modelsRepo(ctx),
    scores: scoresRepo(ctx),
    segments: segmentsRepo(ctx),
    reviewScores: reviewScoresRepo(ctx),
    recommendations: recommendationsRepo(ctx),
    inspect: storeInspector(ctx),
    transaction(fn) {
      if (db.isTransaction) return fn(store);
      return db.transaction().execute((trx) => fn(kyselyStore(trx, driver, notInTransaction, sqlite)));
    },
    close,
  };
  return store;
}

async function notInTransaction(): Promise<void> {
  throw new OspreyError('INTERNAL', 'close() called on a transaction: close the store that opened it');
}
