import type { ApiKey, KeyRole } from '../../core/types.js';
import type { KeysRepo } from '../store.js';
import { conflict, isUniqueViolation, type RepoContext } from './context.js';

interface KeyRow {
  id: string;
  role: string;
  hash: string;
  label: string | null;
  created_at: number;
  revoked_at: number | null;
}

function toKey(r: KeyRow): ApiKey {
  return {
    id: r.id,
    role: r.role as KeyRole,
    hash: r.hash,
    label: r.label,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  };
}

export function keysRepo(ctx: RepoContext): KeysRepo {
  const db = ctx.db;
  return {
    async create(k, at) {
      const row = {
        id: k.id,
        role: k.role,
        hash: k.hash,
        label: k.label ?? null,
        created_at: at,
        revoked_at: null,
      };
      try {
        await db.insertInto('api_keys').values(row).execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict(`API key '${k.id}' already exists`);
        throw err;
      }
      return toKey(row);
    },
    async findByHash(hash) {
      const row = await db.selectFrom('api_keys').selectAll().where('hash', '=', hash).executeTakeFirst();
      return row ? toKey(row) : undefined;
    },
    async list() {
      const rows = await db.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map(toKey);
    },
    async revoke(id, at) {
      const res = await db
        .updateTable('api_keys')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },
  };
}
