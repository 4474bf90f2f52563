import type { Store } from '../store/store.js';
import type { CleanMessage } from './segment/segment-message.js';

type Kind = 'userId' | 'anonymousId';

/**
 * Maps the userId / anonymousId of messages to internal profiles within one ingest transaction, merging
 * profiles as Segment's identity rules say:
 * - a message carrying both a userId and an anonymousId links them; if the anonymous profile was not yet
 *   anyone's (no userId), its history merges into the user's (identify after anonymous browsing);
 * - alias(previousId → userId) merges the previous identity's profile into the user's.
 * An anonymousId already owned by another known user is not stolen (shared devices): the event goes to the
 * user named by userId.
 * Lookups are cached for the batch so each identity costs at most one query.
 */
export class IdentityResolver {
  private readonly cache = new Map<string, number | null>();
  private readonly userOf = new Map<number, string | null>();
  /** Profiles merged away in this batch → the profile they went into. */
  private readonly mergedInto = new Map<number, number>();
  created = 0;
  merged = 0;

  constructor(
    private readonly tx: Store,
    private readonly at: number,
    /** Called before `from` is merged into `into` so pending trait patches can be written first. */
    private readonly beforeMerge: (into: number, from: number) => Promise<void>,
  ) {}

  /** Warm the cache with one query per identity kind when the driver offers a bulk lookup. */
  async prefetch(messages: CleanMessage[]): Promise<void> {
    const bulk = this.tx.users.findManyByIdentity?.bind(this.tx.users);
    if (!bulk) return;
    const users = new Set<string>();
    const anons = new Set<string>();
    for (const m of messages) {
      if (m.userId) users.add(m.userId);
      if (m.anonymousId) anons.add(m.anonymousId);
      if (m.previousId) {
        users.add(m.previousId);
        anons.add(m.previousId);
      }
    }
    for (const [kind, set] of [
      ['userId', users],
      ['anonymousId', anons],
    ] as const) {
      if (set.size === 0) continue;
      const found = await bulk(kind, [...set]);
      for (const v of set) {
        const hit = found.get(v);
        this.cache.set(key(kind, v), hit ? hit.profileId : null);
        if (hit) this.userOf.set(hit.profileId, hit.userId);
      }
    }
  }

  /**
   * The profile when the cache already settles it without any write (the common case in a batch: a known
   * user again), synchronously — saves an await per message on the hot path; undefined otherwise.
   */
  resolveCached(m: CleanMessage): number | undefined {
    if (m.type === 'alias') return undefined;
    const pu = m.userId ? this.cache.get(key('userId', m.userId)) : undefined;
    const pa = m.anonymousId ? this.cache.get(key('anonymousId', m.anonymousId)) : undefined;
    if (m.userId && m.anonymousId) return pu != null && pu === pa ? pu : undefined;
    if (m.userId) return pu ?? undefined;
    return pa ?? undefined;
  }

  async resolve(m: CleanMessage): Promise<number> {
    if (m.type === 'alias') return this.alias(m.userId!, m.previousId!);
    const u = m.userId;
    const a = m.anonymousId;
    const pu = u ? await this.find('userId', u) : null;
    const pa = a ? await this.find('anonymousId', a) : null;
    if (u && a) {
      if (pu !== null && pa !== null) {
        if (pu !== pa && this.userOf.get(pa) == null) await this.merge(pu, pa);
        return pu;
      }
      if (pu !== null) return this.attach(pu, 'anonymousId', a);
      if (pa !== null) {
        if (this.userOf.get(pa) == null) {
          await this.attach(pa, 'userId', u);
          this.userOf.set(pa, u);
          return pa;
        }
        return this.create(u, null);
      }
      return this.create(u, a);
    }
    if (u) return pu ?? this.create(u, null);
    return pa ?? this.create(null, a!);
  }

  private async alias(userId: string, previousId: string): Promise<number> {
    const pu = await this.find('userId', userId);
    const pp = (await this.find('userId', previousId)) ?? (await this.find('anonymousId', previousId));
    if (pu !== null && pp !== null) {
      if (pu !== pp) await this.merge(pu, pp);
      return pu;
    }
    if (pu !== null) return this.attach(pu, 'anonymousId', previousId);
    if (pp !== null) {
      if (this.userOf.get(pp) == null) {
        await this.attach(pp, 'userId', userId);
        this.userOf.set(pp, userId);
        return pp;
      }
      // previousId was another userId: the new id becomes the surviving profile.
      const fresh = await this.create(userId, null);
      await this.merge(fresh, pp);
      return fresh;
    }
    return this.create(userId, previousId);
  }

  /**
   * The surviving profile for an id handed out earlier in the batch: events are inserted once at the end,
   * so rows resolved before a later merge must follow it.
   */
  current(profileId: number): number {
    let id = profileId;
    for (let next = this.mergedInto.get(id); next !== undefined; next = this.mergedInto.get(id)) id = next;
    return id;
  }

  private async find(kind: Kind, value: string): Promise<number | null> {
    const k = key(kind, value);
    const hit = this.cache.get(k);
    if (hit !== undefined) return hit;
    const p = await this.tx.users.findByIdentity(kind, value);
    const id = p ? p.profileId : null;
    this.cache.set(k, id);
    if (p) this.userOf.set(p.profileId, p.userId);
    return id;
  }

  private async attach(profileId: number, kind: Kind, value: string): Promise<number> {
    await this.tx.users.addIdentity(profileId, kind, value);
    this.cache.set(key(kind, value), profileId);
    return profileId;
  }

  private async create(userId: string | null, anonymousId: string | null): Promise<number> {
    const p = await this.tx.users.create({ userId, anonymousId }, this.at);
    this.created++;
    if (userId) this.cache.set(key('userId', userId), p.profileId);
    if (anonymousId) this.cache.set(key('anonymousId', anonymousId), p.profileId);
    this.userOf.set(p.profileId, userId);
    return p.profileId;
  }

  private async merge(into: number, from: number): Promise<void> {
    await this.beforeMerge(into, from);
    await this.tx.users.merge(into, from);
    this.merged++;
    this.mergedInto.set(from, into);
    for (const [k, v] of this.cache) if (v === from) this.cache.set(k, into);
    if (this.userOf.get(into) == null) this.userOf.set(into, this.userOf.get(from) ?? null);
    this.userOf.delete(from);
  }
}

const key = (kind: Kind, value: string) => (kind === 'userId' ? `u:${value}` : `a:${value}`);
