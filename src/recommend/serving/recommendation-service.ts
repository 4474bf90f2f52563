import { invalidInput, OspreyError } from '../../core/errors.js';
import type { RecommendationRecord, Store } from '../../store/store.js';
import { Catalogue } from './catalogue.js';
import { becauseYou, POPULAR_NOW, VERB_CODE, verbOf } from './reasons.js';
import { PERSONAL_STRATEGY, RECOMMEND_MODEL_KIND, type ServingArtifact } from './train-recommendations.js';

export const STRATEGIES = ['personal', 'popular'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export interface RecommendationQuery {
  n?: number;
  strategy?: Strategy;
  category?: string;
  /** item ids never to return */
  exclude?: string[];
  minPrice?: number;
  maxPrice?: number;
  /** per-category cap: at most this many items of one category (diversity) */
  diversity?: number;
}

export interface RecommendedItem {
  itemId: string;
  title: string;
  category: string | null;
  price: number | null;
  score: number;
  reason: string;
}

export interface Recommendations {
  /** what produced the list: 'personal' (precomputed model list, adjusted by recent events),
   *  'recent-activity' (a user without a list yet: co-occurrence with their first events),
   *  'popular' (asked for, or nothing personal to go on), 'popular-model-not-ready' (no model trained yet) */
  strategy: string;
  modelVersion: number | null;
  computedAt: number | null;
  items: RecommendedItem[];
}

interface Candidate {
  itemId: string;
  score: number;
  reason: string;
}

/** Share of the list given to items similar to what the user did since their list was computed. */
const RECENT_SHARE = 1 / 3;
const MODEL_CHECK_MS = 5_000;
const MAX_N = 100;
/** Read caches: a stale profile id (after an identity merge) or list lives at most this long. */
const CACHE_MS = 60_000;
const CACHE_ENTRIES = 100_000;

/** A bounded map with expiry: Map keeps insertion order, so the oldest entry is evicted first. */
class ExpiringCache<K, V> {
  private readonly map = new Map<K, { value: V; until: number }>();
  get(key: K, now: number): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (e.until < now) {
      this.map.delete(key);
      return undefined;
    }
    return e.value;
  }
  set(key: K, value: V, now: number): void {
    if (this.map.size >= CACHE_ENTRIES) this.map.delete(this.map.keys().next().value as K);
    this.map.set(key, { value, until: now + CACHE_MS });
  }
  clear(): void {
    this.map.clear();
  }
}

/**
 * The read path of recommendations: the precomputed list of the user's profile, adjusted in real time by
 * their events since it was computed (items bought since leave at once; items like the ones they just
 * viewed come first), business filters (active, category, price range, excluded ids, already bought),
 * a per-category cap for diversity, and cold-start fallbacks. Global popularity stands in for "popular
 * in your segment" until segments exist in the store (branch `segments`), and says so in the reason.
 */
export class RecommendationService {
  private model?: { version: number; artifact: ServingArtifact; checkedAt: number };
  private catalogue?: { value: Catalogue; loadedAt: number };
  private loading?: Promise<void>;
  /** Before any model: item popularity over the last 30 days, recomputed with the catalogue. */
  private interim?: Candidate[];
  // Identities and stored lists change only on identity merges and retraining (a new model version
  // clears the list cache), so a request pays for one indexed query: the user's events since their list.
  private readonly profiles = new ExpiringCache<string, number | null>();
  private readonly lists = new ExpiringCache<number, RecommendationRecord | null>();

  constructor(
    private readonly store: Store,
    private readonly o: { catalogueTtlMs?: number; now?: () => number } = {},
  ) {}

  private now(): number {
    return this.o.now ? this.o.now() : Date.now();
  }

