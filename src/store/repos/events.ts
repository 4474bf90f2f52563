import { CompiledQuery, type ExpressionBuilder, type Kysely } from 'kysely';
import { invalidInput } from '../../core/errors.js';
import type { JsonObject, MessageType, StoredEvent } from '../../core/types.js';
import { decodeCursor, encodeCursor, pageLimit } from '../cursor.js';
import { type Database, type Driver, parseJson } from '../schema.js';
import type { EventFilter, EventsRepo } from '../store.js';
import { preparedFor, type RepoContext, rowsOf } from './context.js';

const COLUMNS = [
  'source',
  'message_id',
  'type',
  'name',
  'user_id',
  'anonymous_id',
  'profile_id',
  'properties',
  'context',
  'timestamp',
  'received_at',
] as const;

// SQLite allows 32,766 bound variables per statement and PostgreSQL 65,535: 1,000 rows × 11 columns fits both.
const ROWS_PER_STATEMENT = 1000;

/**
 * The hot path of ingestion builds its multi-row `INSERT ... ON CONFLICT DO NOTHING` once per
 * (driver, row count) and reuses the SQL text, so a steady stream of 100-event batches pays no query
 * building at all — only parameter binding.
 */
const insertSqlCache = new Map<string, string>();

function insertSql(driver: Driver, rows: number): string {
  const key = `${driver}:${rows}`;
  let text = insertSqlCache.get(key);
  if (text) return text;
  const cols = COLUMNS.length;
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) {
    const ph: string[] = [];
    for (let c = 0; c < cols; c++) ph.push(driver === 'postgres' ? `$${r * cols + c + 1}` : '?');
    tuples.push(`(${ph.join(',')})`);
  }
  text = `insert into "events" (${COLUMNS.map((c) => `"${c}"`).join(',')}) values ${tuples.join(',')} on conflict ("source", "message_id") do nothing`;
  if (insertSqlCache.size > 256) insertSqlCache.clear();
  insertSqlCache.set(key, text);
  return text;
}

/**
 * PostgreSQL: one statement text whatever the batch size — eleven column arrays unnested into rows — so
 * the server parses and plans a short statement with 11 parameters instead of one with 1,100.
 */
const PG_INSERT = `insert into "events" (${COLUMNS.map((c) => `"${c}"`).join(',')})
  select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[],
    $8::jsonb[], $9::jsonb[], $10::bigint[], $11::bigint[])
  on conflict ("source", "message_id") do nothing`;

interface EventRow {
  id: number;
  source: string;
  message_id: string;
  type: string;
  name: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  profile_id: number;
  properties: unknown;
  context: unknown;
  timestamp: number;
  received_at: number;
}

function toEvent(r: EventRow): StoredEvent {
  return {
    id: r.id,
    messageId: r.message_id,
    source: r.source,
    type: r.type as MessageType,
    name: r.name,
    userId: r.user_id,
    anonymousId: r.anonymous_id,
    profileId: r.profile_id,
    properties: parseJson<JsonObject>(r.properties),
    context: parseJson<JsonObject>(r.context),
    timestamp: r.timestamp,
    receivedAt: r.received_at,
  };
}

function checkTime(field: string, v: number | undefined): void {
  if (v !== undefined && !Number.isFinite(v)) {
    throw invalidInput(`${field}: not a time`, [{ path: field, message: 'not a time' }]);
  }
}

/**
 * Cheap guards on what callers hand the hot path: a NaN time or a missing id would otherwise surface as
 * a driver constraint error (a 500) instead of naming the field. Ingest validates first; this is the floor.
 */
function checkEvents(
  events: {
    messageId: unknown;
    source: unknown;
    type: unknown;
    profileId: unknown;
    timestamp: unknown;
    receivedAt: unknown;
  }[],
): void {
  const issues: { path: string; message: string }[] = [];
  for (let i = 0; i < events.length && issues.length < 20; i++) {
    const e = events[i];
    if (typeof e.messageId !== 'string' || e.messageId === '')
      issues.push({ path: `events[${i}].messageId`, message: 'must be a non-empty string' });
    if (typeof e.source !== 'string' || e.source === '')
      issues.push({ path: `events[${i}].source`, message: 'must be a non-empty string' });
    if (typeof e.type !== 'string') issues.push({ path: `events[${i}].type`, message: 'must be a string' });
    if (!Number.isSafeInteger(e.profileId))
      issues.push({ path: `events[${i}].profileId`, message: 'must be an integer' });
    if (!Number.isFinite(e.timestamp)) issues.push({ path: `events[${i}].timestamp`, message: 'not a time' });
    if (!Number.isFinite(e.receivedAt))
      issues.push({ path: `events[${i}].receivedAt`, message: 'not a time' });
  }
  if (issues.length > 0) {
    throw invalidInput(`events: ${issues.map((x) => `${x.path}: ${x.message}`).join('; ')}`, issues);
  }
}

