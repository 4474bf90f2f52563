import type { Json, JsonObject } from '../../core/types.js';

/**
 * What review scoring needs of the store, declared here so src/text stays free of src/store (DESIGN.md:
 * text imports core and ml only). `Store` from src/store satisfies it structurally: the composition root
 * passes the store itself.
 */
export interface ReviewRepository {
  events: { getMany(ids: number[]): Promise<ReviewEvent[]> };
  items: { get(id: string): Promise<{ id: string; title: string } | undefined> };
  reviewScores: {
    upsertMany(scores: StoredReviewScore[]): Promise<void>;
    forItem(itemId: string, o?: { limit?: number }): Promise<StoredReviewScore[]>;
    forProfile(profileId: number, o?: { limit?: number }): Promise<StoredReviewScore[]>;
    labelled(o?: { limit?: number }): Promise<{ text: string; rating: number }[]>;
    list(o?: { afterEventId?: number; limit?: number }): Promise<StoredReviewScore[]>;
    count(o?: { itemId?: string; rated?: boolean }): Promise<number>;
  };
  models: {
    active(
      kind: string,
    ): Promise<{ version: number; training: JsonObject; artifact: JsonObject } | undefined>;
    create(
      m: {
        kind: string;
        algorithm: string;
        params: JsonObject;
        training: JsonObject;
        metrics: JsonObject;
        active: boolean;
        artifact: JsonObject;
      },
      at: number,
    ): Promise<{ version: number }>;
  };
}

/** The fields of a stored event that scoring reads. */
export interface ReviewEvent {
  id: number;
  type: string;
  name: string | null;
  profileId: number;
  properties: JsonObject;
  timestamp: number;
}

/** Mirrors src/store's ReviewScoreRecord. */
export interface StoredReviewScore {
  eventId: number;
  profileId: number;
  itemId: string;
  text: string;
  rating: number | null;
  lang: string;
  polarity: 'positive' | 'negative' | 'neutral';
  score: number;
  probability: number;
  model: 'lexicon' | 'learned';
  modelVersion: number | null;
  aspects: Json;
  reviewedAt: number;
  scoredAt: number;
}
