/**
 * Deterministic identifiers and per-stream seeds for the demo shop. Identifiers must be unique
 * across the whole generated data set (events are idempotent by messageId, so a collision would
 * silently drop an event), so they are built from (seed, user index, sequence) through bijections
 * rather than drawn at random: distinct inputs give distinct ids by construction.
 */

/** MurmurHash3 fmix32 finaliser: a bijection on 32-bit integers with good avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Seed of an independent random stream `stream` for entity `index` under `seed`. For a fixed seed and
 * stream it is a bijection of `index`, so two users never share a stream.
 */
export function streamSeed(seed: number, stream: number, index: number): number {
  const key = fmix32((seed >>> 0) ^ fmix32(stream + 0x9e3779b9));
  return fmix32((index >>> 0) ^ key);
}

// Hex of every byte: formatting ids is on the hot path (one per message).
const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex16 = (x: number): string => BYTE_HEX[(x >>> 8) & 0xff] + BYTE_HEX[x & 0xff];
const hex32 = (x: number): string => hex16(x >>> 16) + hex16(x);

/** Formats four 32-bit words as an RFC 4122 version-4 UUID (6 bits are overwritten by version/variant). */
export function uuidFromWords(a: number, b: number, c: number, d: number): string {
  const b4 = ((b & 0xffff0fff) | 0x4000) >>> 0;
  const c4 = ((c & 0x3fffffff) | 0x80000000) >>> 0;
  return `${hex32(a)}-${hex16(b4 >>> 16)}-${hex16(b4)}-${hex16(c4 >>> 16)}-${hex16(c4)}${hex32(d)}`;
}

/** Kinds of identifier, so that a messageId can never equal an anonymousId or an order id. */
export const ID_KIND = { message: 1, anonymous: 2, cart: 3, order: 4, review: 5 } as const;

/**
 * A UUID unique per (seed, kind, owner index, sequence) that still looks random. The first and last
 * words are an invertible mix of (owner, seq) for a given seed and kind — from them one recovers
 * seq, then owner — so distinct (owner, seq) pairs can never collide; seed and kind also enter the
 * middle words so different shops and id kinds do not share ids either.
 */
export function demoUuid(seed: number, kind: number, owner: number, seq: number): string {
  const salt = fmix32((seed >>> 0) ^ Math.imul(kind, 0x9e3779b1));
  const a = fmix32((owner >>> 0) ^ fmix32((seq >>> 0) ^ salt));
  const d = fmix32((seq >>> 0) ^ fmix32(a ^ 0x27d4eb2f ^ salt));
  return uuidFromWords(a, fmix32(salt ^ d), fmix32(salt ^ a ^ 0x165667b1), d);
}
