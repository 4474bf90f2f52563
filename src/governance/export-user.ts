import { notFound } from '../core/errors.js';
import type { Consent, JsonObject, MessageType } from '../core/types.js';
import type { Store } from '../store/store.js';
import type { PiiKeys } from './keys.js';
import { openPii } from './pii.js';

export interface UserExport {
  userId: string | null;
  anonymousIds: string[];
  traits: JsonObject;
  /** Decrypted PII. */
  pii: JsonObject;
  consent: Consent;
  createdAt: string;
  updatedAt: string;
  events: {
    messageId: string;
    source: string;
    type: MessageType;
    name: string | null;
    userId: string | null;
    anonymousId: string | null;
    properties: JsonObject;
    context: JsonObject;
    timestamp: string;
    receivedAt: string;
  }[];
  /** What Osprey derived from the customer's reviews: sentiment and aspects per review (issue 7). */
  reviewScores: {
    itemId: string;
    text: string;
    rating: number | null;
    polarity: string;
    score: number;
    model: string;
    aspects: unknown;
    reviewedAt: string;
  }[];
}

/** GDPR art. 15 access: everything Osprey holds about the customer whose own id is `userId`. */
export async function exportUser(store: Store, keys: PiiKeys, userId: string): Promise<UserExport> {
  const profile = await store.users.findByIdentity('userId', userId);
  if (!profile) throw notFound(`user '${userId}' not found`);
  const events: UserExport['events'] = [];
  let cursor: string | null = null;
  do {
    const page = await store.events.list({ profileId: profile.profileId, cursor, limit: 1000, order: 'asc' });
    for (const e of page.items) {
      events.push({
        messageId: e.messageId,
        source: e.source,
        type: e.type,
        name: e.name,
        userId: e.userId,
        anonymousId: e.anonymousId,
        properties: e.properties,
        context: e.context,
        timestamp: new Date(e.timestamp).toISOString(),
        receivedAt: new Date(e.receivedAt).toISOString(),
      });
    }
    cursor = page.next;
  } while (cursor);
  const reviewScores = (await store.reviewScores.forProfile(profile.profileId, { limit: 10_000 })).map(
    (r) => ({
      itemId: r.itemId,
      text: r.text,
      rating: r.rating,
      polarity: r.polarity,
      score: r.score,
      model: r.model,
      aspects: r.aspects,
      reviewedAt: new Date(r.reviewedAt).toISOString(),
    }),
  );
  return {
    userId: profile.userId,
    anonymousIds: profile.anonymousIds,
    traits: profile.traits,
    pii: openPii(keys, profile.pii),
    consent: profile.consent,
    createdAt: new Date(profile.createdAt).toISOString(),
    updatedAt: new Date(profile.updatedAt).toISOString(),
    events,
    reviewScores,
  };
}
