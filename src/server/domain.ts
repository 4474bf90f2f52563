/**
 * The server's one seam to the domain modules (ingest, governance, jobs): routes import domain functions
 * from here so that the HTTP layer stays thin and its dependencies are listed in one place.
 * TEMPORARY: until the ingest/governance/jobs branches land, these declare the expected shapes.
 */
import { OspreyError } from '../core/errors.js';
import type { Job, JsonObject, UserProfile } from '../core/types.js';
import type { Store } from '../store/store.js';

export interface Secrets {
  lookupHash(trait: string, value: string): string;
}

export interface JobQueue {
  enqueue(name: string, payload: JsonObject): Promise<{ id: string }>;
  get(id: string): Promise<Job | undefined>;
}

const pending = (what: string): never => {
  throw new OspreyError('UNSUPPORTED', `${what} is not wired yet`);
};

export async function ingestMessages(_o: {
  store: Store;
  secrets: Secrets;
  source: string;
  messages: unknown[];
  pathPrefix: string;
  receivedAt: number;
}): Promise<{ accepted: number; duplicates: number; byType: Record<string, number> }> {
  return pending('ingestion');
}

export function presentProfile(_o: { profile: UserProfile; secrets: Secrets; decrypt: boolean }): JsonObject {
  return pending('profile presentation');
}

export async function eraseUser(_o: {
  store: Store;
  secrets: Secrets;
  userId: string;
  actor: string;
}): Promise<{ erasureId: string; events: number }> {
  return pending('erasure');
}

export async function exportUser(_o: {
  store: Store;
  secrets: Secrets;
  userId: string;
}): Promise<JsonObject> {
  return pending('export');
}

export function emailLookupHash(secrets: Secrets, email: string): string {
  return secrets.lookupHash('email', email.trim().toLowerCase());
}
