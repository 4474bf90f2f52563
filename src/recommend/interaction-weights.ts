import { invalidInput } from '../core/errors.js';

/**
 * How raw events become the interaction weights every recommender fits on: a weight per event type
 * (view < add to cart < purchase) times an exponential recency decay, w = w_type · 2^(−age/halfLife).
 * Weights for the same (user, item) are summed when the CSR matrix is built (csrFromCoo), so a time-
 * decayed popularity is just `Popularity` fitted on decayed weights.
 */
export interface InteractionWeighting {
  /** Weight per event name; events not listed get `defaultWeight`. */
  eventWeights: Readonly<Record<string, number>>;
  defaultWeight: number;
  /** Half-life of the recency decay in days; null for no decay. */
  halfLifeDays: number | null;
}

export const DEFAULT_WEIGHTING: InteractionWeighting = {
  eventWeights: { 'Product Viewed': 1, 'Product Added': 3, 'Order Completed': 5 },
  defaultWeight: 1,
  halfLifeDays: null,
};

const DAY_MS = 86_400_000;

/** Weight of one event that happened at `at`, seen from `now` (both epoch milliseconds). */
export function interactionWeight(
  event: string,
  at: number,
  now: number,
  weighting: InteractionWeighting = DEFAULT_WEIGHTING,
): number {
  const base = weighting.eventWeights[event] ?? weighting.defaultWeight;
  if (!(base >= 0)) throw invalidInput(`weight of event '${event}' must be >= 0; got ${base}`);
  if (weighting.halfLifeDays === null) return base;
  if (!(weighting.halfLifeDays > 0))
    throw invalidInput(`halfLifeDays must be > 0; got ${weighting.halfLifeDays}`);
  const ageDays = Math.max(0, now - at) / DAY_MS;
  return base * 2 ** (-ageDays / weighting.halfLifeDays);
}
