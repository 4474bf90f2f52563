import { createHash } from 'node:crypto';
import type { FieldIssue } from '../../core/errors.js';
import type { ItemInput, Json, JsonObject } from '../../core/types.js';
import { toNumber } from '../segment/clean-values.js';

/** `{ ospreyField: sourceColumn }`, e.g. `{ "userId": "customer_id", "traits.email": "Email" }`. */
export type ColumnMapping = Record<string, string>;

export type ImportKind = 'users' | 'items' | 'events';

const SEGMENT_FIELDS = new Set([
  'type',
  'event',
  'userId',
  'anonymousId',
  'messageId',
  'timestamp',
  'originalTimestamp',
  'sentAt',
  'name',
  'category',
  'previousId',
  'groupId',
  'properties',
  'context',
  'traits',
  'integrations',
]);

/** Rename mapped columns to Osprey field names; unmapped columns keep their own name. */
export function applyMapping(flat: JsonObject, mapping: ColumnMapping | undefined): JsonObject {
  if (!mapping) return flat;
  const out: JsonObject = {};
  const used = new Set(Object.values(mapping));
  for (const [k, v] of Object.entries(flat)) if (!used.has(k)) out[k] = v;
  for (const [target, source] of Object.entries(mapping)) if (source in flat) out[target] = flat[source];
  return out;
}

/**
 * The source column an Osprey field path came from (for rejection reports): the mapped column, or the
 * row's own column when extra columns were folded into traits/properties; else the path itself.
 */
export function sourceColumn(path: string, mapping: ColumnMapping | undefined, columns: string[]): string {
  const short = path.replace(/^(traits|properties)\./, '');
  for (const p of [path, short]) {
    if (mapping && p in mapping) return mapping[p];
    if (columns.includes(p)) return p;
  }
  return path;
}

/** A CSV record as a flat object, empty cells omitted; `true`/`false` become booleans. */
export function csvToFlat(header: string[], values: string[]): JsonObject {
  const o: JsonObject = {};
  for (let i = 0; i < header.length; i++) {
    const v = values[i];
    if (v === undefined || v === '') continue;
    o[header[i]] = v === 'true' ? true : v === 'false' ? false : v;
  }
  return o;
}

/** Dotted keys become nested objects: `properties.price` → `{properties: {price}}`. */
export function nest(flat: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(flat)) {
    const parts = k.split('.');
    let at = out;
    for (let i = 0; i < parts.length - 1; i++) {
      const next = at[parts[i]];
      if (next && typeof next === 'object' && !Array.isArray(next)) at = next;
      else at = at[parts[i]] = {};
    }
    at[parts[parts.length - 1]] = v;
  }
  return out;
}

/**
 * A row of a users or events file as a Segment message. Columns that are not Segment fields go into
 * `traits` (users, identify) or `properties` (events), so a plain `userId,email,age` file works.
 * Rows without a messageId get one derived from their content, so re-importing a file is idempotent.
 */
export function rowToMessage(kind: 'users' | 'events', row: JsonObject): JsonObject {
  const nested = nest(row);
  const msg: JsonObject = {};
  const extra: JsonObject = {};
  for (const [k, v] of Object.entries(nested)) {
    if (SEGMENT_FIELDS.has(k)) msg[k] = v;
    else extra[k] = v;
  }
  if (kind === 'users') {
    msg.type = 'identify';
    if (Object.keys(extra).length) msg.traits = { ...asObject(msg.traits), ...extra };
  } else {
    if (msg.type === undefined) msg.type = 'track';
    if (Object.keys(extra).length) {
      const key = msg.type === 'identify' || msg.type === 'group' ? 'traits' : 'properties';
      msg[key] = { ...asObject(msg[key]), ...extra };
    }
  }
  if (msg.messageId === undefined) {
    msg.messageId = `row:${createHash('sha256').update(JSON.stringify(msg)).digest('hex').slice(0, 32)}`;
  }
  return msg;
}

function asObject(v: Json | undefined): JsonObject {
  return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
}

const ITEM_FIELDS = new Set([
  'id',
  'title',
  'description',
  'category',
  'price',
  'tags',
  'active',
  'attributes',
]);

/** A row of an items file; other columns become attributes. */
export function rowToItem(row: JsonObject, issues: FieldIssue[]): ItemInput | undefined {
  const n = nest(row);
  const before = issues.length;
  const bad = (path: string, message: string) => issues.push({ path, message });
  const id = n.id;
  if (id === undefined || id === null || id === '') bad('id', 'missing');
  else if (typeof id !== 'string' && typeof id !== 'number') bad('id', 'not a string');
  const title = n.title ?? '';
  if (typeof title !== 'string') bad('title', 'not a string');
  const description = n.description ?? '';
  if (typeof description !== 'string') bad('description', 'not a string');
  const category = n.category ?? null;
  if (category !== null && typeof category !== 'string') bad('category', 'not a string');
  let price: number | null = null;
  if (n.price !== undefined && n.price !== null && n.price !== '') {
    const p = toNumber(n.price);
    if (p === undefined) bad('price', 'not a number');
    else if (p < 0) bad('price', 'negative');
    else price = p;
  }
  let tags: string[] = [];
  if (Array.isArray(n.tags)) tags = n.tags.map(String);
  else if (typeof n.tags === 'string')
    tags = n.tags
      .split(/[|;]/)
      .map((t) => t.trim())
      .filter(Boolean);
  else if (n.tags !== undefined && n.tags !== null) bad('tags', 'not a list');
  let active = true;
  if (n.active !== undefined && n.active !== null) {
    if (typeof n.active === 'boolean') active = n.active;
    else bad('active', 'not true or false');
  }
  const attributes: JsonObject = { ...asObject(n.attributes) };
  for (const [k, v] of Object.entries(n)) if (!ITEM_FIELDS.has(k)) attributes[k] = v;
  if (issues.length > before) return undefined;
  return {
    id: String(id),
    title: title as string,
    description: description as string,
    category: category as string | null,
    price,
    tags,
    active,
    attributes,
  };
}
