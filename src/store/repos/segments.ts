import { CompiledQuery, type Kysely } from 'kysely';
import { OspreyError } from '../../core/errors.js';
import type { SegmentRule } from '../../core/segment-rule.js';
import type { JsonObject } from '../../core/types.js';
import { decodeCursor, encodeCursor, pageLimit } from '../cursor.js';
import { type Database, parseJson } from '../schema.js';
import type { SegmentInput, SegmentKind, SegmentRecord, SegmentsRepo } from '../store.js';
import { atomically, isUniqueViolation, type RepoContext } from './context.js';
import { ruleSql, SqlBuilder } from './segment-rule-sql.js';

interface SegmentRow {
  id: string;
  kind: string;
  name: string;
  name_zh: string;
  description: string;
  description_zh: string;
  rule: unknown;
  details: unknown;
  created_at: number;
  updated_at: number;
  refreshed_at: number | null;
  size: number | string;
}

function toSegment(r: SegmentRow): SegmentRecord {
  return {
    id: r.id,
    kind: r.kind as SegmentKind,
    name: r.name,
    nameZh: r.name_zh,
    description: r.description,
    descriptionZh: r.description_zh,
    rule: r.rule === null || r.rule === undefined ? null : parseJson<SegmentRule>(r.rule),
    details: parseJson<JsonObject>(r.details),
    size: Number(r.size),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    refreshedAt: r.refreshed_at === null ? null : Number(r.refreshed_at),
  };
}

const SELECT_SEGMENT = `SELECT s.*, (SELECT COUNT(*) FROM segment_memberships m WHERE m.segment_id = s.id AND m.exited_at IS NULL) AS size FROM segments s`;

async function raw<R>(
  db: Kysely<Database>,
  b: SqlBuilder,
  text: string,
): Promise<{ rows: R[]; affected: number }> {
  const res = await db.executeQuery<R>(CompiledQuery.raw(text, b.params));
  return { rows: res.rows, affected: Number(res.numAffectedRows ?? 0) };
}

async function getSegment(
  db: Kysely<Database>,
  ctx: RepoContext,
  id: string,
): Promise<SegmentRecord | undefined> {
  const b = new SqlBuilder(ctx.driver);
  const { rows } = await raw<SegmentRow>(db, b, `${SELECT_SEGMENT} WHERE s.id = ${b.p(id, 'text')}`);
  return rows[0] ? toSegment(rows[0]) : undefined;
}

function rowOf(s: SegmentInput, at: number) {
  return {
    id: s.id,
    kind: s.kind,
    name: s.name,
    name_zh: s.nameZh,
    description: s.description,
    description_zh: s.descriptionZh,
    rule: s.rule ? JSON.stringify(s.rule) : null,
    details: JSON.stringify(s.details ?? {}),
    created_at: at,
    updated_at: at,
    refreshed_at: null,
  };
}

