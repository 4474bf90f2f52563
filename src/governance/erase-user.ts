import { randomUUID } from 'node:crypto';
import { notFound } from '../core/errors.js';
import type { Store } from '../store/store.js';
import { audit } from './audit.js';
import type { PiiKeys } from './keys.js';
import { openPii, suppressionHash } from './pii.js';

export interface ErasureResult {
  /** Random id naming this erasure in the audit log (no link to the person). */
  erasureId: string;
  events: number;
  /** Whether a suppression entry was kept because the person had opted out. */
  suppressed: boolean;
}

/**
 * GDPR art. 17 erasure of the customer whose own id is `userId`: their profile, identities, PII, lookup
 * hashes and events go (`store.users.erase`). Only two things may remain, both by design:
 * - if they had unsubscribed from any channel or were already suppressed, a suppression entry per email /
 *   phone under the separately keyed suppression hash, so a re-import never mails them again;
 * - an audit record "user erased" with a random erasure id and no identifier.
 */
export async function eraseUser(
  store: Store,
  keys: PiiKeys,
  userId: string,
  actor: string,
  at: number = Date.now(),
): Promise<ErasureResult> {
  return store.transaction(async (tx) => {
    const profile = await tx.users.findByIdentity('userId', userId);
    if (!profile) throw notFound(`user '${userId}' not found`);
    const pii = openPii(keys, profile.pii);
    const hashes: string[] = [];
    if (typeof pii.email === 'string') hashes.push(suppressionHash(keys, 'email', pii.email));
    if (typeof pii.phone === 'string') hashes.push(suppressionHash(keys, 'phone', pii.phone));
    const optedOut = Object.values(profile.consent).some((v) => v === false);
    let alreadySuppressed = false;
    for (const h of hashes) if (await tx.suppressions.has(h)) alreadySuppressed = true;
    const suppressed = hashes.length > 0 && (optedOut || alreadySuppressed);
    const { events } = await tx.users.erase(profile.profileId);
    if (suppressed) {
      for (const h of hashes) if (!(await tx.suppressions.has(h))) await tx.suppressions.add(h, 'erased', at);
    }
    const erasureId = randomUUID();
    await audit(tx, { actor, action: 'user erased', details: { erasureId, events, suppressed }, at });
    return { erasureId, events, suppressed };
  });
}

/** Is this email / phone suppressed (an erased or opted-out person)? */
export async function isSuppressed(
  store: Store,
  keys: PiiKeys,
  trait: 'email' | 'phone',
  value: string,
): Promise<boolean> {
  return store.suppressions.has(suppressionHash(keys, trait, value));
}
