/**
 * The server's one seam to the domain modules (ingest, governance, jobs): routes import domain functions
 * from here so that the HTTP layer stays thin and its dependencies are listed in one place.
 */

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
  // src/ingest retries a batch that lost an identity race with a concurrent request (CONFLICT). PostgreSQL
  // may instead abort one of two such transactions as a deadlock (SQLSTATE 40P01) or serialization failure
  // (40001); the aborted transaction was rolled back whole, so running the request again is safe (events
  // are idempotent by messageId). Found by the stock Segment client test, which flushes batches in parallel.
  for (let attempt = 1; ; attempt++) {
    try {
      const r = await ingestRequest(o.store, o.secrets, o.route, o.body, {
        source: o.source,
        receivedAt: o.receivedAt,
        bodyBytes: o.bodyBytes,
      });
      return { accepted: r.accepted, duplicates: r.duplicates };
    } catch (err) {
      if (!isTransientTransactionFailure(err) || attempt >= 4) throw err;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}

/** PostgreSQL aborted the transaction to break a deadlock or a serialization conflict: retry it. */
export function isTransientTransactionFailure(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
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
