import type { Channel, Consent, Json, JsonObject, PiiTrait } from '../core/types.js';
import { PII_TRAITS } from '../core/types.js';

export interface SplitTraits {
  /** Plaintext traits (age, country, plan...). */
  plain: JsonObject;
  /** PII values in plaintext, to be encrypted by governance before they reach the store. */
  pii: Partial<Record<PiiTrait, Json>>;
  consent: Consent;
}

const CHANNELS: readonly Channel[] = ['email', 'push', 'sms', 'webhook'];

/**
 * Split identify traits into PII (encrypted at rest), consent per channel and plain traits.
 * Consent is read from `consent: {email, sms, push, webhook}` booleans, `emailOptIn` / `smsOptIn` /
 * `pushOptIn`, and Segment's `unsubscribed: true` (email opt-out); these keys never become plain traits.
 */
export function splitTraits(traits: JsonObject): SplitTraits {
  const plain: JsonObject = {};
  const pii: SplitTraits['pii'] = {};
  const consent: Consent = {};
  for (const [k, v] of Object.entries(traits)) {
    if ((PII_TRAITS as readonly string[]).includes(k)) {
      if (v !== null && v !== '') pii[k as PiiTrait] = v;
    } else if (k === 'consent') {
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        for (const c of CHANNELS) if (typeof v[c] === 'boolean') consent[c] = v[c] as boolean;
      }
    } else if (k === 'emailOptIn' || k === 'smsOptIn' || k === 'pushOptIn') {
      if (typeof v === 'boolean') consent[k.slice(0, -5) as Channel] = v;
    } else if (k === 'unsubscribed') {
      if (v === true) consent.email = false;
    } else {
      plain[k] = v;
    }
  }
  return { plain, pii, consent };
}

/** A copy of a context whose `traits` (analytics.js puts identify traits there) has its PII removed. */
export function contextWithoutPii(context: JsonObject): { context: JsonObject; pii: SplitTraits['pii'] } {
  const t = context.traits;
  if (!t || typeof t !== 'object' || Array.isArray(t)) return { context, pii: {} };
  let pii: SplitTraits['pii'] = {};
  const kept: JsonObject = {};
  for (const [k, v] of Object.entries(t)) {
    if ((PII_TRAITS as readonly string[]).includes(k)) {
      if (v !== null && v !== '') pii = { ...pii, [k]: v };
    } else kept[k] = v;
  }
  if (Object.keys(pii).length === 0) return { context, pii };
  return { context: { ...context, traits: kept }, pii };
}
