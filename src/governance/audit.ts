import type { JsonObject } from '../core/types.js';
import type { Store } from '../store/store.js';

/**
 * Append one audit record. `details` must never carry a customer identifier (userId, email, phone...):
 * audit records outlive erasure, so anything identifying written here would defeat it. Callers pass
 * internal ids, counts and random ids only.
 */
export async function audit(
  store: Store,
  r: { actor: string; action: string; details?: JsonObject; at?: number },
): Promise<void> {
  await store.audit.append({
    at: r.at ?? Date.now(),
    actor: r.actor,
    action: r.action,
    details: r.details ?? {},
  });
}