type Filter = Omit<EventFilter, 'cursor' | 'limit' | 'order'>;

function applyFilter(eb: ExpressionBuilder<Database, 'events'>, f: Filter) {
  const and = [];
  if (f.profileId !== undefined) and.push(eb('profile_id', '=', f.profileId));
  if (f.name !== undefined) and.push(eb('name', '=', f.name));
  if (f.type !== undefined) and.push(eb('type', '=', f.type));
  if (f.from !== undefined) and.push(eb('timestamp', '>=', f.from));
  if (f.to !== undefined) and.push(eb('timestamp', '<', f.to));
  return eb.and(and);
}

export function eventsRepo(ctx: RepoContext): EventsRepo {
  const db: Kysely<Database> = ctx.db;
  return {
    async insertMany(events) {
      checkEvents(events);
      let inserted = 0;
      for (let start = 0; start < events.length; start += ROWS_PER_STATEMENT) {
        const chunk = events.slice(start, start + ROWS_PER_STATEMENT);
        if (ctx.driver === 'postgres') {
          const columns: unknown[][] = COLUMNS.map(() => new Array(chunk.length));
          chunk.forEach((e, i) => {
            columns[0][i] = e.source;
            columns[1][i] = e.messageId;
            columns[2][i] = e.type;
            columns[3][i] = e.name ?? null;
            columns[4][i] = e.userId ?? null;
            columns[5][i] = e.anonymousId ?? null;
            columns[6][i] = e.profileId;
            columns[7][i] = JSON.stringify(e.properties ?? {});
            columns[8][i] = JSON.stringify(e.context ?? {});
            columns[9][i] = e.timestamp;
            columns[10][i] = e.receivedAt;
          });
          const res = await db.executeQuery(CompiledQuery.raw(PG_INSERT, columns));
          inserted += Number(res.numAffectedRows ?? 0n);
          continue;
        }
        const params: unknown[] = new Array(chunk.length * COLUMNS.length);
        let p = 0;
        for (const e of chunk) {
          params[p++] = e.source;
          params[p++] = e.messageId;
          params[p++] = e.type;
          params[p++] = e.name ?? null;
          params[p++] = e.userId ?? null;
          params[p++] = e.anonymousId ?? null;
          params[p++] = e.profileId;
          params[p++] = JSON.stringify(e.properties ?? {});
          params[p++] = JSON.stringify(e.context ?? {});
          params[p++] = e.timestamp;
          params[p++] = e.receivedAt;
        }
        const text = insertSql(ctx.driver, chunk.length);
        const raw = ctx.sqlite;
        if (raw) {
          // better-sqlite3 is synchronous: running the cached prepared statement while holding Kysely's
          // connection skips Kysely's per-call prepare, which dominated the cost of 100-row batches.
          const run = () => preparedFor(raw, text).run(params).changes;
          inserted += db.isTransaction ? run() : await db.connection().execute(async () => run());
        } else {
          const res = await db.executeQuery(CompiledQuery.raw(text, params));
          inserted += Number(res.numAffectedRows ?? 0n);
        }
      }
      return inserted;
    },

    async existing(source, messageIds) {
      // One fixed statement text for any number of ids (a JSON array on SQLite, a text[] on PostgreSQL),
      // so the ingest path reuses one prepared statement instead of compiling an IN list per batch.
      const rows = await rowsOf<{ message_id: string }>(
        ctx,
        'select "message_id" from "events" where "source" = ? and "message_id" in (select value from json_each(?))',
        'select "message_id" from "events" where "source" = $1 and "message_id" = any($2::text[])',
        (pg) => [source, pg ? messageIds : JSON.stringify(messageIds)],
      );
      return new Set(rows.map((r) => r.message_id));
    },

    async list(filter) {
      checkTime('from', filter.from);
      checkTime('to', filter.to);
      const limit = pageLimit(filter.limit);
      const desc = (filter.order ?? 'desc') === 'desc';
      let q = db
        .selectFrom('events')
        .selectAll()
        .where((eb) => applyFilter(eb, filter));
      if (filter.cursor) {
        const [t, id] = decodeCursor(filter.cursor, ['number', 'number']) as number[];
        const op = desc ? '<' : '>';
        q = q.where((eb) =>
          eb.or([eb('timestamp', op, t), eb.and([eb('timestamp', '=', t), eb('id', op, id)])]),
        );
      }
      const dir = desc ? 'desc' : 'asc';
      const rows = await q
        .orderBy('timestamp', dir)
        .orderBy('id', dir)
        .limit(limit + 1)
        .execute();
      const more = rows.length > limit;
      const page = more ? rows.slice(0, limit) : rows;
      const last = page[page.length - 1];
      return {
        items: page.map(toEvent),
        next: more ? encodeCursor([last.timestamp, last.id]) : null,
      };
    },

    async count(filter = {}) {
      checkTime('from', filter.from);
      checkTime('to', filter.to);
      const row = await db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where((eb) => applyFilter(eb, filter))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
