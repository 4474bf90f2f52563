import { OspreyError } from '../../core/errors.js';
import type { AuditRecord, Item, Rejection, StoredEvent, UserProfile } from '../../core/types.js';
import type { Store, UsersRepo } from '../../store/store.js';

/**
 * A minimal in-memory Store for ingest/governance unit tests, so they do not depend on a driver (the real
 * drivers are tested by the shared store suite; tests here also run on SQLite when it is available).
 * Transactions snapshot the whole state and restore it on error. `rows()` exposes every "table" so
 * erasure tests can scan everything.
 */
interface State {
  users: (UserProfile & { piiHashes: Record<string, string> })[];
  events: StoredEvent[];
  items: Item[];
  rejections: Rejection[];
  audit: AuditRecord[];
  suppressions: { hash: string; reason: string; at: number }[];
  meta: Record<string, string>;
  nextProfile: number;
  nextEvent: number;
}

export function createMemoryStore(): Store & { rows(): Record<string, unknown[]> } {
  let s: State = {
    users: [],
    events: [],
    items: [],
    rejections: [],
    audit: [],
    suppressions: [],
    meta: {},
    nextProfile: 1,
    nextEvent: 1,
  };
  const user = (id: number) => {
    const u = s.users.find((x) => x.profileId === id);
    if (!u) throw new OspreyError('NOT_FOUND', `profile ${id} not found`);
    return u;
  };
  const owner = (kind: 'userId' | 'anonymousId', v: string) =>
    s.users.find((u) => (kind === 'userId' ? u.userId === v : u.anonymousIds.includes(v)));
  const strip = (u: State['users'][number]): UserProfile => {
    const { piiHashes: _h, ...rest } = structuredClone(u);
    return rest;
  };
  const users: UsersRepo = {
    async findByIdentity(kind, v) {
      const u = owner(kind, v);
      return u && strip(u);
    },
    async findManyByIdentity(kind, values) {
      const m = new Map<string, { profileId: number; userId: string | null }>();
      for (const v of values) {
        const u = owner(kind, v);
        if (u) m.set(v, { profileId: u.profileId, userId: u.userId });
      }
      return m;
    },
    async create(ids, at) {
      for (const [k, v] of [
        ['userId', ids.userId],
        ['anonymousId', ids.anonymousId],
      ] as const)
        if (v && owner(k, v)) throw new OspreyError('CONFLICT', `${k} already owned`);
      const u = {
        profileId: s.nextProfile++,
        userId: ids.userId ?? null,
        anonymousIds: ids.anonymousId ? [ids.anonymousId] : [],
        traits: {},
        pii: {},
        piiHashes: {},
        consent: {},
        createdAt: at,
        updatedAt: at,
      };
      s.users.push(u);
      return strip(u);
    },
    async addIdentity(id, kind, v) {
      const o = owner(kind, v);
      if (o && o.profileId !== id) throw new OspreyError('CONFLICT', `${kind} already owned`);
      const u = user(id);
      if (kind === 'userId') u.userId = v;
      else if (!u.anonymousIds.includes(v)) u.anonymousIds.push(v);
    },
    async merge(into, from) {
      const a = user(into);
      const b = user(from);
      a.anonymousIds.push(...b.anonymousIds.filter((x) => !a.anonymousIds.includes(x)));
      if (!a.userId) a.userId = b.userId;
      a.traits = { ...b.traits, ...a.traits };
      a.pii = { ...b.pii, ...a.pii };
      a.piiHashes = { ...b.piiHashes, ...a.piiHashes };
      a.consent = { ...b.consent, ...a.consent };
      for (const e of s.events) if (e.profileId === from) e.profileId = into;
      s.users = s.users.filter((u) => u.profileId !== from);
    },
    async update(id, p, at) {
      const u = user(id);
      Object.assign(u.traits, p.traits ?? {});
      Object.assign(u.pii, p.pii ?? {});
      Object.assign(u.piiHashes, p.piiHashes ?? {});
      Object.assign(u.consent, p.consent ?? {});
      u.updatedAt = at;
    },
    async getByProfileId(id) {
      const u = s.users.find((x) => x.profileId === id);
      return u && strip(u);
    },
    async list(f) {
      let list = s.users;
      if (f.piiHash) list = list.filter((u) => u.piiHashes[f.piiHash!.trait] === f.piiHash!.hash);
      if (f.prefix) list = list.filter((u) => u.userId?.startsWith(f.prefix!));
      return { items: list.map(strip), next: null, total: list.length };
    },
    async count() {
      return s.users.length;
    },
    async erase(id) {
      user(id);
      const n = s.events.filter((e) => e.profileId === id).length;
      s.events = s.events.filter((e) => e.profileId !== id);
      s.users = s.users.filter((u) => u.profileId !== id);
      return { events: n };
    },
  };
  const unsupported = async (): Promise<never> => {
    throw new OspreyError('UNSUPPORTED', 'not in the memory store');
  };
  const store: Store & { rows(): Record<string, unknown[]> } = {
    driver: 'sqlite',
    users,
    events: {
      async insertMany(rows) {
        let n = 0;
        for (const r of rows) {
          if (s.events.some((e) => e.source === r.source && e.messageId === r.messageId)) continue;
          s.events.push({ ...structuredClone(r), id: s.nextEvent++ });
          n++;
        }
        return n;
      },
      async existing(source, ids) {
        return new Set(
          s.events.filter((e) => e.source === source && ids.includes(e.messageId)).map((e) => e.messageId),
        );
      },
      async list(f) {
        let l = s.events.filter((e) => f.profileId === undefined || e.profileId === f.profileId);
        if (f.name) l = l.filter((e) => e.name === f.name);
        l = [...l].sort((a, b) => a.timestamp - b.timestamp || a.id - b.id);
        return { items: structuredClone(l), next: null };
      },
      async count(f) {
        return s.events.filter((e) => f?.profileId === undefined || e.profileId === f.profileId).length;
      },
      async idsByMessageId(source, ids) {
        const found = new Map<string, number>();
        for (const e of s.events)
          if (e.source === source && ids.includes(e.messageId)) found.set(e.messageId, e.id);
        return found;
      },
      async getMany(ids) {
        return structuredClone(s.events.filter((e) => ids.includes(e.id)).sort((a, b) => a.id - b.id));
      },
    },
    items: {
      async upsertMany(items, at) {
        for (const i of items) {
          const old = s.items.find((x) => x.id === i.id);
          const row: Item = {
            description: '',
            tags: [],
            attributes: {},
            active: true,
            ...old,
            ...structuredClone(i),
            createdAt: old?.createdAt ?? at,
            updatedAt: at,
          };
          s.items = s.items.filter((x) => x.id !== i.id);
          s.items.push(row);
        }
      },
      async get(id) {
        return s.items.find((x) => x.id === id);
      },
      async list() {
        return { items: s.items, next: null };
      },
      async count() {
        return s.items.length;
      },
    },
    keys: { create: unsupported, findByHash: unsupported, list: unsupported, revoke: unsupported },
    jobs: {
      enqueue: unsupported,
      claim: unsupported,
      extendLease: unsupported,
      progress: unsupported,
      complete: unsupported,
      fail: unsupported,
      get: unsupported,
      list: unsupported,
    },
    rejections: {
      async add(r) {
        s.rejections.push(...r);
      },
      async list() {
        return s.rejections;
      },
      countsByReason: unsupported,
    },
    audit: {
      async append(r) {
        s.audit.push(structuredClone(r));
      },
      async list() {
        return s.audit;
      },
    },
    suppressions: {
      async add(hash, reason, at) {
        s.suppressions.push({ hash, reason, at });
      },
      async has(hash) {
        return s.suppressions.some((x) => x.hash === hash);
      },
    },
    meta: {
      async get(k) {
        return s.meta[k];
      },
      async set(k, v) {
        s.meta[k] = v;
      },
    },
    stats: { overview: unsupported },
    features: {
      profileSpan: unsupported,
      activity: unsupported,
      purchaseLines: unsupported,
      traits: unsupported,
      topCategories: unsupported,
      outcomes: unsupported,
    },
    models: {
      create: unsupported,
      list: unsupported,
      get: unsupported,
      active: unsupported,
      activate: unsupported,
    },
    scores: { upsertMany: unsupported, forProfile: unsupported, list: unsupported, count: unsupported },
    segments: {
      create: unsupported,
      upsert: unsupported,
      get: unsupported,
      list: unsupported,
      delete: unsupported,
      countRule: unsupported,
      refreshRule: unsupported,
      replaceMembers: unsupported,
      members: unsupported,
      forProfile: unsupported,
    },
    reviewScores: {
      upsertMany: unsupported,
      forItem: unsupported,
      // Nothing is scored in the memory store (no worker); exports read an empty list.
      async forProfile() {
        return [];
      },
      labelled: unsupported,
      list: unsupported,
      count: unsupported,
    },
    recommendations: {
      interactions: unsupported,
      upsertMany: unsupported,
      get: unsupported,
      count: unsupported,
    },
    inspect: {
      async tables() {
        return Object.keys(store.rows());
      },
      async dump(table) {
        return (store.rows()[table] ?? []) as Record<string, unknown>[];
      },
    },
    async transaction(fn) {
      const snapshot = structuredClone(s);
      try {
        return await fn(store);
      } catch (e) {
        s = snapshot;
        throw e;
      }
    },
    async close() {},
    rows() {
      return {
        users: s.users,
        events: s.events,
        items: s.items,
        rejections: s.rejections,
        audit: s.audit,
        suppressions: s.suppressions,
        meta: Object.entries(s.meta),
      };
    },
  };
  return store;
}