/** Segments and their membership history; rule segments are evaluated as SQL (see segment-rule-sql.ts). */
export function segmentsRepo(ctx: RepoContext): SegmentsRepo {
  const repo: SegmentsRepo = {
    async create(s, at) {
      try {
        await ctx.db.insertInto('segments').values(rowOf(s, at)).execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw new OspreyError('CONFLICT', `segment '${s.id}' already exists`);
        throw err;
      }
      return (await getSegment(ctx.db, ctx, s.id))!;
    },
    upsert(s, at) {
      return atomically(ctx, async (db) => {
        const found = await db.selectFrom('segments').select('id').where('id', '=', s.id).executeTakeFirst();
        const row = rowOf(s, at);
        if (found) {
          const { id: _id, created_at: _c, refreshed_at: _r, ...patch } = row;
          await db.updateTable('segments').set(patch).where('id', '=', s.id).execute();
        } else {
          await db.insertInto('segments').values(row).execute();
        }
        return (await getSegment(db, ctx, s.id))!;
      });
    },
    get(id) {
      return getSegment(ctx.db, ctx, id);
    },
    async list(o = {}) {
      const b = new SqlBuilder(ctx.driver);
      const where = o.kind ? ` WHERE s.kind = ${b.p(o.kind, 'text')}` : '';
      const { rows } = await raw<SegmentRow>(ctx.db, b, `${SELECT_SEGMENT}${where} ORDER BY s.kind, s.id`);
      return rows.map(toSegment);
    },
    delete(id) {
      return atomically(ctx, async (db) => {
        await db.deleteFrom('segment_memberships').where('segment_id', '=', id).execute();
        const res = await db.deleteFrom('segments').where('id', '=', id).executeTakeFirst();
        return Number(res.numDeletedRows) > 0;
      });
    },
    async countRule(rule, now) {
      const b = new SqlBuilder(ctx.driver);
      const text = `SELECT COUNT(*) AS n FROM profiles p WHERE ${ruleSql(b, rule, now)}`;
      const { rows } = await raw<{ n: number | string }>(ctx.db, b, text);
      return Number(rows[0]?.n ?? 0);
    },
    refreshRule(id, now) {
      return atomically(ctx, async (db) => {
        const seg = await getSegment(db, ctx, id);
        if (!seg) throw new OspreyError('NOT_FOUND', `no segment '${id}'`);
        if (!seg.rule) throw new OspreyError('INVALID_INPUT', `segment '${id}' has no rule to refresh`);
        const exit = new SqlBuilder(ctx.driver);
        const exitText =
          `UPDATE segment_memberships SET exited_at = ${exit.p(now, 'bigint')} ` +
          `WHERE segment_id = ${exit.p(id, 'text')} AND exited_at IS NULL AND profile_id NOT IN ` +
          `(SELECT p.profile_id FROM profiles p WHERE ${ruleSql(exit, seg.rule, now)})`;
        const exited = (await raw(db, exit, exitText)).affected;
        const enter = new SqlBuilder(ctx.driver);
        const enterText =
          `INSERT INTO segment_memberships (segment_id, profile_id, entered_at) ` +
          `SELECT ${enter.p(id, 'text')}, p.profile_id, ${enter.p(now, 'bigint')} FROM profiles p ` +
          `WHERE ${ruleSql(enter, seg.rule, now)} AND NOT EXISTS (SELECT 1 FROM segment_memberships c ` +
          `WHERE c.segment_id = ${enter.p(id, 'text')} AND c.profile_id = p.profile_id AND c.exited_at IS NULL)`;
        const entered = (await raw(db, enter, enterText)).affected;
        await db.updateTable('segments').set({ refreshed_at: now }).where('id', '=', id).execute();
        return { size: (await getSegment(db, ctx, id))!.size, entered, exited };
      });
    },
    replaceMembers(id, members, at) {
      return atomically(ctx, async (db) => {
        const seg = await db.selectFrom('segments').select('id').where('id', '=', id).executeTakeFirst();
        if (!seg) throw new OspreyError('NOT_FOUND', `no segment '${id}'`);
        const current = await db
          .selectFrom('segment_memberships')
          .select(['profile_id', 'x', 'y'])
          .where('segment_id', '=', id)
          .where('exited_at', 'is', null)
          .execute();
        const now = new Map(current.map((r) => [Number(r.profile_id), r]));
        const next = new Map(members.map((m) => [m.profileId, m]));
        const leaving = [...now.keys()].filter((p) => !next.has(p));
        for (let i = 0; i < leaving.length; i += 500) {
          await db
            .updateTable('segment_memberships')
            .set({ exited_at: at })
            .where('segment_id', '=', id)
            .where('exited_at', 'is', null)
            .where('profile_id', 'in', leaving.slice(i, i + 500))
            .execute();
        }
        const entering = members.filter((m) => !now.has(m.profileId));
        for (let i = 0; i < entering.length; i += 500) {
          await db
            .insertInto('segment_memberships')
            .values(
              entering.slice(i, i + 500).map((m) => ({
                segment_id: id,
                profile_id: m.profileId,
                entered_at: at,
                exited_at: null,
                x: m.x ?? null,
                y: m.y ?? null,
              })),
            )
            .execute();
        }
        for (const m of members) {
          const was = now.get(m.profileId);
          if (!was || m.x === undefined) continue;
          if (Number(was.x) === m.x && Number(was.y) === m.y) continue;
          await db
            .updateTable('segment_memberships')
            .set({ x: m.x, y: m.y ?? null })
            .where('segment_id', '=', id)
            .where('profile_id', '=', m.profileId)
            .where('exited_at', 'is', null)
            .execute();
        }
        await db.updateTable('segments').set({ refreshed_at: at }).where('id', '=', id).execute();
        return { size: next.size, entered: entering.length, exited: leaving.length };
      });
    },
    async members(id, o = {}) {
      const limit = pageLimit(o.limit);
      let q = ctx.db
        .selectFrom('segment_memberships as m')
        .innerJoin('profiles as p', 'p.profile_id', 'm.profile_id')
        .select(['m.profile_id', 'p.user_id', 'm.entered_at', 'm.x', 'm.y'])
        .where('m.segment_id', '=', id)
        .where('m.exited_at', 'is', null);
      if (o.cursor) {
        const [after] = decodeCursor(o.cursor, ['number']);
        q = q.where('m.profile_id', '>', after as number);
      }
      const rows = await q
        .orderBy('m.profile_id')
        .limit(limit + 1)
        .execute();
      const items = rows.slice(0, limit).map((r) => ({
        profileId: Number(r.profile_id),
        userId: r.user_id,
        enteredAt: Number(r.entered_at),
        x: r.x === null ? null : Number(r.x),
        y: r.y === null ? null : Number(r.y),
      }));
      const next = rows.length > limit ? encodeCursor([items[items.length - 1].profileId]) : null;
      return { items, next };
    },
    async forProfile(profileId, o = {}) {
      let q = ctx.db
        .selectFrom('segment_memberships as m')
        .innerJoin('segments as s', 's.id', 'm.segment_id')
        .select(['m.segment_id', 's.kind', 'm.entered_at', 'm.exited_at'])
        .where('m.profile_id', '=', profileId);
      if (o.current) q = q.where('m.exited_at', 'is', null);
      const rows = await q.orderBy('m.entered_at', 'desc').orderBy('m.segment_id').execute();
      return rows.map((r) => ({
        segmentId: r.segment_id,
        kind: r.kind as SegmentKind,
        enteredAt: Number(r.entered_at),
        exitedAt: r.exited_at === null ? null : Number(r.exited_at),
      }));
    },
  };
  return repo;
}
