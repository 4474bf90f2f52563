import { OspreyError } from '../../core/errors.js';
import type { Json, JsonObject } from '../../core/types.js';
import { parseJson } from '../schema.js';
import type { ModelRecord, ModelsRepo, ScoreRecord, ScoresRepo } from '../store.js';
import { atomically, type RepoContext } from './context.js';

interface ModelRow {
  kind: string;
  version: number;
  algorithm: string;
  params: unknown;
  training: unknown;
  metrics: unknown;
  active: number;
  created_at: number;
}

function toModel(r: ModelRow): ModelRecord {
  return {
    kind: r.kind,
    version: Number(r.version),
    algorithm: r.algorithm,
    params: parseJson<JsonObject>(r.params),
    training: parseJson<JsonObject>(r.training),
    metrics: parseJson<JsonObject>(r.metrics),
    active: Number(r.active) === 1,
    createdAt: Number(r.created_at),
  };
}

const META = [
  'kind',
  'version',
  'algorithm',
  'params',
  'training',
  'metrics',
  'active',
  'created_at',
] as const;

/** The model registry: versions count up per kind; at most one version of a kind is active. */
export function modelsRepo(ctx: RepoContext): ModelsRepo {
  return {
    create(m, at) {
      return atomically(ctx, async (db) => {
        const last = await db
          .selectFrom('models')
          .select((eb) => eb.fn.max('version').as('v'))
          .where('kind', '=', m.kind)
          .executeTakeFirst();
        const version = Number(last?.v ?? 0) + 1;
        if (m.active) await db.updateTable('models').set({ active: 0 }).where('kind', '=', m.kind).execute();
        const row = {
          kind: m.kind,
          version,
          algorithm: m.algorithm,
          params: JSON.stringify(m.params),
          training: JSON.stringify(m.training),
          metrics: JSON.stringify(m.metrics),
          artifact: JSON.stringify(m.artifact),
          active: m.active ? 1 : 0,
          created_at: at,
        };
        await db.insertInto('models').values(row).execute();
        return {
          kind: m.kind,
          version,
          algorithm: m.algorithm,
          params: m.params,
          training: m.training,
          metrics: m.metrics,
          active: m.active,
          createdAt: at,
        };
      });
    },
    async list(o = {}) {
      let q = ctx.db.selectFrom('models').select(META);
      if (o.kind !== undefined) q = q.where('kind', '=', o.kind);
      const rows = await q.orderBy('kind').orderBy('version', 'desc').execute();
      return rows.map(toModel);
    },
    async get(kind, version) {
      const row = await ctx.db
        .selectFrom('models')
        .selectAll()
        .where('kind', '=', kind)
        .where('version', '=', version)
        .executeTakeFirst();
      return row ? { ...toModel(row), artifact: parseJson<JsonObject>(row.artifact) } : undefined;
    },
    async active(kind) {
      const row = await ctx.db
        .selectFrom('models')
        .selectAll()
        .where('kind', '=', kind)
        .where('active', '=', 1)
        .executeTakeFirst();
      return row ? { ...toModel(row), artifact: parseJson<JsonObject>(row.artifact) } : undefined;
    },
    activate(kind, version) {
      return atomically(ctx, async (db) => {
        const found = await db
          .selectFrom('models')
          .select('version')
          .where('kind', '=', kind)
          .where('version', '=', version)
          .executeTakeFirst();
        if (!found) throw new OspreyError('NOT_FOUND', `model '${kind}' has no version ${version}`);
        await db.updateTable('models').set({ active: 0 }).where('kind', '=', kind).execute();
        await db
          .updateTable('models')
          .set({ active: 1 })
          .where('kind', '=', kind)
          .where('version', '=', version)
          .execute();
      });
    },
  };
}

interface ScoreRow {
  profile_id: number;
  kind: string;
  model_version: number;
  value: number;
  reasons: unknown;
  scored_at: number;
}

function toScore(r: ScoreRow): ScoreRecord {
  return {
    profileId: Number(r.profile_id),
    kind: r.kind,
    modelVersion: Number(r.model_version),
    value: Number(r.value),
    reasons: parseJson<Json>(r.reasons),
    scoredAt: Number(r.scored_at),
  };
}

/** Latest score per (profile, kind): a rescoring run replaces the previous value. */
export function scoresRepo(ctx: RepoContext): ScoresRepo {
  return {
    async upsertMany(scores) {
      if (scores.length === 0) return;
      await atomically(ctx, async (db) => {
        // 6 parameters per row; 500 rows stay under SQLite's and PostgreSQL's bind limits.
        for (let i = 0; i < scores.length; i += 500) {
          const rows = scores.slice(i, i + 500).map((s) => ({
            profile_id: s.profileId,
            kind: s.kind,
            model_version: s.modelVersion,
            value: s.value,
            reasons: JSON.stringify(s.reasons),
            scored_at: s.scoredAt,
          }));
          await db
            .insertInto('scores')
            .values(rows)
            .onConflict((oc) =>
              oc.columns(['profile_id', 'kind']).doUpdateSet((eb) => ({
                model_version: eb.ref('excluded.model_version'),
                value: eb.ref('excluded.value'),
                reasons: eb.ref('excluded.reasons'),
                scored_at: eb.ref('excluded.scored_at'),
              })),
            )
            .execute();
        }
      });
    },
    async forProfile(profileId) {
      const rows = await ctx.db
        .selectFrom('scores')
        .selectAll()
        .where('profile_id', '=', profileId)
        .orderBy('kind')
        .execute();
      return rows.map(toScore);
    },
    async list(o) {
      let q = ctx.db.selectFrom('scores').selectAll().where('kind', '=', o.kind);
      if (o.minValue !== undefined) q = q.where('value', '>=', o.minValue);
      const rows = await q
        .orderBy('value', 'desc')
        .orderBy('profile_id')
        .limit(o.limit ?? 100)
        .execute();
      return rows.map(toScore);
    },
    async count(kind) {
      let q = ctx.db.selectFrom('scores').select((eb) => eb.fn.countAll().as('n'));
      if (kind !== undefined) q = q.where('kind', '=', kind);
      const row = await q.executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}
