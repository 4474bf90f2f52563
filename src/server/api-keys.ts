import { createHash, randomBytes } from 'node:crypto';
import { OspreyError } from '../core/errors.js';
import type { ApiKey, KeyRole } from '../core/types.js';
import type { Store } from '../store/store.js';

/**
 * API keys: a random secret shown once and stored only as its sha256 (a 256-bit random secret needs no
 * slow hash: it cannot be guessed, only stolen). The key carries a public id so `keys list`/`revoke` can
 * name it without the secret.
 */
export const KEY_ROLES: readonly KeyRole[] = ['write', 'admin'];

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export interface MintedKey {
  key: string;
  role: KeyRole;
  id: string;
}

export async function createApiKey(
  store: Store,
  o: { role: KeyRole; label?: string | null; now?: number },
): Promise<MintedKey> {
  if (!KEY_ROLES.includes(o.role)) {
    throw new OspreyError('INVALID_INPUT', `role must be 'write' or 'admin'; got '${String(o.role)}'`, [
      { path: 'role', message: "must be 'write' or 'admin'" },
    ]);
  }
  const id = `key_${randomBytes(6).toString('hex')}`;
  // The role prefix lets a human tell keys apart in a config file; it carries no authority.
  const key = `osp_${o.role === 'admin' ? 'adm' : 'wr'}_${randomBytes(24).toString('base64url')}`;
  await store.keys.create(
    { id, role: o.role, hash: hashApiKey(key), label: o.label ?? null },
    o.now ?? Date.now(),
  );
  return { key, role: o.role, id };
}

/** The key a secret belongs to, if it exists and is not revoked. */
export async function verifyApiKey(store: Store, secret: string): Promise<ApiKey | undefined> {
  if (secret === '') return undefined;
  const k = await store.keys.findByHash(hashApiKey(secret));
  if (!k || k.revokedAt !== null) return undefined;
  return k;
}

/** A key as listed: never the hash. */
export function describeKey(k: ApiKey): {
  id: string;
  role: KeyRole;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
} {
  return {
    id: k.id,
    role: k.role,
    label: k.label,
    createdAt: new Date(k.createdAt).toISOString(),
    revokedAt: k.revokedAt === null ? null : new Date(k.revokedAt).toISOString(),
  };
}