  /** Reload the active model's serving artifact when a newer version was activated. */
  private async refresh(): Promise<void> {
    const t = Date.now();
    if (this.model && t - this.model.checkedAt < MODEL_CHECK_MS && this.catalogue) return;
    if (!this.loading) {
      this.loading = (async () => {
        const versions = await this.store.models.list({ kind: RECOMMEND_MODEL_KIND });
        const active = versions.find((m) => m.active);
        if (active && active.version !== this.model?.version) {
          const full = await this.store.models.get(RECOMMEND_MODEL_KIND, active.version);
          if (full)
            this.model = { version: full.version, artifact: full.artifact as ServingArtifact, checkedAt: t };
          this.catalogue = undefined;
        } else if (this.model) this.model.checkedAt = t;
        const ttl = this.o.catalogueTtlMs ?? 60_000;
        if (!this.catalogue || t - this.catalogue.loadedAt > ttl) {
          this.catalogue = { value: await Catalogue.load(this.store), loadedAt: t };
          if (!this.model) {
            const rows = await this.store.recommendations.interactions({
              from: this.now() - 30 * 86_400_000,
            });
            const counts = new Map<string, number>();
            for (const r of rows) counts.set(r.itemId, (counts.get(r.itemId) ?? 0) + 1);
            this.interim = [...counts.entries()]
              .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
              .map(([itemId, score]) => ({ itemId, score, reason: POPULAR_NOW }));
          } else this.interim = undefined;
        }
      })().finally(() => {
        this.loading = undefined;
      });
    }
    await this.loading;
  }

  /** Recommendations for a customer by their own userId. An id the store has never seen is a brand-new
   *  user: they get the popular list rather than a 404, so a page can ask before the first event lands. */
  async forUser(userId: string, q: RecommendationQuery = {}): Promise<Recommendations> {
    return this.forProfile(await this.profileOf('userId', userId), q);
  }

  /** Recommendations for an anonymous visitor by the anonymousId of their events. */
  async forVisitor(anonymousId: string, q: RecommendationQuery = {}): Promise<Recommendations> {
    return this.forProfile(await this.profileOf('anonymousId', anonymousId), q);
  }

  private async profileOf(kind: 'userId' | 'anonymousId', id: string): Promise<number | undefined> {
    const key = `${kind}:${id}`;
    const now = Date.now();
    const cached = this.profiles.get(key, now);
    if (cached !== undefined) return cached ?? undefined;
    const profile = await this.store.users.findByIdentity(kind, id);
    // Unknown ids are not cached: their first event must make them known at once.
    if (profile) this.profiles.set(key, profile.profileId, now);
    return profile?.profileId;
  }

  private async storedList(profileId: number): Promise<RecommendationRecord | undefined> {
    const now = Date.now();
    const cached = this.lists.get(profileId, now);
    if (cached !== undefined) return cached ?? undefined;
    const r = await this.store.recommendations.get(profileId, PERSONAL_STRATEGY);
    this.lists.set(profileId, r ?? null, now);
    return r;
  }

