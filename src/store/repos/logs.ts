import type { AuditRecord, JsonObject, Rejection } from '../../core/types.js';
import { parseJson } from '../schema.js';
import type { AuditRepo, MetaRepo, RejectionsRepo, SuppressionsRepo } from '../store.js';
import type { RepoContext } from './context.js';

/** The rejection log keeps the newest 10,000 entries: enough for the ingestion-health view, bounded on disk. */
export const REJECTION_LOG_CAP = 10_000;

export function rejectionsRepo(ctx: RepoContext): RejectionsRepo {
  const db = ctx.db;
  return {
    async add(list) {
      if (list.length === 0) return;
      // Only the newest CAP entries can survive the trim, so don't write the others at all.
      const tail = list.slice(-REJECTION_LOG_CAP);
      for (let start = 0; start < tail.length; start += 1000) {
        await db
          .insertInto('ingest_rejections')
          .values(
            tail
              .slice(start, start + 1000)
              .map((r) => ({ at: r.at, source: r.source, reason: r.reason, path: r.path })),
          )
          .execute();
      }
      const newest = await db
        .selectFrom('ingest_rejections')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst();
      const maxId = Number(newest?.id ?? 0);
      if (maxId > REJECTION_LOG_CAP) {
        await db
          .deleteFrom('ingest_rejections')
          .where('id', '<=', maxId - REJECTION_LOG_CAP)
          .execute();
      }
    },
    async list(o = {}) {
      let q = db.selectFrom('ingest_rejections').select(['at', 'source', 'reason', 'path']);
      if (o.since !== undefined) q = q.where('at', '>=', o.since);
      const rows = await q
        .orderBy('id', 'desc')
        .limit(Math.min(o.limit ?? 100, REJECTION_LOG_CAP))
        .execute();
      return rows as Rejection[];
    },
    async countsByReason(since) {
      const rows = await db
        .selectFrom('ingest_rejections')
        .select((eb) => ['reason', eb.fn.countAll<number>().as('count')])
        .where('at', '>=', since)
        .groupBy('reason')
        .orderBy('count', 'desc')
        .orderBy('reason')
        .execute();
      return rows.map((r) => ({ reason: r.reason, count: Number(r.count) }));
    },
  };
}

export function auditRepo(ctx: RepoContext): AuditRepo {
  const db = ctx.db;
  return {
    async append(r) {
      await db
        .insertInto('audit_log')
        .values({ at: r.at, actor: r.actor, action: r.action, details: JSON.stringify(r.details ?? {}) })
        .execute();
    },
    async list(o = {}) {
      let q = db.selectFrom('audit_log').select(['at', 'actor', 'action', 'details']);
      if (o.action !== undefined) q = q.where('action', '=', o.action);
      const rows = await q
        .orderBy('id', 'desc')
        .limit(o.limit ?? 100)
        .execute();
      return rows.map(
        (r): AuditRecord => ({
          at: r.at,
          actor: r.actor,
          action: r.action,
          details: parseJson<JsonObject>(r.details),
        }),
      );
    },
  };
}

export function suppressionsRepo(ctx: RepoContext): SuppressionsRepo {
  const db = ctx.db;
  return {
    async add(hash, reason, at) {
      await db
        .insertInto('suppressions')
        .values({ hash, reason, at })
        .onConflict((oc) => oc.column('hash').doNothing())
        .execute();
    },
    async has(hash) {
      const row = await db
        .selectFrom('suppressions')
        .select('hash')
        .where('hash', '=', hash)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

export function metaRepo(ctx: RepoContext): MetaRepo {
  const db = ctx.db;
  return {
    async get(key) {
      const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
      return row?.value;
    },
    async set(key, value) {
      await db
        .insertInto('meta')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    },
  };
}
