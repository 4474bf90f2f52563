import { OspreyError } from '../core/errors.js';
import type { Consent, ItemInput, Json, JsonObject, PiiTrait } from '../core/types.js';
import type { PiiKeys } from '../governance/keys.js';
import { sealPii, suppressionHash } from '../governance/pii.js';
import type { EventsRepo, Store } from '../store/store.js';
import { IdentityResolver } from './identity-resolver.js';
import { type ParseOptions, parseSegmentRequest, type SegmentRoute } from './segment/parse-request.js';
import type { CleanMessage } from './segment/segment-message.js';
import { contextWithoutPii, splitTraits } from './split-traits.js';

export interface IngestOptions {
  /** API key id for HTTP, `import:<name>` or `demo` for bulk paths; idempotency is per source. */
  source: string;
  receivedAt?: number;
  bodyBytes?: number;
  /** Segment's size limits; default on (HTTP). */
  limits?: boolean;
}

export interface IngestResult {
  /** Messages in the request. */
  received: number;
  /** Events newly stored. */
  accepted: number;
  /** Exact resends within the request, repeated messageIds, and messageIds already stored for the source. */
  duplicates: number;
  profilesCreated: number;
  profilesMerged: number;
}

/** Attempts of a batch that lost an identity race to a concurrent batch. */
const MAX_ATTEMPTS = 4;

/** Most issues recorded in the rejection log per request, so one huge bad batch cannot flush the log. */
const MAX_REJECTIONS_PER_REQUEST = 50;

/**
 * Ingest one Segment HTTP API call. All-or-nothing: everything is validated first; any problem records
 * the rejection (time, reason, field path — never the payload) and throws, leaving the data untouched.
 */
export async function ingestRequest(
  store: Store,
  keys: PiiKeys,
  route: SegmentRoute,
  body: unknown,
  o: IngestOptions,
): Promise<IngestResult> {
  const receivedAt = o.receivedAt ?? Date.now();
  let parsed: ReturnType<typeof parseSegmentRequest>;
  try {
    const po: ParseOptions = { receivedAt, bodyBytes: o.bodyBytes, limits: o.limits };
    parsed = parseSegmentRequest(route, body, po);
  } catch (e) {
    if (e instanceof OspreyError) await recordRejections(store, e, o.source, receivedAt);
    throw e;
  }
  let r: Awaited<ReturnType<typeof ingestClean>>;
  for (let attempt = 1; ; attempt++) {
    try {
      r = await ingestClean(store, keys, parsed.messages, { source: o.source, receivedAt });
      break;
    } catch (e) {
      // Two concurrent requests creating the same profile (a client flushing two batches at once) collide on
      // a unique identity. The loser's transaction rolled back whole, so running it again is safe and then
      // finds the winner's profile; events stay idempotent by messageId.
      if (e instanceof OspreyError && e.code === 'CONFLICT' && attempt < MAX_ATTEMPTS) continue;
      throw e;
    }
  }
  return {
    received: parsed.messages.length + parsed.duplicates,
    accepted: r.accepted,
    duplicates: r.duplicates + parsed.duplicates,
    profilesCreated: r.profilesCreated,
    profilesMerged: r.profilesMerged,
  };
}

/** A batch of raw Segment messages (the `batch` array of `/v1/batch`). */
export function ingestMessages(
  store: Store,
  keys: PiiKeys,
  messages: unknown[],
  o: IngestOptions,
): Promise<IngestResult> {
  return ingestRequest(store, keys, 'batch', { batch: messages }, o);
}

export async function recordRejections(
  store: Store,
  e: OspreyError,
  source: string,
  at: number,
): Promise<void> {
  const entries =
    e.code === 'PAYLOAD_TOO_LARGE'
      ? [{ at, source, reason: 'payload too large', path: 'body' }]
      : e.issues
          .slice(0, MAX_REJECTIONS_PER_REQUEST)
          .map((i) => ({ at, source, reason: i.message, path: i.path }));
  if (entries.length === 0) entries.push({ at, source, reason: e.message.slice(0, 200), path: 'body' });
  try {
    await store.rejections.add(entries);
  } catch {
    // The client's error is what matters; a failing rejection log must not turn a 400 into a 500.
  }
}

interface ProfilePatch {
  traits: JsonObject;
  pii: Partial<Record<PiiTrait, Json>>;
  consent: Consent;
}

/**
 * Store already validated messages in ONE transaction: identity resolution (cached per batch), PII split
 * out of traits and encrypted with a lookup hash beside it, consent per channel, events inserted with one
 * multi-row insert, idempotent by (source, messageId). `items` (bulk importers) are upserted in the same
 * transaction so a batch is all-or-nothing across items, profiles and events.
 */
