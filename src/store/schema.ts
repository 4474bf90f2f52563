import type { ColumnType, Generated } from 'kysely';

/**
 * Row types of the tables as Kysely sees them. JSON columns are TEXT on SQLite and jsonb on PostgreSQL:
 * they are written as JSON strings and read back as either a string (SQLite) or a parsed value (pg), so
 * reads go through `parseJson`. Times are epoch milliseconds (INTEGER / BIGINT read back as numbers).
 */
type JsonColumn = ColumnType<unknown, string, string>;
type NullableJsonColumn = ColumnType<unknown, string | null, string | null>;

export interface ProfilesTable {
  profile_id: Generated<number>;
  user_id: string | null;
  traits: JsonColumn;
  pii: JsonColumn;
  consent: JsonColumn;
  created_at: number;
  updated_at: number;
}

export interface IdentitiesTable {
  kind: string;
  value: string;
  profile_id: number;
}

export interface PiiLookupTable {
  profile_id: number;
  trait: string;
  hash: string;
}

export interface EventsTable {
  id: Generated<number>;
  source: string;
  message_id: string;
  type: string;
  name: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  profile_id: number;
  properties: JsonColumn;
  context: JsonColumn;
  timestamp: number;
  received_at: number;
}

export interface ItemsTable {
  id: string;
  title: string;
  description: string;
  category: string | null;
  price: number | null;
  tags: JsonColumn;
  attributes: JsonColumn;
  active: number;
  created_at: number;
  updated_at: number;
}

export interface ApiKeysTable {
  id: string;
  role: string;
  hash: string;
  label: string | null;
  created_at: number;
  revoked_at: number | null;
}

export interface JobsTable {
  id: string;
  queue: string;
  name: string;
  payload: JsonColumn;
  status: string;
  attempts: number;
  max_attempts: number;
  run_at: number;
  lease_until: number | null;
  worker_id: string | null;
  progress: NullableJsonColumn;
  result: NullableJsonColumn;
  error: string | null;
  created_at: number;
  updated_at: number;
}

export interface RejectionsTable {
  id: Generated<number>;
  at: number;
  source: string;
  reason: string;
  path: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor: string;
  action: string;
  details: JsonColumn;
}

export interface SuppressionsTable {
  hash: string;
  reason: string;
  at: number;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface ModelsTable {
  kind: string;
  version: number;
  algorithm: string;
  params: JsonColumn;
  training: JsonColumn;
  metrics: JsonColumn;
  artifact: JsonColumn;
  active: number;
  created_at: number;
}

export interface ScoresTable {
  profile_id: number;
  kind: string;
  model_version: number;
  value: number;
  reasons: JsonColumn;
  scored_at: number;
}

export interface SegmentsTable {
  id: string;
  kind: string;
  name: string;
  name_zh: string;
  description: string;
  description_zh: string;
  rule: NullableJsonColumn;
  details: JsonColumn;
  created_at: number;
  updated_at: number;
  refreshed_at: number | null;
}

/** One row per stay in a segment: current members have `exited_at` null. */
export interface SegmentMembershipsTable {
  segment_id: string;
  profile_id: number;
  entered_at: number;
  exited_at: number | null;
  x: number | null;
  y: number | null;
}

export interface ReviewScoresTable {
  event_id: number;
  profile_id: number;
  item_id: string;
  body: string;
  rating: number | null;
  lang: string;
  polarity: string;
  score: number;
  probability: number;
  model: string;
  model_version: number | null;
  aspects: JsonColumn;
  reviewed_at: number;
  scored_at: number;
}

export interface RecommendationsTable {
  profile_id: number;
  strategy: string;
  items: JsonColumn;
  model_version: number;
  computed_at: number;
}

export interface Database {
  profiles: ProfilesTable;
  identities: IdentitiesTable;
  pii_lookup: PiiLookupTable;
  events: EventsTable;
  items: ItemsTable;
  api_keys: ApiKeysTable;
  jobs: JobsTable;
  ingest_rejections: RejectionsTable;
  audit_log: AuditLogTable;
  suppressions: SuppressionsTable;
  meta: MetaTable;
  models: ModelsTable;
  scores: ScoresTable;
  segments: SegmentsTable;
  segment_memberships: SegmentMembershipsTable;
  review_scores: ReviewScoresTable;
  recommendations: RecommendationsTable;
}

export type Driver = 'sqlite' | 'postgres';

/** JSON columns come back as strings from SQLite and as parsed values from PostgreSQL's jsonb. */
export function parseJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
