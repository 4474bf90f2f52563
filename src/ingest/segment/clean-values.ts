import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Json, JsonObject } from '../../core/types.js';

/** Properties of the Segment e-commerce spec that are money or counts; numeric strings become numbers. */
export const NUMERIC_PROPERTIES = [
  'price',
  'revenue',
  'total',
  'subtotal',
  'tax',
  'shipping',
  'discount',
  'quantity',
] as const;

const NUMERIC_STRING = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

/** `"12.50"` → 12.5; numbers pass; anything else → undefined (the caller reports `not a number`). */
export function toNumber(v: Json): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && NUMERIC_STRING.test(v)) return Number(v);
  return undefined;
}

/** Lenient e-mail shape check: something@something.tld, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function cleanEmail(v: string): string | undefined {
  const e = v.trim().toLowerCase();
  return EMAIL.test(e) ? e : undefined;
}

/**
 * The country a phone number is read in: an ISO-3166 alpha-2 `traits.country`, `traits.address.country`,
 * or the region of `context.locale` (`en-GB` → GB). Country names are not guessed.
 */
export function phoneCountry(traits: JsonObject, context: JsonObject): CountryCode | undefined {
  const address = traits.address;
  const candidates: Json[] = [
    traits.country,
    address && typeof address === 'object' && !Array.isArray(address) ? address.country : undefined,
  ].filter((c) => c !== undefined);
  for (const c of candidates) {
    if (typeof c === 'string') {
      const code = c.trim().toUpperCase();
      if (code.length === 2 && isSupportedCountry(code)) return code as CountryCode;
    }
  }
  if (typeof context.locale === 'string') {
    const m = /^[a-z]{2,3}[-_]([A-Za-z]{2})\b/.exec(context.locale.trim());
    if (m) {
      const code = m[1].toUpperCase();
      if (isSupportedCountry(code)) return code as CountryCode;
    }
  }
  return undefined;
}

/**
 * E.164 where we can: numbers written with `+` parse on their own, others need a known country.
 * Returns `{ok: false}` for something that cannot be a phone number at all (no digits or unparseable with
 * a known country); without a country a national number is kept as given (trimmed) — we cannot know it.
 */
export function cleanPhone(
  v: string,
  country: CountryCode | undefined,
): { ok: true; value: string } | { ok: false } {
  const s = v.trim();
  if (!/\d/.test(s)) return { ok: false };
  if (s.startsWith('+') || country) {
    const p = parsePhoneNumberFromString(s, country);
    if (p?.isPossible()) return { ok: true, value: p.number };
    return { ok: false };
  }
  return { ok: true, value: s };
}
