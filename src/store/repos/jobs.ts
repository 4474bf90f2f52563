import { sql } from 'kysely';
import { notFound } from '../../core/errors.js';
import type { Job, JobStatus, JsonObject } from '../../core/types.js';
import { parseJson } from '../schema.js';
import type { JobsRepo } from '../store.js';
import type { RepoContext } from './context.js';

interface JobRow {
  id: string;
  queue: string;
  name: string;
  payload: unknown;
  status: string;
  attempts: number;
  max_attempts: number;
  run_at: number;
  lease_until: number | null;
  worker_id: string | null;
  progress: unknown;
  result: unknown;
  error: string | null;
  created_at: number;
  updated_at: number;
}

function toJob(r: JobRow): Job {
  return {
    id: r.id,
    queue: r.queue,
    name: r.name,
    payload: parseJson<JsonObject>(r.payload),
    status: r.status as JobStatus,
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
    runAt: Number(r.run_at),
    leaseUntil: r.lease_until === null ? null : Number(r.lease_until),
    progress: r.progress === null ? null : parseJson<JsonObject>(r.progress),
    result: r.result === null ? null : parseJson<JsonObject>(r.result),
    error: r.error,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

export function jobsRepo(ctx: RepoContext): JobsRepo {
  const db = ctx.db;
  const pg = ctx.driver === 'postgres';

  /** Rows a `workerId`-guarded write may touch: the caller must still hold the lease it was given. */
  function owned(id: string, workerId: string | undefined) {
    let q = db.updateTable('jobs').where('id', '=', id);
    if (workerId !== undefined) q = q.where('worker_id', '=', workerId).where('status', '=', 'running');
    return q;
  }

  return {
    async enqueue(j) {
      const at = Date.now();
      const row: JobRow = {
        id: j.id,
        queue: j.queue,
        name: j.name,
        payload: JSON.stringify(j.payload),
        status: 'queued',
        attempts: 0,
        max_attempts: j.maxAttempts,
        run_at: j.runAt,
        lease_until: null,
        worker_id: null,
        progress: null,
        result: null,
        error: null,
        created_at: at,
        updated_at: at,
      };
      await db
        .insertInto('jobs')
        .values({ ...row, payload: row.payload as string, progress: null, result: null })
        .execute();
      return toJob(row);
    },

    async claim(queue, workerId, now, leaseMs) {
      // One statement claims atomically: a due queued job, or a running one whose worker stopped renewing
      // its lease (it died). PostgreSQL needs FOR UPDATE SKIP LOCKED so concurrent claimers don't block or
      // double-claim; SQLite has a single writer, so the sub-select and update cannot interleave.
      const due = sql`(("status" = 'queued' and "run_at" <= ${now}) or ("status" = 'running' and "lease_until" < ${now}))`;
      const pick = pg
        ? sql`select "id" from "jobs" where "queue" = ${queue} and ${due} order by "run_at", "id" limit 1 for update skip locked`
        : sql`select "id" from "jobs" where "queue" = ${queue} and ${due} order by "run_at", "id" limit 1`;
      const res = await sql<JobRow>`update "jobs" set "status" = 'running', "attempts" = "attempts" + 1,
        "lease_until" = ${now + leaseMs}, "worker_id" = ${workerId}, "updated_at" = ${now}
        where "id" = (${pick}) returning *`.execute(db);
      const row = res.rows[0];
      return row ? toJob(row) : undefined;
    },

    async extendLease(id, until, workerId) {
      const res = await owned(id, workerId)
        .set({ lease_until: until, updated_at: Date.now() })
        .executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },

    async progress(id, progress, workerId) {
      await owned(id, workerId)
        .set({ progress: JSON.stringify(progress), updated_at: Date.now() })
        .execute();
    },

    async complete(id, result, at, workerId) {
      await owned(id, workerId)
        .set({
          status: 'succeeded',
          result: result === null ? null : JSON.stringify(result),
          lease_until: null,
          error: null,
          updated_at: at,
        })
        .execute();
    },

    async fail(id, error, retryAt, at, workerId) {
      const row = await db
        .selectFrom('jobs')
        .select(['attempts', 'max_attempts'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) throw notFound(`job ${id} does not exist`);
      const retry = retryAt !== null && Number(row.attempts) < Number(row.max_attempts);
      await owned(id, workerId)
        .set(
          retry
            ? { status: 'queued', run_at: retryAt, lease_until: null, worker_id: null, error, updated_at: at }
            : { status: 'failed', lease_until: null, error, updated_at: at },
        )
        .execute();
    },

    async get(id) {
      const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toJob(row) : undefined;
    },

    async list(o = {}) {
      let q = db.selectFrom('jobs').selectAll();
      if (o.queue !== undefined) q = q.where('queue', '=', o.queue);
      if (o.status !== undefined) q = q.where('status', '=', o.status);
      const rows = await q
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(o.limit ?? 100)
        .execute();
      return rows.map(toJob);
    },
  };
}
