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

const hex = (x: number, width: number): string => (x >>> 0).toString(16).padStart(width, '0');

/** Formats four 32-bit words as an RFC 4122 version-4 UUID (6 bits are overwritten by version/variant). */
export function uuidFromWords(a: number, b: number, c: number, d: number): string {
  const b4 = ((b & 0xffff0fff) | 0x4000) >>> 0;
  const c4 = ((c & 0x3fffffff) | 0x80000000) >>> 0;
  return `${hex(a, 8)}-${hex(b4 >>> 16, 4)}-${hex(b4 & 0xffff, 4)}-${hex(c4 >>> 16, 4)}-${hex(c4 & 0xffff, 4)}${hex(d, 8)}`;
}

/** Kinds of identifier, so that a messageId can never equal an anonymousId or an order id. */
export const ID_KIND = { message: 1, anonymous: 2, cart: 3, order: 4, review: 5 } as const;

/**
 * A UUID unique per (seed, kind, owner index, sequence): the owner index and the sequence sit in
 * whole 32-bit words (mixed bijectively so ids look random), seed and kind in the rest.
 */
export function demoUuid(seed: number, kind: number, owner: number, seq: number): string {
  return uuidFromWords(
    fmix32(owner ^ 0x5bd1e995),
    fmix32((seed >>> 0) ^ (kind << 24)),
    fmix32(kind ^ (seed >>> 0)),
    fmix32(seq ^ 0x27d4eb2f),
  );
}
