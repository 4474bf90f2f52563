import { hkdfSync } from 'node:crypto';

/**
 * Subkeys derived from the master secret, one per purpose, so a leaked lookup key does not decrypt PII
 * and the suppression hashes (which survive erasure) cannot be joined with the lookup hashes.
 * HKDF-SHA-256 (RFC 5869) with a fixed salt and a distinct `info` label per purpose.
 */
export interface PiiKeys {
  /** AES-256-GCM key for PII at rest. */
  readonly encryption: Buffer;
  /** HMAC-SHA-256 key for the lookup hashes stored beside encrypted PII. */
  readonly lookup: Buffer;
  /** HMAC-SHA-256 key for suppression entries (the separately salted hash that survives erasure). */
  readonly suppression: Buffer;
}

const SALT = Buffer.from('osprey/pii/v1', 'utf8');

export function deriveKeys(secret: Buffer): PiiKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, SALT, info, 32));
  return {
    encryption: derive('osprey pii encryption'),
    lookup: derive('osprey pii lookup'),
    suppression: derive('osprey suppression'),
  };
}
