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
 * Spellings of PII traits other than the spec's camelCase that clients send (analytics.js users write
 * `first_name`): they are PII too and must never land in plaintext traits.
 */
const PII_ALIASES: Record<string, PiiTrait> = {
  first_name: 'firstName',
  firstname: 'firstName',
  last_name: 'lastName',
  lastname: 'lastName',
  full_name: 'name',
  fullName: 'name',
  phone_number: 'phone',
  phoneNumber: 'phone',
  e_mail: 'email',
};

/** The canonical PII trait a trait name stands for, or undefined when it is not PII. */
export function piiTraitOf(name: string): PiiTrait | undefined {
  if ((PII_TRAITS as readonly string[]).includes(name)) return name as PiiTrait;
  return PII_ALIASES[name];
}

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
    const piiName = piiTraitOf(k);
    if (piiName) {
      // The spec's own name wins over an alias given in the same call.
      if (v !== null && v !== '' && (piiName === k || pii[piiName] === undefined)) pii[piiName] = v;
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
    const piiName = piiTraitOf(k);
    if (piiName) {
      if (v !== null && v !== '') pii = { ...pii, [piiName]: v };
    } else kept[k] = v;
  }
  if (Object.keys(pii).length === 0) return { context, pii };
  return { context: { ...context, traits: kept }, pii };
}
