import { randomUUID } from 'node:crypto';
import type { FieldIssue } from '../../core/errors.js';
import type { Json, JsonObject, MessageType } from '../../core/types.js';
import { cleanEmail, cleanPhone, NUMERIC_PROPERTIES, phoneCountry, toNumber } from './clean-values.js';
import { type CleanMessage, MAX_FUTURE_MS, MESSAGE_TYPES } from './segment-message.js';

export interface ValidateOptions {
  /** Path prefix for issues: `batch[3]` in a batch, '' for a single-message route. */
  path: string;
  /** The route's type (`/v1/track`); for batch items the message's own `type` is required. */
  type?: MessageType;
  receivedAt: number;
  /** Batch-level `sentAt` (epoch ms) when the message has none. */
  sentAt?: number;
  /** Batch-level `context`, shallow-merged under the message's own. */
  context?: JsonObject;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

const at = (prefix: string, field: string) => (prefix ? `${prefix}.${field}` : field);

/**
 * Validate and clean one Segment message, pushing every problem found to `issues` (it never stops at the
 * first, so a client sees all bad field paths in one answer). Returns undefined when anything was wrong.
 */
export function validateMessage(
  raw: unknown,
  o: ValidateOptions,
  issues: FieldIssue[],
): CleanMessage | undefined {
  const before = issues.length;
  const bad = (field: string, message: string) => issues.push({ path: at(o.path, field), message });
  if (!isObject(raw)) {
    issues.push({ path: o.path || 'body', message: 'not an object' });
    return undefined;
  }

  unstorableText(raw, o.path, issues);

  let type: MessageType | undefined = o.type;
  if (!type) {
    if (raw.type === undefined || raw.type === null) bad('type', 'missing');
    else if (typeof raw.type !== 'string' || !MESSAGE_TYPES.includes(raw.type as MessageType)) {
      bad('type', `not one of ${MESSAGE_TYPES.join(', ')}`);
    } else type = raw.type as MessageType;
  }

  const userId = identifier(raw, 'userId', bad);
  const anonymousId = identifier(raw, 'anonymousId', bad);
  let previousId: string | null = null;
  let groupId: string | null = null;
  let name: string | null = null;

  if (type === 'alias') {
    previousId = identifier(raw, 'previousId', bad);
    if (userId === null && raw.userId == null) bad('userId', 'missing (alias needs userId and previousId)');
    if (previousId === null && raw.previousId == null)
      bad('previousId', 'missing (alias needs userId and previousId)');
  } else if (
    type &&
    userId === null &&
    anonymousId === null &&
    raw.userId == null &&
    raw.anonymousId == null
  ) {
    bad('userId', 'userId or anonymousId is required');
  }
  if (type === 'track') {
    if (raw.event === undefined || raw.event === null) bad('event', 'missing');
    else if (typeof raw.event !== 'string' || raw.event.trim() === '') bad('event', 'not a non-empty string');
    else name = raw.event.trim();
  }
  if (type === 'page' || type === 'screen') {
    if (raw.name !== undefined && raw.name !== null) {
      if (typeof raw.name !== 'string') bad('name', 'not a string');
      else name = raw.name;
    }
  }
  if (type === 'group') {
    groupId = identifier(raw, 'groupId', bad);
    if (groupId === null && raw.groupId == null) bad('groupId', 'missing');
  }

  let messageId: string | null = null;
  if (raw.messageId !== undefined && raw.messageId !== null) {
    if (typeof raw.messageId !== 'string' || raw.messageId.trim() === '')
      bad('messageId', 'not a non-empty string');
    else if (raw.messageId.length > 255) bad('messageId', 'longer than 255 characters');
    else messageId = raw.messageId;
  }

  const properties = objectField(raw, 'properties', bad);
  const traits = objectField(raw, 'traits', bad);
  const ownContext = objectField(raw, 'context', bad);
  const context = o.context ? { ...o.context, ...ownContext } : ownContext;
  // page calls carry `category` beside `name`; keep it with the properties as analytics.js does.
  if (
    (type === 'page' || type === 'screen') &&
    typeof raw.category === 'string' &&
    properties.category == null
  ) {
    properties.category = raw.category;
  }

  const timestamp = resolveTimestamp(raw, o, bad);

  if (type === 'identify' || type === 'group') cleanTraits(traits, context, 'traits', bad);
  cleanCommerce(properties, 'properties', bad);

  if (issues.length > before || !type || timestamp === undefined) return undefined;
  return {
    type,
    messageId: messageId ?? randomUUID(),
    userId,
    anonymousId,
    previousId,
    groupId,
    name,
    properties,
    traits,
    context,
    timestamp,
  };
}

/** userId / anonymousId / previousId / groupId: strings, or numbers as Segment libraries allow. */
function identifier(raw: JsonObject, field: string, bad: (f: string, m: string) => void): string | null {
  const v = raw[field];
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') {
    bad(field, 'not a string');
    return null;
  }
  const s = v.trim();
  if (s === '') return null;
  if (s.length > 255) {
    bad(field, 'longer than 255 characters');
    return null;
  }
  return s;
}