  async forProfile(profileId: number | undefined, q: RecommendationQuery = {}): Promise<Recommendations> {
    const query = checkQuery(q);
    await this.refresh();
    const catalogue = (this.catalogue as { value: Catalogue }).value;
    const model = this.model;
    const n = query.n;
    const stored =
      profileId !== undefined && model && query.strategy === 'personal'
        ? await this.storedList(profileId)
        : undefined;
    // What the user did since their list was computed (their whole history when there is no list): bought
    // items leave at once, items like the latest events come first. The list itself was computed without
    // anything in the history before computedAt.
    const recent =
      profileId !== undefined
        ? await this.store.recommendations.interactions({ profileId, from: stored?.computedAt })
        : [];
    const bought = new Set(recent.filter((r) => r.event === 'Order Completed').map((r) => r.itemId));
    const touched = new Set(recent.map((r) => r.itemId));

    const excluded = new Set(query.exclude);
    for (const id of bought) excluded.add(id);
    const accept = acceptor(catalogue, query, excluded);
    const out: Candidate[] = [];
    const seen = new Set<string>();
    const perCategory = new Map<string, number>();
    const take = (c: Candidate, limit: number): boolean => {
      if (out.length >= limit || seen.has(c.itemId) || !accept(c.itemId)) return false;
      if (query.diversity !== undefined) {
        const cat = catalogue.items.get(c.itemId)?.category ?? '';
        const k = perCategory.get(cat) ?? 0;
        if (k >= query.diversity) return false;
        perCategory.set(cat, k + 1);
      }
      seen.add(c.itemId);
      out.push(c);
      return true;
    };

    let strategy: string = query.strategy;
    if (query.strategy === 'personal' && model) {
      // Co-occurrence with the latest events: items like what the user just did, most recent first.
      const fromRecent = recentCandidates(recent, model.artifact, catalogue, touched);
      const recentLimit = stored ? Math.max(1, Math.round(n * RECENT_SHARE)) : n;
      for (const c of fromRecent) take(c, recentLimit);
      if (stored) {
        for (const c of stored.items as unknown as Candidate[]) {
          if (!touched.has(c.itemId)) take(c, n);
        }
        strategy = 'personal';
      } else strategy = out.length > 0 ? 'recent-activity' : 'popular';
    } else if (query.strategy === 'personal') strategy = 'popular-model-not-ready';

    if (out.length < n) {
      // Topping up with popular items: only now is the whole history needed, so the common path (a full
      // stored list) reads just the events since computedAt.
      if (stored && profileId !== undefined) {
        for (const r of await this.store.recommendations.interactions({ profileId })) {
          touched.add(r.itemId);
          if (r.event === 'Order Completed') excluded.add(r.itemId);
        }
      }
      const reason =
        strategy === 'popular-model-not-ready'
          ? `${POPULAR_NOW} (personal recommendations are still being trained)`
          : POPULAR_NOW;
      for (const c of this.popular(catalogue)) {
        if (!touched.has(c.itemId) || query.strategy === 'popular') take({ ...c, reason }, n);
      }
    }
    return {
      strategy,
      modelVersion: model?.version ?? null,
      computedAt: stored?.computedAt ?? null,
      items: out.map((c) => {
        const it = catalogue.items.get(c.itemId);
        return {
          itemId: c.itemId,
          title: it?.title ?? c.itemId,
          category: it?.category ?? null,
          price: it?.price ?? null,
          score: c.score,
          reason: c.reason,
        };
      }),
    };
  }

  /** The popular list: the model's time-decayed popularity; before any model, interactions of the last 30
   *  days counted (then the rest of the catalogue). */
  private popular(catalogue: Catalogue): Candidate[] {
    if (this.model)
      return this.model.artifact.popular.map(([itemId, score]) => ({ itemId, score, reason: POPULAR_NOW }));
    const interim = this.interim ?? [];
    const counted = new Set(interim.map((c) => c.itemId));
    return [
      ...interim,
      ...[...catalogue.items.keys()]
        .filter((id) => !counted.has(id))
        .map((itemId) => ({ itemId, score: 0, reason: POPULAR_NOW })),
    ];
  }

  /** Items similar to `itemId`: co-occurrence neighbours from the model; content (TF-IDF) for items the
   *  model has not seen (new items). NOT_FOUND for an item the catalogue does not hold. */
  async similarItems(itemId: string, n = 10): Promise<{ strategy: string; items: RecommendedItem[] }> {
    if (!Number.isInteger(n) || n < 1 || n > MAX_N)
      throw invalidInput(`n must be an integer in [1, ${MAX_N}]; got ${n}`);
    await this.refresh();
    const catalogue = (this.catalogue as { value: Catalogue }).value;
    let item = catalogue.items.get(itemId);
    if (!item) {
      const stored = await this.store.items.get(itemId);
      if (!stored) throw new OspreyError('NOT_FOUND', `item '${itemId}' is not in the catalogue`);
      this.catalogue = { value: await Catalogue.load(this.store), loadedAt: Date.now() };
      item = this.catalogue.value.items.get(itemId);
    }
    const cat = (this.catalogue as { value: Catalogue }).value;
    const title = cat.title(itemId);
    const fromModel = this.model?.artifact.similar[itemId];
    const pairs: [string, number][] = fromModel?.length
      ? fromModel
      : cat
          .similarByContent(itemId, n * 3)
          .map((s): [string, number] => [s.itemId, Math.round(s.score * 1e6) / 1e6]);
    const reason = fromModel?.length
      ? `often chosen together with ${title}`
      : `similar in description to ${title}`;
    const items = pairs
      .filter(([id]) => cat.items.get(id)?.active !== false)
      .slice(0, n)
      .map(([id, score]) => {
        const it = cat.items.get(id);
        return {
          itemId: id,
          title: it?.title ?? id,
          category: it?.category ?? null,
          price: it?.price ?? null,
          score,
          reason,
        };
      });
    return { strategy: fromModel?.length ? 'co-occurrence' : 'content', items };
  }
}

