import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { OspreyError } from '../core/errors.js';
import type { EncryptedPii, Json, JsonObject, PiiTrait } from '../core/types.js';
import { PII_TRAITS } from '../core/types.js';
import type { PiiKeys } from './keys.js';

/**
 * AES-256-GCM with a random 96-bit IV per value (NIST SP 800-38D §8.2.2: random IVs are safe up to 2^32
 * encryptions per key). Stored as base64 `iv.tag.ct` so one string column holds everything needed.
 * The value is JSON-encoded first so structured traits (address) round-trip.
 */
export function encryptPii(keys: PiiKeys, value: Json): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.encryption, iv);
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `${iv.toString('base64')}.${tag.toString('base64')}.${ct.toString('base64')}`;
}

export function decryptPii(keys: PiiKeys, sealed: string): Json {
  const parts = sealed.split('.');
  if (parts.length !== 3) throw new OspreyError('INVALID_INPUT', 'encrypted PII: expected iv.tag.ct');
  const [iv, tag, ct] = parts.map((p) => Buffer.from(p, 'base64'));
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.encryption, iv);
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
    return JSON.parse(plain) as Json;
  } catch {
    // GCM authentication failed: wrong OSPREY_SECRET_KEY or tampered data. Never echo the ciphertext.
    throw new OspreyError('INVALID_INPUT', 'encrypted PII could not be decrypted: wrong secret key?');
  }
}

/**
 * Canonical form a lookup or suppression hash is taken of: emails trimmed and lower-cased, phones as given
 * (already E.164 after cleaning) without spaces, names trimmed, lower-cased with single spaces,
 * structured values (address) as JSON with sorted keys.
 */
export function normalisePiiValue(trait: string, value: Json): string {
  if (typeof value === 'string') {
    if (trait === 'email') return value.trim().toLowerCase();
    if (trait === 'phone') return value.replace(/[\s().-]/g, '');
    return value.trim().toLowerCase().replace(/\s+/g, ' ');
  }
  return stableStringify(value);
}

function stableStringify(v: Json): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(v[k])}`).join(',')}}`;
}

/** Keyed lookup hash (HMAC-SHA-256, hex) of a normalised PII value: lets `GET /api/users?email=` work. */
export function lookupHash(keys: PiiKeys, trait: string, value: Json): string {
  return createHmac('sha256', keys.lookup).update(normalisePiiValue(trait, value)).digest('hex');
}

/**
 * Suppression hash: same normalisation, different key, so it cannot be matched against lookup hashes
 * and is the only identifier-derived value allowed to outlive an erasure.
 */
export function suppressionHash(keys: PiiKeys, trait: 'email' | 'phone', value: string): string {
  return createHmac('sha256', keys.suppression).update(normalisePiiValue(trait, value)).digest('hex');
}

export function isPiiTrait(name: string): name is PiiTrait {
  return (PII_TRAITS as readonly string[]).includes(name);
}

/** Encrypt the PII part of a trait set; returns ciphertexts and the lookup hash beside each. */
export function sealPii(
  keys: PiiKeys,
  pii: Partial<Record<PiiTrait, Json>>,
): { pii: EncryptedPii; piiHashes: Record<string, string> } {
  const sealed: EncryptedPii = {};
  const piiHashes: Record<string, string> = {};
  for (const trait of PII_TRAITS) {
    const v = pii[trait];
    if (v === undefined || v === null || v === '') continue;
    sealed[trait] = encryptPii(keys, v);
    piiHashes[trait] = lookupHash(keys, trait, v);
  }
  return { pii: sealed, piiHashes };
}

/** Decrypt every PII trait of a profile (admin views and GDPR export only). */
export function openPii(keys: PiiKeys, pii: EncryptedPii): JsonObject {
  const out: JsonObject = {};
  for (const [trait, sealed] of Object.entries(pii)) {
    if (typeof sealed === 'string') out[trait] = decryptPii(keys, sealed);
  }
  return out;
}
