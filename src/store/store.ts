import type { SegmentRule } from '../core/segment-rule.js';
import type {
  ApiKey,
  AuditRecord,
  Consent,
  EncryptedPii,
  EventRecord,
  Item,
  ItemInput,
  Job,
  Json,
  JsonObject,
  KeyRole,
  Page,
  Rejection,
  StoredEvent,
  UserProfile,
} from '../core/types.js';

/**
 * The storage contract. Two drivers implement it — `sqlite` (embedded default, better-sqlite3 in WAL mode)
 * and `postgres` — behind one Kysely query layer, chosen by URL scheme (Gorse's pattern). Every SQL
 * statement of Osprey lives under src/store; other modules call these repositories and the named
 * aggregate queries, never SQL. Storage errors are the small closed set of OspreyError codes
 * (NOT_FOUND, CONFLICT, INVALID_INPUT, UNAVAILABLE).
 *
 * Repositories grow with later issues (models, segments, scores, journeys...): add a repository per
 * aggregate, a migration per change, and cases to the shared store suite.
 */
export interface Store {
  readonly driver: 'sqlite' | 'postgres';
  readonly users: UsersRepo;
  readonly events: EventsRepo;
  readonly items: ItemsRepo;
  readonly keys: KeysRepo;
  readonly jobs: JobsRepo;
  readonly rejections: RejectionsRepo;
  readonly audit: AuditRepo;
  readonly suppressions: SuppressionsRepo;
  readonly meta: MetaRepo;
  readonly stats: StatsQueries;
  /** Named aggregate queries behind src/features and the labels of src/predict. */
  readonly features: FeatureQueries;
  /** Model registry: every trained version with its window, metrics and artifact; one active per kind. */
  readonly models: ModelsRepo;
  /** Latest score per user and model kind, with the version that made it and its reasons. */
  readonly scores: ScoresRepo;
  /** Segments (clusters, RFM, tags, rules) with their members, entry and exit times; rules run as SQL. */
  readonly segments: SegmentsRepo;
  /** Sentiment and aspects of each scored `Product Reviewed` event (issue 7). */
  readonly reviewScores: ReviewScoresRepo;
  /** Interactions for recommenders and the precomputed top-N per (profile, strategy). */
  readonly recommendations: RecommendationsRepo;
  /** Raw read access to every table, for erasure and export tests that must prove "no trace remains". */
  readonly inspect: StoreInspector;
  /** Run `fn` in one transaction: all of it is stored or none of it. Nested calls join the outer one. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface UserListFilter {
  /** userId prefix */
  prefix?: string;
  /** keyed hash of a PII trait value (e.g. the email's lookup hash) */
  piiHash?: { trait: string; hash: string };
  /** exact match of a plaintext trait */
  trait?: { name: string; value: string | number | boolean };
  cursor?: string | null;
  limit?: number;
}

export interface UsersRepo {
  /** Profile that owns this userId or anonymousId, or undefined. */
  findByIdentity(kind: 'userId' | 'anonymousId', value: string): Promise<UserProfile | undefined>;
  /**
   * Optional bulk form of findByIdentity (one query for a whole ingest batch): value → owning profile.
   * Ingestion uses it when the driver provides it and falls back to findByIdentity otherwise.
   */
  findManyByIdentity?(
    kind: 'userId' | 'anonymousId',
    values: string[],
  ): Promise<Map<string, { profileId: number; userId: string | null }>>;
  /** Create an empty profile owning the given identities; returns it. */
  create(ids: { userId?: string | null; anonymousId?: string | null }, at: number): Promise<UserProfile>;
  /** Attach an identity to a profile (CONFLICT if another profile owns it). */
  addIdentity(profileId: number, kind: 'userId' | 'anonymousId', value: string): Promise<void>;
  /**
   * Merge `from` into `into`: identities, events, traits (into's values win), consent and lookup hashes
   * move to `into`; `from` is deleted. Used by identify-after-anonymous and alias.
   */
  merge(into: number, from: number): Promise<void>;
  /** Shallow-merge traits, PII (ciphertexts) and consent into the profile. */
  update(
    profileId: number,
    patch: { traits?: JsonObject; pii?: EncryptedPii; piiHashes?: Record<string, string>; consent?: Consent },
    at: number,
  ): Promise<void>;
  getByProfileId(profileId: number): Promise<UserProfile | undefined>;
  list(filter: UserListFilter): Promise<Page<UserProfile>>;
  count(): Promise<number>;
  /** Erase a profile with all its events, identities and lookup hashes (GDPR art. 17). */
  erase(profileId: number): Promise<{ events: number }>;
}

