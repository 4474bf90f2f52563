import { type Kysely, sql } from 'kysely';
import { invalidInput, notFound } from '../../core/errors.js';
import type { Consent, EncryptedPii, JsonObject, Page, UserProfile } from '../../core/types.js';
import { decodeCursor, encodeCursor, pageLimit } from '../cursor.js';
import { type Database, parseJson } from '../schema.js';
import type { UserListFilter, UsersRepo } from '../store.js';
import { atomically, conflict, isUniqueViolation, type RepoContext, rowsOf } from './context.js';

type IdentityKind = 'userId' | 'anonymousId';

interface ProfileRow {
  profile_id: number;
  user_id: string | null;
  traits: unknown;
  pii: unknown;
  consent: unknown;
  created_at: number;
  updated_at: number;
}

function toProfile(row: ProfileRow, anonymousIds: string[]): UserProfile {
  return {
    profileId: row.profile_id,
    userId: row.user_id,
    anonymousIds,
    traits: parseJson<JsonObject>(row.traits),
    pii: parseJson<EncryptedPii>(row.pii),
    consent: parseJson<Consent>(row.consent),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function anonymousIdsOf(db: Kysely<Database>, profileIds: number[]): Promise<Map<number, string[]>> {
  const byProfile = new Map<number, string[]>();
  if (profileIds.length === 0) return byProfile;
  // Filter on profile_id only: with `kind = ?` plus ORDER BY value, SQLite (no ANALYZE stats) picks the
  // (kind, value) primary key and scans every anonymous identity — 9 s of a 30 s Online Retail import.
  const rows = await db
    .selectFrom('identities')
    .select(['profile_id', 'kind', 'value'])
    .where('profile_id', 'in', profileIds)
    .execute();
  for (const r of rows) {
    if (r.kind !== 'anonymousId') continue;
    const list = byProfile.get(r.profile_id);
    if (list) list.push(r.value);
    else byProfile.set(r.profile_id, [r.value]);
  }
  for (const list of byProfile.values()) list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return byProfile;
}

async function loadProfile(db: Kysely<Database>, profileId: number): Promise<UserProfile | undefined> {
  const row = await db
    .selectFrom('profiles')
    .selectAll()
    .where('profile_id', '=', profileId)
    .executeTakeFirst();
  if (!row) return undefined;
  const anon = await anonymousIdsOf(db, [profileId]);
  return toProfile(row, anon.get(profileId) ?? []);
}

// Trait names are spliced into a JSON path on SQLite; keep them to what Segment traits look like.
const TRAIT_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export function usersRepo(ctx: RepoContext): UsersRepo {
  const pg = ctx.driver === 'postgres';

  async function insertIdentity(db: Kysely<Database>, profileId: number, kind: IdentityKind, value: string) {
    try {
      await db.insertInto('identities').values({ kind, value, profile_id: profileId }).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict(`${kind} '${value}' already belongs to another user`);
      throw err;
    }
  }

  return {
    async findByIdentity(kind, value) {
      const row = await ctx.db
        .selectFrom('identities')
        .innerJoin('profiles', 'profiles.profile_id', 'identities.profile_id')
        .selectAll('profiles')
        .where('identities.kind', '=', kind)
        .where('identities.value', '=', value)
        .executeTakeFirst();
      if (!row) return undefined;
      const anon = await anonymousIdsOf(ctx.db, [row.profile_id]);
      return toProfile(row, anon.get(row.profile_id) ?? []);
    },

    async findManyByIdentity(kind, values) {
      const owners = new Map<string, { profileId: number; userId: string | null }>();
      if (values.length === 0) return owners;
      const rows = await rowsOf<{ value: string; profile_id: number; user_id: string | null }>(
        ctx,
        `select i."value", i."profile_id", p."user_id" from "identities" i
          join "profiles" p on p."profile_id" = i."profile_id"
          where i."kind" = ? and i."value" in (select value from json_each(?))`,
        `select i."value", i."profile_id", p."user_id" from "identities" i
          join "profiles" p on p."profile_id" = i."profile_id"
          where i."kind" = $1 and i."value" = any($2::text[])`,
        (pg) => [kind, pg ? values : JSON.stringify(values)],
      );
      for (const r of rows) owners.set(r.value, { profileId: Number(r.profile_id), userId: r.user_id });
      return owners;
    },

    create(ids, at) {
      return atomically(ctx, async (db) => {
        let inserted: { profile_id: number };
        try {
          inserted = await db
            .insertInto('profiles')
            .values({
              user_id: ids.userId ?? null,
              traits: '{}',
              pii: '{}',
              consent: '{}',
              created_at: at,
              updated_at: at,
            })
            .returning('profile_id')
            .executeTakeFirstOrThrow();
        } catch (err) {
          if (isUniqueViolation(err))
            throw conflict(`userId '${ids.userId}' already belongs to another user`);
          throw err;
        }
        const id = inserted.profile_id;
        if (ids.userId) await insertIdentity(db, id, 'userId', ids.userId);
        if (ids.anonymousId) await insertIdentity(db, id, 'anonymousId', ids.anonymousId);
        // Everything about a new profile is known here: no need to read it back.
        return {
          profileId: id,
          userId: ids.userId ?? null,
          anonymousIds: ids.anonymousId ? [ids.anonymousId] : [],
          traits: {},
          pii: {},
          consent: {},
          createdAt: at,
          updatedAt: at,
        };
      });
    },

    async addIdentity(profileId, kind, value) {
      await atomically(ctx, async (db) => {
        const owner = await db
          .selectFrom('identities')
          .select('profile_id')
          .where('kind', '=', kind)
          .where('value', '=', value)
          .executeTakeFirst();
        if (owner?.profile_id === profileId) return;
        if (owner) throw conflict(`${kind} '${value}' already belongs to another user`);
        const profile = await db
          .selectFrom('profiles')
          .select(['user_id'])
          .where('profile_id', '=', profileId)
          .executeTakeFirst();
        if (!profile) throw notFound(`user profile ${profileId} does not exist`);
        await insertIdentity(db, profileId, kind, value);
        // The profile's own userId is the first one it was known by; later ones (alias) are identities only.
        if (kind === 'userId' && profile.user_id === null) {
          await db
            .updateTable('profiles')
            .set({ user_id: value })
            .where('profile_id', '=', profileId)
            .execute();
        }
      });
    },

    async merge(into, from) {
      if (into === from) return;
      await atomically(ctx, async (db) => {
        const [a, b] = await Promise.all([loadProfile(db, into), loadProfile(db, from)]);
        if (!a) throw notFound(`user profile ${into} does not exist`);
        if (!b) throw notFound(`user profile ${from} does not exist`);
        await db.updateTable('identities').set({ profile_id: into }).where('profile_id', '=', from).execute();
        await db.updateTable('events').set({ profile_id: into }).where('profile_id', '=', from).execute();
        // A hash both profiles hold would collide on the primary key: keep into's copy.
        await db
          .deleteFrom('pii_lookup')
          .where('profile_id', '=', from)
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('pii_lookup as other')
                .select('other.hash')
                .where('other.profile_id', '=', into)
                .whereRef('other.trait', '=', 'pii_lookup.trait')
                .whereRef('other.hash', '=', 'pii_lookup.hash'),
            ),
          )
          .execute();
        await db.updateTable('pii_lookup').set({ profile_id: into }).where('profile_id', '=', from).execute();
        // The merged profile's scores describe half a history: drop them until the next scoring run.
        await db.deleteFrom('scores').where('profile_id', '=', from).execute();
        // A review stays the review it was; only its author moves.
        await db
          .updateTable('review_scores')
          .set({ profile_id: into })
          .where('profile_id', '=', from)
          .execute();
        await db.deleteFrom('recommendations').where('profile_id', '=', from).execute();
        await db.deleteFrom('profiles').where('profile_id', '=', from).execute();
        await db
          .updateTable('profiles')
          .set({
            user_id: a.userId ?? b.userId,
            traits: JSON.stringify({ ...b.traits, ...a.traits }),
            pii: JSON.stringify({ ...b.pii, ...a.pii }),
            consent: JSON.stringify({ ...b.consent, ...a.consent }),
            created_at: Math.min(a.createdAt, b.createdAt),
            updated_at: Math.max(a.updatedAt, b.updatedAt),
          })
          .where('profile_id', '=', into)
          .execute();
      });
    },

    async update(profileId, patch, at) {
      await atomically(ctx, async (db) => {
        const row = await db
          .selectFrom('profiles')
          .select(['traits', 'pii', 'consent'])
          .where('profile_id', '=', profileId)
          .executeTakeFirst();
        if (!row) throw notFound(`user profile ${profileId} does not exist`);
        await db
          .updateTable('profiles')
          .set({
            traits: JSON.stringify({ ...parseJson<JsonObject>(row.traits), ...patch.traits }),
            pii: JSON.stringify({ ...parseJson<EncryptedPii>(row.pii), ...patch.pii }),
            consent: JSON.stringify({ ...parseJson<Consent>(row.consent), ...patch.consent }),
            updated_at: at,
          })
          .where('profile_id', '=', profileId)
          .execute();
        for (const [trait, hash] of Object.entries(patch.piiHashes ?? {})) {
          // One current value per trait: the new hash replaces the old one (hashes merged in stay findable).
          await db
            .deleteFrom('pii_lookup')
            .where('profile_id', '=', profileId)
            .where('trait', '=', trait)
            .execute();
          await db.insertInto('pii_lookup').values({ profile_id: profileId, trait, hash }).execute();
        }
      });
    },

    getByProfileId(profileId) {
      return loadProfile(ctx.db, profileId);
    },

    async list(filter: UserListFilter): Promise<Page<UserProfile>> {
      const limit = pageLimit(filter.limit);
      let q = ctx.db.selectFrom('profiles').selectAll('profiles');
      if (filter.prefix !== undefined && filter.prefix !== '') {
        // Range instead of LIKE: no escaping of % and _, and it uses the unique index on user_id.
        q = q
          .where('profiles.user_id', '>=', filter.prefix)
          .where('profiles.user_id', '<', `${filter.prefix}\u{10ffff}`);
      }
      if (filter.piiHash) {
        const { trait, hash } = filter.piiHash;
        q = q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('pii_lookup')
              .select('pii_lookup.hash')
              .whereRef('pii_lookup.profile_id', '=', 'profiles.profile_id')
              .where('pii_lookup.trait', '=', trait)
              .where('pii_lookup.hash', '=', hash),
          ),
        );
      }
      if (filter.trait) {
        const { name, value } = filter.trait;
        if (!TRAIT_NAME.test(name)) {
          throw invalidInput(`trait: '${name}' is not a trait name`, [
            { path: 'trait', message: 'not a trait name (letters, digits, underscore)' },
          ]);
        }
        const traits = sql.ref('profiles.traits');
        q = q.where(
          pg
            ? sql<boolean>`(${traits} -> ${name}) = ${JSON.stringify(value)}::jsonb`
            : sql<boolean>`json_extract(${traits}, ${`$.${name}`}) = ${typeof value === 'boolean' ? Number(value) : value}`,
        );
      }
      if (filter.cursor) {
        const [after] = decodeCursor(filter.cursor, ['number']);
        q = q.where('profiles.profile_id', '>', after as number);
      }
      const rows = await q
        .orderBy('profiles.profile_id')
        .limit(limit + 1)
        .execute();
      const more = rows.length > limit;
      const pageRows = more ? rows.slice(0, limit) : rows;
      const anon = await anonymousIdsOf(
        ctx.db,
        pageRows.map((r) => r.profile_id),
      );
      return {
        items: pageRows.map((r) => toProfile(r, anon.get(r.profile_id) ?? [])),
        next: more ? encodeCursor([pageRows[pageRows.length - 1].profile_id]) : null,
      };
    },

    async count() {
      const row = await ctx.db
        .selectFrom('profiles')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    erase(profileId) {
      return atomically(ctx, async (db) => {
        const exists = await db
          .selectFrom('profiles')
          .select('profile_id')
          .where('profile_id', '=', profileId)
          .executeTakeFirst();
        if (!exists) throw notFound(`user profile ${profileId} does not exist`);
        const deleted = await db.deleteFrom('events').where('profile_id', '=', profileId).executeTakeFirst();
        await db.deleteFrom('identities').where('profile_id', '=', profileId).execute();
        await db.deleteFrom('pii_lookup').where('profile_id', '=', profileId).execute();
        // Scores are derived from the erased events and carry reasons in words about them.
        await db.deleteFrom('scores').where('profile_id', '=', profileId).execute();
        await db.deleteFrom('segment_memberships').where('profile_id', '=', profileId).execute();
        // Review scores keep the review text and its clauses.
        await db.deleteFrom('review_scores').where('profile_id', '=', profileId).execute();
        await db.deleteFrom('recommendations').where('profile_id', '=', profileId).execute();
        await db.deleteFrom('profiles').where('profile_id', '=', profileId).execute();
        return { events: Number(deleted.numDeletedRows) };
      });
    },
  };
}
