/**
 * Domain types shared by every module. Times are epoch milliseconds (numbers) inside Osprey and ISO-8601
 * strings at the edges (HTTP, files), so both store drivers and all modules agree on one representation.
 */

export type MessageType = 'track' | 'identify' | 'page' | 'screen' | 'group' | 'alias';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

/** A validated, cleaned Segment message as stored. */
export interface EventRecord {
  /** Segment messageId; unique per source (idempotency key). */
  messageId: string;
  /** Who sent it: the API key id for HTTP ingestion, `import:<jobId>` or `demo` for bulk paths. */
  source: string;
  type: MessageType;
  /** track: the event name (`Order Completed`); page/screen: the page name; otherwise null. */
  name: string | null;
  userId: string | null;
  anonymousId: string | null;
  /** track/page/screen properties; identify/group traits go here too (non-PII part only). */
  properties: JsonObject;
  context: JsonObject;
  /** When it happened (client clock, Segment `timestamp`), epoch ms. */
  timestamp: number;
  /** When Osprey received it, epoch ms. */
  receivedAt: number;
}

export interface StoredEvent extends EventRecord {
  id: number;
  /** Internal profile the event belongs to after identity resolution. */
  profileId: number;
}

export type Channel = 'email' | 'push' | 'sms' | 'webhook';

/** Consent per channel; absent = unknown (treated as not consented for marketing). */
export type Consent = Partial<Record<Channel, boolean>>;

/** PII trait names that are encrypted at rest and looked up by keyed hash. */
export const PII_TRAITS = ['email', 'phone', 'name', 'firstName', 'lastName', 'address'] as const;
export type PiiTrait = (typeof PII_TRAITS)[number];

/** Encrypted PII as stored: AES-256-GCM ciphertext (base64 `iv.tag.ct`) per trait. */
export type EncryptedPii = Partial<Record<PiiTrait, string>>;

export interface UserProfile {
  /** Internal profile id (never shown as the customer's id). */
  profileId: number;
  /** The customer's own id (Segment userId); null for anonymous visitors. */
  userId: string | null;
  anonymousIds: string[];
  /** Non-PII traits in plaintext (age, gender, country, plan...). */
  traits: JsonObject;
  /** PII, encrypted. Decrypted only for admin callers by src/governance. */
  pii: EncryptedPii;
  consent: Consent;
  createdAt: number;
  updatedAt: number;
}

export interface Item {
  id: string;
  title: string;
  description: string;
  category: string | null;
  price: number | null;
  tags: string[];
  attributes: JsonObject;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

export type ItemInput = Omit<
  Item,
  'createdAt' | 'updatedAt' | 'attributes' | 'tags' | 'active' | 'description'
> &
  Partial<Pick<Item, 'attributes' | 'tags' | 'active' | 'description'>>;

export type KeyRole = 'write' | 'admin';

export interface ApiKey {
  id: string;
  role: KeyRole;
  /** sha256 of the secret; the secret itself is shown once and never stored. */
  hash: string;
  label: string | null;
  createdAt: number;
  revokedAt: number | null;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface Job {
  id: string;
  queue: string;
  name: string;
  payload: JsonObject;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: number;
  leaseUntil: number | null;
  progress: JsonObject | null;
  result: JsonObject | null;
  error: string | null;
  createdAt: number;
  updatedAt: number;
}

/** One entry of the bounded ingestion rejection log: never the payload. */
export interface Rejection {
  at: number;
  source: string;
  reason: string;
  path: string;
}

export interface AuditRecord {
  at: number;
  actor: string;
  action: string;
  /** Free-form details; must never contain a customer identifier after erasure. */
  details: JsonObject;
}

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page, or null at the end. */
  next: string | null;
  total?: number;
}