export interface EventFilter {
  profileId?: number;
  name?: string;
  type?: string;
  from?: number;
  to?: number;
  cursor?: string | null;
  limit?: number;
  /** newest first by default */
  order?: 'asc' | 'desc';
}

export interface EventsRepo {
  /**
   * Insert events already assigned to profiles. Duplicates by (source, messageId) are skipped, not errors.
   * Returns how many were new.
   */
  insertMany(events: (EventRecord & { profileId: number })[]): Promise<number>;
  /** Which of these messageIds already exist for the source. */
  existing(source: string, messageIds: string[]): Promise<Set<string>>;
  list(filter: EventFilter): Promise<Page<StoredEvent>>;
  count(filter?: Omit<EventFilter, 'cursor' | 'limit' | 'order'>): Promise<number>;
  /** Stored ids of these messageIds of a source (absent ones are left out). */
  idsByMessageId(source: string, messageIds: string[]): Promise<Map<string, number>>;
  /** Events by stored id, in id order (unknown ids are left out). */
  getMany(ids: number[]): Promise<StoredEvent[]>;
}

export interface ItemsRepo {
  upsertMany(items: ItemInput[], at: number): Promise<void>;
  get(id: string): Promise<Item | undefined>;
  list(o?: {
    category?: string;
    active?: boolean;
    cursor?: string | null;
    limit?: number;
  }): Promise<Page<Item>>;
  count(): Promise<number>;
}

export interface KeysRepo {
  create(k: { id: string; role: KeyRole; hash: string; label?: string | null }, at: number): Promise<ApiKey>;
  findByHash(hash: string): Promise<ApiKey | undefined>;
  list(): Promise<ApiKey[]>;
  revoke(id: string, at: number): Promise<boolean>;
}

export interface JobsRepo {
  enqueue(j: {
    id: string;
    queue: string;
    name: string;
    payload: JsonObject;
    maxAttempts: number;
    runAt: number;
  }): Promise<Job>;
  /** Atomically claim the next due job of a queue with a lease (FOR UPDATE SKIP LOCKED on PostgreSQL). */
  claim(queue: string, workerId: string, now: number, leaseMs: number): Promise<Job | undefined>;
  /**
   * Renew a lease. With `workerId`, only while that worker still holds the job (false when the lease
   * expired and another worker took it over: the caller must then abandon the job).
   */
  extendLease(id: string, until: number, workerId?: string): Promise<boolean>;
  /** `workerId` (optional, as for extendLease) guards every write by a worker against a lost lease. */
  progress(id: string, progress: JsonObject, workerId?: string): Promise<void>;
  complete(id: string, result: JsonObject | null, at: number, workerId?: string): Promise<void>;
  /** Record a failure; re-queue at `retryAt` while attempts remain, else mark failed. */
  fail(id: string, error: string, retryAt: number | null, at: number, workerId?: string): Promise<void>;
  get(id: string): Promise<Job | undefined>;
  list(o?: { queue?: string; status?: string; limit?: number }): Promise<Job[]>;
}

export interface RejectionsRepo {
  /** Append to the bounded log (oldest entries dropped beyond the cap). */
  add(r: Rejection[]): Promise<void>;
  list(o?: { since?: number; limit?: number }): Promise<Rejection[]>;
  countsByReason(since: number): Promise<{ reason: string; count: number }[]>;
}

