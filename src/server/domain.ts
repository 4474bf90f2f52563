/**
 * The server's one seam to the domain modules (ingest, governance, jobs): routes import domain functions
 * from here so that the HTTP layer stays thin and its dependencies are listed in one place.
 */

import { type FieldIssue, invalidInput, isOspreyError } from '../core/errors.js';
import type { JobStatus, JsonObject, UserProfile } from '../core/types.js';
import {
  eraseUser as eraseUserDomain,
  exportUser as exportUserDomain,
  lookupHash,
  openPii,
  type PiiKeys,
} from '../governance/index.js';
import { ingestRequest } from '../ingest/ingest-batch.js';
import type { SegmentRoute } from '../ingest/segment/parse-request.js';
import type { Store } from '../store/store.js';

export { parseTrainRequest, predictionsForProfile, TRAIN_JOB } from '../predict/index.js';
export {
  createRuleSegment,
  deleteRuleSegment,
  parseRuleSegmentInput,
  parseTrainSegmentsRequest,
  previewRule,
  profileSegments,
  TRAIN_SEGMENTS_JOB,
  updateRuleSegment,
} from '../profiles/index.js';

/** The PII keys (encryption, lookup, suppression) derived from OSPREY_SECRET_KEY. */
export type Secrets = PiiKeys;

/** What the HTTP layer needs of src/jobs' JobQueue: queue a job, read its state. */
export interface JobQueue {
  enqueue(name: string, payload: JsonObject): Promise<string>;
  get(id: string): Promise<JobState | undefined>;
}

export interface JobState {
  id: string;
  name: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  progress: JsonObject | null;
  result: JsonObject | null;
  error: string | null;
  createdAt: number;
  updatedAt: number;
}

export type { SegmentRoute };

/** Validate, clean and store one Segment HTTP call, all-or-nothing (src/ingest). */
export async function ingestMessages(o: {
  store: Store;
  secrets: Secrets;
  source: string;
  route: SegmentRoute;
  body: unknown;
  bodyBytes: number | undefined;
  receivedAt: number;
}): Promise<{ accepted: number; duplicates: number }> {
  const bad = unstorableStrings(o.body, '');
  if (bad.length > 0) {
    throw invalidInput(`invalid ${o.route}: ${bad[0].path}: ${bad[0].message}`, bad);
  }
  for (let attempt = 1; ; attempt++) {
    try {
      const r = await ingestRequest(o.store, o.secrets, o.route, o.body, {
        source: o.source,
        receivedAt: o.receivedAt,
        bodyBytes: o.bodyBytes,
      });
      return { accepted: r.accepted, duplicates: r.duplicates };
    } catch (err) {
      // Two concurrent requests creating the same profile (a Segment client flushing two batches at once)
      // collide on a unique identity; the loser's transaction rolled back whole, so running it again is safe
      // and then finds the winner's profile. Events stay idempotent by messageId.
      if (isOspreyError(err) && err.code === 'CONFLICT' && attempt < 4) continue;
      throw err;
    }
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Strings PostgreSQL cannot store (NUL) or that are not valid Unicode (lone surrogates) are client input
 * errors, named by path; without this check they surface as a database error (a 500) on one driver only.
 */
export function unstorableStrings(value: unknown, path: string, out: FieldIssue[] = []): FieldIssue[] {
  if (out.length >= 50) return out;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push({ path: path || '(body)', message: 'contains a NUL character' });
    else if (LONE_SURROGATE.test(value))
      out.push({ path: path || '(body)', message: 'is not valid Unicode' });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) unstorableStrings(value[i], `${path}[${i}]`, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      if (k.includes('\u0000') || LONE_SURROGATE.test(k))
        out.push({ path: p, message: 'field name is not storable text' });
      unstorableStrings(v, p, out);
    }
  }
  return out;
}

/** A profile as the API shows it: the customer's ids, traits, consent and (admin only) decrypted PII. */
export function presentProfile(o: { profile: UserProfile; secrets: Secrets; decrypt: boolean }): JsonObject {
  const p = o.profile;
  return {
    userId: p.userId,
    anonymousIds: p.anonymousIds,
    traits: p.traits,
    pii: o.decrypt
      ? openPii(o.secrets, p.pii)
      : Object.fromEntries(Object.keys(p.pii).map((k) => [k, '(encrypted)'])),
    consent: p.consent,
    createdAt: new Date(p.createdAt).toISOString(),
    updatedAt: new Date(p.updatedAt).toISOString(),
  };
}

export async function eraseUser(o: {
  store: Store;
  secrets: Secrets;
  userId: string;
  actor: string;
}): Promise<{ erasureId: string; events: number }> {
  return eraseUserDomain(o.store, o.secrets, o.userId, o.actor);
}

export async function exportUser(o: { store: Store; secrets: Secrets; userId: string }): Promise<JsonObject> {
  return (await exportUserDomain(o.store, o.secrets, o.userId)) as unknown as JsonObject;
}

export function emailLookupHash(secrets: Secrets, email: string): string {
  return lookupHash(secrets, 'email', email);
}