export async function ingestClean(
  store: Store,
  keys: PiiKeys,
  messages: CleanMessage[],
  o: { source: string; receivedAt: number; items?: ItemInput[] },
): Promise<Omit<IngestResult, 'received'>> {
  return store.transaction(async (tx) => {
    if (o.items?.length) await tx.items.upsertMany(o.items, o.receivedAt);
    // Replayed identifies must not re-apply old traits over newer ones, so their ids are checked first. Other
    // messages only resolve identities (idempotent) and insertMany skips stored ids itself: no query needed.
    const already = messages.some((m) => m.type === 'identify')
      ? await existingIds(tx.events, o.source, messages)
      : new Set<string>();
    const seen = new Set<string>();
    const fresh: CleanMessage[] = [];
    for (const m of messages) {
      if (already.has(m.messageId) || seen.has(m.messageId)) continue;
      seen.add(m.messageId);
      fresh.push(m);
    }

    const patches = new Map<number, ProfilePatch>();
    const flush = async (profileId: number) => {
      const p = patches.get(profileId);
      if (!p) return;
      patches.delete(profileId);
      await writePatch(tx, keys, profileId, p, o.receivedAt);
    };
    const resolver = new IdentityResolver(tx, o.receivedAt, async (into, from) => {
      await flush(from);
      await flush(into);
    });
    await resolver.prefetch(fresh);

    const rows: Parameters<EventsRepo['insertMany']>[0] = [];
    for (const m of fresh) {
      const profileId = resolver.resolveCached(m) ?? (await resolver.resolve(m));
      const { context, pii: contextPii } = contextWithoutPii(m.context);
      let properties = m.properties;
      if (m.type === 'identify' || Object.keys(contextPii).length) {
        const split =
          m.type === 'identify' ? splitTraits(m.traits) : { plain: {}, pii: {}, consent: {} as Consent };
        const patch = patches.get(profileId) ?? { traits: {}, pii: {}, consent: {} };
        Object.assign(patch.traits, split.plain);
        Object.assign(patch.pii, contextPii, split.pii);
        Object.assign(patch.consent, split.consent);
        patches.set(profileId, patch);
        if (m.type === 'identify') properties = split.plain;
      } else if (m.type === 'group') {
        properties = { groupId: m.groupId, ...splitTraits(m.traits).plain };
      } else if (m.type === 'alias') {
        properties = { previousId: m.previousId };
      }
      rows.push({
        messageId: m.messageId,
        source: o.source,
        type: m.type,
        name: m.name,
        userId: m.userId,
        anonymousId: m.anonymousId,
        properties,
        context,
        timestamp: m.timestamp,
        receivedAt: o.receivedAt,
        profileId,
      });
    }
    for (const profileId of [...patches.keys()]) await flush(profileId);
    for (const row of rows) row.profileId = resolver.current(row.profileId);
    const accepted = rows.length ? await tx.events.insertMany(rows) : 0;
    return {
      accepted,
      duplicates: messages.length - accepted,
      profilesCreated: resolver.created,
      profilesMerged: resolver.merged,
    };
  });
}

async function existingIds(
  events: EventsRepo,
  source: string,
  messages: CleanMessage[],
): Promise<Set<string>> {
  return events.existing(
    source,
    messages.map((m) => m.messageId),
  );
}

async function writePatch(tx: Store, keys: PiiKeys, profileId: number, p: ProfilePatch, at: number) {
  const { pii, piiHashes } = sealPii(keys, p.pii);
  const consent = { ...p.consent };
  // An erased or opted-out person who comes back (re-import, new signup) stays unsubscribed.
  if (
    typeof p.pii.email === 'string' &&
    (await tx.suppressions.has(suppressionHash(keys, 'email', p.pii.email)))
  ) {
    consent.email = false;
  }
  if (
    typeof p.pii.phone === 'string' &&
    (await tx.suppressions.has(suppressionHash(keys, 'phone', p.pii.phone)))
  ) {
    consent.sms = false;
  }
  const patch: Parameters<Store['users']['update']>[1] = {};
  if (Object.keys(p.traits).length) patch.traits = p.traits;
  if (Object.keys(pii).length) {
    patch.pii = pii;
    patch.piiHashes = piiHashes;
  }
  if (Object.keys(consent).length) patch.consent = consent;
  if (Object.keys(patch).length) await tx.users.update(profileId, patch, at);
}