export interface AuditRepo {
  append(r: AuditRecord): Promise<void>;
  list(o?: { limit?: number; action?: string }): Promise<AuditRecord[]>;
}

export interface SuppressionsRepo {
  /** `hash` is computed with a separate salt by src/governance: never the lookup hash. */
  add(hash: string, reason: string, at: number): Promise<void>;
  has(hash: string): Promise<boolean>;
}

export interface MetaRepo {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export interface StoreInspector {
  /** Every table of the database, including the migration bookkeeping tables. */
  tables(): Promise<string[]>;
  /** All rows of a table as plain objects (JSON columns as stored). Meant for tests on small stores. */
  dump(table: string): Promise<Record<string, unknown>[]>;
}

/** Named aggregate queries for the overview dashboard and `osprey stats`. */
export interface StatsQueries {
  overview(o: { from: number; to: number; topN?: number }): Promise<StatsOverview>;
}

export interface StatsOverview {
  from: number;
  to: number;
  users: number;
  events: number;
  eventsByDay: { day: string; type: string; count: number }[];
  orders: number;
  revenue: number;
  averageOrderValue: number;
  dau: number;
  wau: number;
  mau: number;
  /** share of users who viewed a product and later purchased, within the range */
  viewToPurchase: number;
  topItems: { itemId: string; title: string | null; orders: number; revenue: number }[];
  topCategories: { category: string; orders: number; revenue: number }[];
}

/** A range of profiles, for paging feature queries through a large store in bounded memory. */
export interface ProfileRange {
  /** inclusive */
  fromProfileId: number;
  /** exclusive */
  toProfileId: number;
}

/**
 * Per-profile activity before `asOf` (events with timestamp < asOf only). Orders are `Order Completed`
 * tracks (revenue = numeric `properties.revenue`, discount = numeric `properties.discount`), refunds are
 * `Order Refunded`. Windows count events in [asOf − days, asOf).
 */
export interface ActivityQuery extends ProfileRange {
  asOf: number;
  windowsDays: number[];
  /** Event names counted per window (track `name`; `page` counts page messages). */
  eventNames: string[];
  /** Extra order windows [asOf − startDaysAgo, asOf − endDaysAgo), e.g. the same season last year. */
  orderWindows?: { startDaysAgo: number; endDaysAgo: number }[];
}

export interface ActivityRow {
  profileId: number;
  userId: string | null;
  firstAt: number;
  lastAt: number;
  firstOrderAt: number | null;
  lastOrderAt: number | null;
  orders: number;
  revenue: number;
  /** orders with a positive numeric `discount` */
  discountedOrders: number;
  discount: number;
  refunds: number;
  /** distinct UTC days with any event: the session proxy (events carry no session id) */
  activeDays: number;
  /** distinct 30-day periods (since the epoch) with an order in the 365 days before asOf: regularity */
  orderMonths: number;
  /** eventNames.length × windowsDays.length counts, name-major: counts[n * windows + w] */
  windowCounts: number[];
  /** order revenue per window */
  windowRevenue: number[];
  /** orders and revenue per `orderWindows` entry */
  orderWindowCounts: number[];
  orderWindowRevenue: number[];
}

/** Order lines before `asOf` per profile and category (catalogue category, else the line's own). */
export interface PurchaseLinesQuery extends ProfileRange {
  asOf: number;
}

export interface PurchaseLines {
  byCategory: { profileId: number; category: string; amount: number; lines: number }[];
  distinct: { profileId: number; items: number; categories: number }[];
}

/** What each profile did in [from, to): the labels of churn, propensity and CLV. */
export interface OutcomeQuery {
  from: number;
  to: number;
  /** Count orders containing at least one line of this category in `categoryOrders`. */
  category?: string;
}

export interface OutcomeRow {
  profileId: number;
  events: number;
  orders: number;
  revenue: number;
  categoryOrders: number;
}

export interface FeatureQueries {
  /** Smallest and largest profile id with an event before `asOf` (undefined when there is none). */
  profileSpan(asOf: number): Promise<{ min: number; max: number } | undefined>;
  activity(q: ActivityQuery): Promise<ActivityRow[]>;
  purchaseLines(q: PurchaseLinesQuery): Promise<PurchaseLines>;
  /** Plain traits of the profiles in the range. */
  traits(r: ProfileRange): Promise<{ profileId: number; userId: string | null; traits: JsonObject }[]>;
  /** Categories by number of order lines before `asOf`, most bought first. */
  topCategories(asOf: number, limit: number): Promise<string[]>;
  outcomes(q: OutcomeQuery): Promise<OutcomeRow[]>;
}

export interface ModelRecord {
  kind: string;
  version: number;
  algorithm: string;
  params: JsonObject;
  /** training window: cut-offs, horizon, row counts */
  training: JsonObject;
  metrics: JsonObject;
  active: boolean;
  createdAt: number;
}

export interface ModelsRepo {
  /** Store a new version (max + 1 for the kind); when `active`, it becomes the only active one. */
  create(
    m: Omit<ModelRecord, 'version' | 'createdAt'> & { artifact: JsonObject },
    at: number,
  ): Promise<ModelRecord>;
  list(o?: { kind?: string }): Promise<ModelRecord[]>;
  get(kind: string, version: number): Promise<(ModelRecord & { artifact: JsonObject }) | undefined>;
  active(kind: string): Promise<(ModelRecord & { artifact: JsonObject }) | undefined>;
  /** NOT_FOUND when the version does not exist. */
  activate(kind: string, version: number): Promise<void>;
}

export interface ScoreRecord {
  profileId: number;
  kind: string;
  modelVersion: number;
  value: number;
  reasons: Json;
  scoredAt: number;
}

export interface ScoresRepo {
  /** Insert or replace the score of (profile, kind). */
  upsertMany(scores: ScoreRecord[]): Promise<void>;
  forProfile(profileId: number): Promise<ScoreRecord[]>;
  list(o: { kind: string; limit?: number; minValue?: number }): Promise<ScoreRecord[]>;
  count(kind?: string): Promise<number>;
}

export type SegmentKind = 'cluster' | 'rfm' | 'tag' | 'rule';

export interface SegmentInput {
  /** Stable id: `cluster-3`, `rfm-champions`, `tag-new`, or a user's slug for rule segments. */
  id: string;
  kind: SegmentKind;
  name: string;
  nameZh: string;
  description: string;
  descriptionZh: string;
  /** Rule segments only: the validated rule (src/profiles parses it). */
  rule?: SegmentRule | null;
  /** Kind-specific data: centroid and standouts of a cluster, thresholds of a tag... */
  details?: JsonObject;
}

export interface SegmentRecord extends Required<Omit<SegmentInput, 'rule' | 'details'>> {
  rule: SegmentRule | null;
  details: JsonObject;
  /** Current members. */
  size: number;
  createdAt: number;
  updatedAt: number;
  refreshedAt: number | null;
}

export interface SegmentMember {
  profileId: number;
  userId: string | null;
  enteredAt: number;
  /** 2-D PCA coordinates for plotting (clusters), else null. */
  x: number | null;
  y: number | null;
}

export interface MembershipRecord {
  segmentId: string;
  kind: SegmentKind;
  enteredAt: number;
  /** null while still a member */
  exitedAt: number | null;
}

export interface SegmentsRepo {
  /** CONFLICT when the id exists. */
  create(s: SegmentInput, at: number): Promise<SegmentRecord>;
  /** Insert or replace name, descriptions, rule and details (memberships are kept). */
  upsert(s: SegmentInput, at: number): Promise<SegmentRecord>;
  get(id: string): Promise<SegmentRecord | undefined>;
  list(o?: { kind?: SegmentKind }): Promise<SegmentRecord[]>;
  /** Delete a segment with its membership history; false when it did not exist. */
  delete(id: string): Promise<boolean>;
  /** Profiles matching a rule as of `now`, without storing anything (the dashboard's live count). */
  countRule(rule: SegmentRule, now: number): Promise<number>;
  /**
   * Re-evaluate a rule segment in the database: members that no longer match exit at `now`, new matches
   * enter at `now`. NOT_FOUND when the segment does not exist.
   */
  refreshRule(id: string, now: number): Promise<{ size: number; entered: number; exited: number }>;
  /** Set the members of a computed segment (cluster, RFM, tag) the same way: exits and entries at `at`. */
  replaceMembers(
    id: string,
    members: { profileId: number; x?: number | null; y?: number | null }[],
    at: number,
  ): Promise<{ size: number; entered: number; exited: number }>;
  /** Current members, by profile id, keyset-paged. */
  members(id: string, o?: { cursor?: string | null; limit?: number }): Promise<Page<SegmentMember>>;
  /** Every membership of a profile, current and past, newest first. */
  forProfile(profileId: number, o?: { current?: boolean }): Promise<MembershipRecord[]>;
}

export interface ReviewScoreRecord {
  /** The `Product Reviewed` event scored. */
  eventId: number;
  profileId: number;
  itemId: string;
  text: string;
  /** Star rating 1–5, when the review has one. */
  rating: number | null;
  lang: string;
  polarity: 'positive' | 'negative' | 'neutral';
  /** Signed strength in [−1, 1]. */
  score: number;
  /** P(positive). */
  probability: number;
  model: 'lexicon' | 'learned';
  /** Registry version of the learned model (models kind `text.shop-sentiment`); null for the lexicon. */
  modelVersion: number | null;
  /** Aspect mentions: [{ aspect, polarity, clause, ... }]. */
  aspects: Json;
  reviewedAt: number;
  scoredAt: number;
}

export interface ReviewScoresRepo {
  /** Insert or replace the score of each event (rescoring after a model switch replaces it). */
  upsertMany(scores: ReviewScoreRecord[]): Promise<void>;
  /** An item's scored reviews, oldest first (the newest `limit` when limited). */
  forItem(itemId: string, o?: { limit?: number }): Promise<ReviewScoreRecord[]>;
  /** A profile's scored reviews, newest first. */
  forProfile(profileId: number, o?: { limit?: number }): Promise<ReviewScoreRecord[]>;
  /** Reviews with a rating, newest first: the shop sentiment model's training labels. */
  labelled(o?: { limit?: number }): Promise<{ text: string; rating: number }[]>;
  /** Page through every score by event id (for rescoring). */
  list(o?: { afterEventId?: number; limit?: number }): Promise<ReviewScoreRecord[]>;
  count(o?: { itemId?: string; rated?: boolean }): Promise<number>;
}

/**
 * One user–item interaction: a track event naming a product (`properties.product_id`, e.g. Product Viewed,
 * Product Added) or one line of an `Order Completed` (`properties.products[].product_id`, else `sku`).
 */
export interface InteractionRow {
  profileId: number;
  itemId: string;
  /** the track event's name, e.g. 'Product Viewed' or 'Order Completed' */
  event: string;
  timestamp: number;
}

export interface InteractionQuery {
  /** inclusive */
  from?: number;
  /** exclusive */
  to?: number;
  /** only this profile's interactions (the real-time read path) */
  profileId?: number;
  /** only these event names */
  events?: string[];
}

export interface RecommendationRecord {
  profileId: number;
  strategy: string;
  /** [{ itemId, score, reason }] best first */
  items: Json;
  modelVersion: number;
  computedAt: number;
}

export interface RecommendationsRepo {
  /** Interactions in time order (oldest first). */
  interactions(q?: InteractionQuery): Promise<InteractionRow[]>;
  /** Insert or replace the list of (profile, strategy). */
  upsertMany(r: RecommendationRecord[]): Promise<void>;
  get(profileId: number, strategy: string): Promise<RecommendationRecord | undefined>;
  count(strategy?: string): Promise<number>;
}