/** A copy of an optional object field (copied so cleaning never mutates the caller's input). */
function objectField(raw: JsonObject, field: string, bad: (f: string, m: string) => void): JsonObject {
  const v = raw[field];
  if (v === undefined || v === null) return {};
  if (!isObject(v)) {
    bad(field, 'not an object');
    return {};
  }
  return { ...v };
}

function parseDate(v: Json | undefined): number | undefined | 'bad' {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') return 'bad';
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : 'bad';
}

/**
 * Segment's rule: an explicit `timestamp` is used as given. Without it, `originalTimestamp` (the device clock)
 * is corrected for clock skew by the delay the device itself measured: timestamp = receivedAt −
 * (sentAt − originalTimestamp). Without either, the message happened when it was received.
 */
function resolveTimestamp(
  raw: JsonObject,
  o: ValidateOptions,
  bad: (f: string, m: string) => void,
): number | undefined {
  const ts = parseDate(raw.timestamp);
  const original = parseDate(raw.originalTimestamp);
  const ownSent = parseDate(raw.sentAt);
  if (ts === 'bad') bad('timestamp', 'not a date');
  if (original === 'bad') bad('originalTimestamp', 'not a date');
  if (ownSent === 'bad') bad('sentAt', 'not a date');
  if (ts === 'bad' || original === 'bad' || ownSent === 'bad') return undefined;
  const sentAt = (ownSent as number | undefined) ?? o.sentAt;
  let value: number;
  let field: string;
  if (ts !== undefined) {
    value = ts as number;
    field = 'timestamp';
  } else if (original !== undefined) {
    value = sentAt !== undefined ? o.receivedAt - (sentAt - (original as number)) : (original as number);
    field = 'originalTimestamp';
  } else {
    return o.receivedAt;
  }
  if (value > o.receivedAt + MAX_FUTURE_MS) {
    bad(field, 'more than a day in the future');
    return undefined;
  }
  return value;
}

function cleanTraits(
  traits: JsonObject,
  context: JsonObject,
  path: string,
  bad: (f: string, m: string) => void,
): void {
  if (traits.email !== undefined && traits.email !== null) {
    if (typeof traits.email !== 'string') bad(`${path}.email`, 'not a string');
    else {
      const e = cleanEmail(traits.email);
      if (e === undefined) bad(`${path}.email`, 'not an email address');
      else traits.email = e;
    }
  }
  const consent = traits.consent;
  if (consent !== undefined && consent !== null) {
    if (!isObject(consent)) bad(`${path}.consent`, 'not an object');
    else
      for (const [k, v] of Object.entries(consent))
        if (v !== null && typeof v !== 'boolean') bad(`${path}.consent.${k}`, 'not a boolean');
  }
  for (const k of ['unsubscribed', 'emailOptIn', 'smsOptIn', 'pushOptIn']) {
    const v = traits[k];
    if (v !== undefined && v !== null && typeof v !== 'boolean') bad(`${path}.${k}`, 'not a boolean');
  }
  if (traits.phone !== undefined && traits.phone !== null) {
    if (typeof traits.phone !== 'string' && typeof traits.phone !== 'number')
      bad(`${path}.phone`, 'not a string');
    else {
      const p = cleanPhone(String(traits.phone), phoneCountry(traits, context));
      if (!p.ok) bad(`${path}.phone`, 'not a phone number');
      else traits.phone = p.value;
    }
  }
}

function cleanCommerce(props: JsonObject, path: string, bad: (f: string, m: string) => void): void {
  coerceNumbers(props, path, bad);
  const products = props.products;
  if (products === undefined || products === null) return;
  if (!Array.isArray(products)) {
    bad(`${path}.products`, 'not an array');
    return;
  }
  props.products = products.map((p, i) => {
    if (!isObject(p)) {
      bad(`${path}.products[${i}]`, 'not an object');
      return p;
    }
    const copy = { ...p };
    coerceNumbers(copy, `${path}.products[${i}]`, bad);
    return copy;
  });
}

function coerceNumbers(obj: JsonObject, path: string, bad: (f: string, m: string) => void): void {
  for (const k of NUMERIC_PROPERTIES) {
    const v = obj[k];
    if (v === undefined || v === null) continue;
    const n = toNumber(v);
    if (n === undefined) bad(`${path}.${k}`, 'not a number');
    else obj[k] = n;
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point of this pattern
const SUSPECT = /[\u0000\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text PostgreSQL cannot store (NUL) or that is not Unicode (lone surrogates) is a client error named by
 * path — checked here so HTTP, imports and both drivers behave alike instead of failing in the database.
 */
function unstorableText(value: unknown, path: string, issues: FieldIssue[]): void {
  if (typeof value === 'string') {
    // One cheap character-class scan first: almost every string has neither NUL nor any surrogate.
    if (!SUSPECT.test(value)) return;
    if (value.includes('\u0000')) issues.push({ path: path || 'body', message: 'contains a NUL character' });
    else if (LONE_SURROGATE.test(value))
      issues.push({ path: path || 'body', message: 'is not valid Unicode' });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) unstorableText(value[i], `${path}[${i}]`, issues);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      if (SUSPECT.test(k) && (k.includes('\u0000') || LONE_SURROGATE.test(k)))
        issues.push({ path: p, message: 'field name is not storable text' });
      else unstorableText(v, p, issues);
    }
  }
}
