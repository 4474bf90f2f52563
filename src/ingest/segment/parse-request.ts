import { type FieldIssue, invalidInput, OspreyError } from '../../core/errors.js';
import type { JsonObject, MessageType } from '../../core/types.js';
import { type CleanMessage, MAX_BATCH_BYTES, MAX_EVENT_BYTES } from './segment-message.js';
import { validateMessage } from './validate-message.js';

export type SegmentRoute = MessageType | 'batch';

export interface ParsedRequest {
  messages: CleanMessage[];
  /** Exact duplicates within the request, dropped before validation. */
  duplicates: number;
}

export interface ParseOptions {
  receivedAt: number;
  /** Size of the raw HTTP body when the caller has it; otherwise measured from the parsed JSON. */
  bodyBytes?: number;
  /** Enforce Segment's 32 KB / 500 KB limits (HTTP); bulk importers turn this off. Default true. */
  limits?: boolean;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validate the body of one Segment HTTP API call (`/v1/track` ... `/v1/batch`). All-or-nothing: any problem
 * throws one INVALID_INPUT whose `issues` name every bad field path (`batch[3].timestamp: not a date`);
 * oversize throws PAYLOAD_TOO_LARGE.
 */
export function parseSegmentRequest(route: SegmentRoute, body: unknown, o: ParseOptions): ParsedRequest {
  const limits = o.limits !== false;
  if (route !== 'batch') {
    if (limits) {
      const bytes = o.bodyBytes ?? Buffer.byteLength(JSON.stringify(body ?? null));
      if (bytes > MAX_EVENT_BYTES)
        throw new OspreyError('PAYLOAD_TOO_LARGE', `event is ${bytes} bytes; the limit is 32 KB`);
    }
    const issues: FieldIssue[] = [];
    const m = validateMessage(body, { path: '', type: route, receivedAt: o.receivedAt }, issues);
    if (!m) throw invalidRequest(route, issues);
    return { messages: [m], duplicates: 0 };
  }

  if (!isObject(body)) throw invalidRequest(route, [{ path: 'body', message: 'not an object' }]);
  const batch = body.batch;
  if (!Array.isArray(batch)) throw invalidRequest(route, [{ path: 'batch', message: 'not an array' }]);
  const texts = batch.map((m) => JSON.stringify(m) ?? 'null');
  if (limits) {
    const bytes = o.bodyBytes ?? texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
    if (bytes > MAX_BATCH_BYTES)
      throw new OspreyError('PAYLOAD_TOO_LARGE', `batch is ${bytes} bytes; the limit is 500 KB`);
    const big = texts.findIndex((t) => Buffer.byteLength(t) > MAX_EVENT_BYTES);
    if (big >= 0) throw new OspreyError('PAYLOAD_TOO_LARGE', `batch[${big}] is larger than 32 KB`);
  }

  const issues: FieldIssue[] = [];
  let sentAt: number | undefined;
  if (body.sentAt !== undefined && body.sentAt !== null) {
    const t = typeof body.sentAt === 'string' ? Date.parse(body.sentAt) : Number.NaN;
    if (Number.isFinite(t)) sentAt = t;
    else issues.push({ path: 'sentAt', message: 'not a date' });
  }
  let context: JsonObject | undefined;
  if (body.context !== undefined && body.context !== null) {
    if (isObject(body.context)) context = body.context;
    else issues.push({ path: 'context', message: 'not an object' });
  }

  const seen = new Set<string>();
  const messages: CleanMessage[] = [];
  let duplicates = 0;
  for (let i = 0; i < batch.length; i++) {
    // An exact resend of the same message (same bytes) is one event, even without a messageId.
    if (seen.has(texts[i])) {
      duplicates++;
      continue;
    }
    seen.add(texts[i]);
    const m = validateMessage(
      batch[i],
      { path: `batch[${i}]`, receivedAt: o.receivedAt, sentAt, context },
      issues,
    );
    if (m) messages.push(m);
  }
  if (issues.length) throw invalidRequest(route, issues);
  return { messages, duplicates };
}

export function invalidRequest(route: string, issues: FieldIssue[]): OspreyError {
  const shown = issues
    .slice(0, 3)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return invalidInput(`invalid ${route}: ${shown}${more}`, issues);
}