function recentCandidates(
  recent: { itemId: string; event: string; timestamp: number }[],
  artifact: ServingArtifact,
  catalogue: Catalogue,
  touched: Set<string>,
): Candidate[] {
  // Latest event per item with its strongest verb; newest items weigh most.
  const codes = new Map<string, number>();
  for (const r of recent) codes.set(r.itemId, Math.max(codes.get(r.itemId) ?? 0, VERB_CODE[r.event] ?? 1));
  const order = [...new Set(recent.map((r) => r.itemId).reverse())].slice(0, 20);
  const best = new Map<string, Candidate>();
  order.forEach((source, rank) => {
    const recency = 1 / (1 + rank);
    for (const [id, sim] of artifact.similar[source] ?? []) {
      if (touched.has(id)) continue;
      const score = sim * recency * (1 + Math.log10(codes.get(source) ?? 1));
      const prev = best.get(id);
      if (!prev || score > prev.score) {
        best.set(id, {
          itemId: id,
          score: Math.round(score * 1e6) / 1e6,
          reason: becauseYou(verbOf(codes.get(source) ?? 1), catalogue.title(source)),
        });
      }
    }
  });
  return [...best.values()].sort((a, b) => b.score - a.score || (a.itemId < b.itemId ? -1 : 1));
}

function acceptor(
  catalogue: Catalogue,
  q: Required<Pick<RecommendationQuery, 'n'>> & RecommendationQuery,
  excluded: Set<string>,
) {
  return (id: string): boolean => {
    if (excluded.has(id)) return false;
    const it = catalogue.items.get(id);
    // Items missing from the catalogue are kept only when no catalogue filter asks about them.
    if (!it) return q.category === undefined && q.minPrice === undefined && q.maxPrice === undefined;
    if (!it.active) return false;
    if (q.category !== undefined && it.category !== q.category) return false;
    if (q.minPrice !== undefined && !(it.price !== null && it.price >= q.minPrice)) return false;
    if (q.maxPrice !== undefined && !(it.price !== null && it.price <= q.maxPrice)) return false;
    return true;
  };
}

/** Validate a query, naming the bad parameter. */
export function checkQuery(q: RecommendationQuery): RecommendationQuery & { n: number; strategy: Strategy } {
  const n = q.n ?? 10;
  if (!Number.isInteger(n) || n < 1 || n > MAX_N)
    throw invalidInput(`n must be an integer in [1, ${MAX_N}]; got ${n}`);
  const strategy = q.strategy ?? 'personal';
  if (!STRATEGIES.includes(strategy))
    throw invalidInput(`strategy must be one of ${STRATEGIES.join(', ')}; got '${strategy}'`);
  for (const k of ['minPrice', 'maxPrice'] as const) {
    const v = q[k];
    if (v !== undefined && !(Number.isFinite(v) && v >= 0))
      throw invalidInput(`${k} must be a number >= 0; got ${v}`);
  }
  if (q.minPrice !== undefined && q.maxPrice !== undefined && q.minPrice > q.maxPrice)
    throw invalidInput(`minPrice (${q.minPrice}) must not exceed maxPrice (${q.maxPrice})`);
  if (q.diversity !== undefined && !(Number.isInteger(q.diversity) && q.diversity >= 1))
    throw invalidInput(`diversity must be an integer >= 1 (items per category); got ${q.diversity}`);
  return { ...q, n, strategy };
}
