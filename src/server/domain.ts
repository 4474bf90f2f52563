/**
 * The server's one seam to the domain modules (ingest, governance, jobs): routes import domain functions
 * from here so that the HTTP layer stays thin and its dependencies are listed in one place.
 */
import { OspreyError } from '../core/errors.js';
import type { Job, JsonObject, UserProfile } from '../core/types.js';
import {
  eraseUser as eraseUserDomain,
  exportUser as exportUserDomain,
  lookupHash,
  openPii,
  type PiiKeys,
} from '../governance/index.js';
import type { Store } from '../store/store.js';

/** The PII keys (encryption, lookup, suppression) derived from OSPREY_SECRET_KEY. */
export type Secrets = PiiKeys;

export interface JobQueue {
  enqueue(name: string, payload: JsonObject): Promise<{ id: string }>;
  get(id: string): Promise<Job | undefined>;
}

export async function ingestMessages(_o: {
  store: Store;
  secrets: Secrets;
  source: string;
  messages: unknown[];
  pathPrefix: string;
  receivedAt: number;
}): Promise<{ accepted: number; duplicates: number; byType: Record<string, number> }> {
  throw new OspreyError('UNSUPPORTED', 'ingestion is not wired yet');
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
