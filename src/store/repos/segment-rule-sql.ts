import type { FieldCondition, Scalar, SegmentRule } from '../../core/segment-rule.js';
import type { Driver } from '../schema.js';

const DAY = 86_400_000;

/**
 * SQL text with positional parameters in the driver's style (`?` for SQLite, `$n` for PostgreSQL).
 * Pieces are appended in text order, so parameters stay in step with their placeholders.
 */
export class SqlBuilder {
  readonly params: unknown[] = [];
  constructor(readonly driver: Driver) {}

  /** A placeholder for `v`; on PostgreSQL with an explicit cast so operators resolve unambiguously. */
  p(v: unknown, pgType?: string): string {
    this.params.push(v);
    if (this.driver === 'sqlite') return '?';
    return pgType ? `$${this.params.length}::${pgType}` : `$${this.params.length}`;
  }
}

const isNumber = (v: Scalar): v is number => typeof v === 'number';

/** SQLite: a JSON path naming one key (names are validated to need no escaping). */
const sqlitePath = (key: string): string => `$."${key}"`;

function eqSqlite(b: SqlBuilder, col: string, key: string, v: Scalar): string {
  const t = `json_type(${col}, ${b.p(sqlitePath(key))})`;
  if (typeof v === 'boolean') return `(${t} = '${v ? 'true' : 'false'}')`;
  const types = isNumber(v) ? "('integer', 'real')" : "('text')";
  return `(${t} IN ${types} AND json_extract(${col}, ${b.p(sqlitePath(key))}) = ${b.p(v)})`;
}

function eqPg(b: SqlBuilder, col: string, key: string, v: Scalar): string {
  return `((${col} -> ${b.p(key, 'text')}) = ${b.p(JSON.stringify(v), 'jsonb')})`;
}

/** A comparison of `col`'s key as a definite boolean (never NULL), so NOT and OR behave. */
function fieldSql(b: SqlBuilder, col: string, key: string, c: FieldCondition): string {
  const pg = b.driver === 'postgres';
  const eq = (v: Scalar) => (pg ? eqPg(b, col, key, v) : eqSqlite(b, col, key, v));
  switch (c.op) {
    case 'eq':
      return `COALESCE(${eq(c.value as Scalar)}, FALSE)`;
    case 'neq':
      return `NOT COALESCE(${eq(c.value as Scalar)}, FALSE)`;
    case 'in':
      return `COALESCE((${(c.value as Scalar[]).map(eq).join(' OR ')}), FALSE)`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const op = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[c.op];
      if (pg) {
        const k1 = b.p(key, 'text');
        const k2 = b.p(key, 'text');
        return `COALESCE((CASE WHEN jsonb_typeof(${col} -> ${k1}) = 'number' THEN (${col} ->> ${k2})::double precision END) ${op} ${b.p(c.value, 'double precision')}, FALSE)`;
      }
      const t = `json_type(${col}, ${b.p(sqlitePath(key))})`;
      return `COALESCE((CASE WHEN ${t} IN ('integer', 'real') THEN json_extract(${col}, ${b.p(sqlitePath(key))}) END) ${op} ${b.p(c.value)}, FALSE)`;
    }
    case 'contains': {
      const v = c.value as Scalar;
      if (pg) {
        const parts = [
          `WHEN 'array' THEN (${col} -> ${b.p(key, 'text')}) @> ${b.p(JSON.stringify([v]), 'jsonb')}`,
        ];
        if (typeof v === 'string')
          parts.push(`WHEN 'string' THEN strpos(${col} ->> ${b.p(key, 'text')}, ${b.p(v, 'text')}) > 0`);
        return `COALESCE((CASE jsonb_typeof(${col} -> ${b.p(key, 'text')}) ${parts.join(' ')} ELSE FALSE END), FALSE)`;
      }
      // Placeholders are pushed in text order: json_each's path, the type check's path, then the element.
      const each = `json_each(${col}, ${b.p(sqlitePath(key))})`;
      const isArray = `json_type(${col}, ${b.p(sqlitePath(key))}) = 'array'`;
      const elem = typeof v === 'boolean' ? `j.type = '${v ? 'true' : 'false'}'` : `j.value = ${b.p(v)}`;
      let s = `EXISTS (SELECT 1 FROM ${each} j WHERE ${isArray} AND ${elem})`;
      if (typeof v === 'string') {
        s = `(${s} OR (json_type(${col}, ${b.p(sqlitePath(key))}) = 'text' AND instr(json_extract(${col}, ${b.p(sqlitePath(key))}), ${b.p(v)}) > 0))`;
      }
      return `COALESCE(${s}, FALSE)`;
    }
    case 'exists':
      return pg
        ? `(COALESCE(jsonb_typeof(${col} -> ${b.p(key, 'text')}), 'null') <> 'null')`
        : `(COALESCE(json_type(${col}, ${b.p(sqlitePath(key))}), 'null') <> 'null')`;
  }
}

/**
 * A boolean SQL expression over the profile row aliased `p` that holds when the profile matches `rule`
 * as of `now`. Traits are `p.traits`; events, scores and memberships are correlated subqueries.
 */
export function ruleSql(b: SqlBuilder, rule: SegmentRule, now: number): string {
  if ('and' in rule) return `(${rule.and.map((r) => ruleSql(b, r, now)).join(' AND ')})`;
  if ('or' in rule) return `(${rule.or.map((r) => ruleSql(b, r, now)).join(' OR ')})`;
  if ('not' in rule) return `(NOT ${ruleSql(b, rule.not, now)})`;
  if ('trait' in rule) return fieldSql(b, 'p.traits', rule.trait, rule);
  if ('event' in rule) {
    const conds = ['e.profile_id = p.profile_id'];
    if (rule.event === 'page') conds.push(`e.type = 'page'`);
    else conds.push(`e.type = 'track'`, `e.name = ${b.p(rule.event, 'text')}`);
    if (rule.withinDays !== undefined) {
      conds.push(`e.timestamp >= ${b.p(Math.round(now - rule.withinDays * DAY), 'bigint')}`);
      conds.push(`e.timestamp <= ${b.p(now, 'bigint')}`);
    }
    for (const f of rule.where ?? []) conds.push(fieldSql(b, 'e.properties', f.property, f));
    const n = `(SELECT COUNT(*) FROM events e WHERE ${conds.join(' AND ')})`;
    // One rendering of the count (its parameters were pushed once), compared with one or both bounds.
    if (rule.min !== undefined && rule.max !== undefined) {
      return `(${n} BETWEEN ${b.p(rule.min, 'bigint')} AND ${b.p(rule.max, 'bigint')})`;
    }
    if (rule.max !== undefined) return `(${n} <= ${b.p(rule.max, 'bigint')})`;
    return `(${n} >= ${b.p(rule.min ?? 1, 'bigint')})`;
  }
  if ('prediction' in rule) {
    const op = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[rule.op];
    return `EXISTS (SELECT 1 FROM scores s WHERE s.profile_id = p.profile_id AND s.kind = ${b.p(rule.prediction, 'text')} AND s.value ${op} ${b.p(rule.value, 'double precision')})`;
  }
  return `EXISTS (SELECT 1 FROM segment_memberships m WHERE m.segment_id = ${b.p(rule.segment, 'text')} AND m.profile_id = p.profile_id AND m.exited_at IS NULL)`;
}
