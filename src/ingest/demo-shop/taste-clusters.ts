import type { Rng } from '../../ml/random.js';
import { CATEGORIES } from './catalogue-words.js';

/**
 * Latent taste clusters. Each is a prototype of category preferences plus price behaviour; a user is
 * a MIXTURE of prototypes (a dominant one, which is the ground-truth cluster, and shares of the
 * others), so clusters overlap and a user's category shares are never one-hot.
 */
export interface TasteCluster {
  name: string;
  /** Share of users whose dominant cluster this is. */
  weight: number;
  /** Unnormalised preference per category id. */
  categories: Record<string, number>;
  /** Exponent on relative price in item choice: 0 = indifferent, 2 = strongly prefers cheap items. */
  priceSensitivity: number;
  /** 0..1: how much promotions drive this cluster's visits and purchases. */
  discountSeeking: number;
  /** Multiplier on the visit rate. */
  activity: number;
}

export const TASTE_CLUSTERS: readonly TasteCluster[] = [
  {
    name: 'tea and snack gourmets',
    weight: 0.18,
    categories: { tea: 0.4, snacks: 0.3, 'home-kitchen': 0.15, books: 0.1 },
    priceSensitivity: 0.6,
    discountSeeking: 0.3,
    activity: 1.2,
  },
  {
    name: 'beauty and fashion',
    weight: 0.2,
    categories: { skincare: 0.4, apparel: 0.3, shoes: 0.15, snacks: 0.05 },
    priceSensitivity: 0.5,
    discountSeeking: 0.55,
    activity: 1.1,
  },
  {
    name: 'tech enthusiasts',
    weight: 0.15,
    categories: { electronics: 0.55, books: 0.15, 'sports-outdoors': 0.1, tea: 0.05 },
    priceSensitivity: 0.15,
    discountSeeking: 0.2,
    activity: 0.9,
  },
  {
    name: 'active outdoors',
    weight: 0.15,
    categories: { 'sports-outdoors': 0.45, shoes: 0.25, apparel: 0.15, snacks: 0.1 },
    priceSensitivity: 0.4,
    discountSeeking: 0.3,
    activity: 1.0,
  },
  {
    name: 'home and family',
    weight: 0.17,
    categories: { 'home-kitchen': 0.35, toys: 0.35, books: 0.15, snacks: 0.1 },
    priceSensitivity: 1.0,
    discountSeeking: 0.45,
    activity: 0.9,
  },
  {
    name: 'bargain hunters',
    weight: 0.15,
    categories: {
      snacks: 0.15,
      apparel: 0.15,
      'home-kitchen': 0.15,
      electronics: 0.1,
      toys: 0.1,
      skincare: 0.1,
    },
    priceSensitivity: 1.8,
    discountSeeking: 0.9,
    activity: 0.8,
  },
];

/** Prototype category vectors in CATEGORIES order, each with a small floor so no share is zero. */
const PROTOTYPES: Float64Array[] = TASTE_CLUSTERS.map((k) => {
  const v = new Float64Array(CATEGORIES.length);
  let sum = 0;
  for (let c = 0; c < CATEGORIES.length; c++) sum += v[c] = (k.categories[CATEGORIES[c].id] ?? 0) + 0.02;
  for (let c = 0; c < CATEGORIES.length; c++) v[c] /= sum;
  return v;
});

export interface UserTaste {
  /** Dominant cluster: the ground truth. */
  cluster: number;
  /** Mixture weights over clusters (dominant >= 0.45). */
  mixture: Float64Array;
  /** Probability of each category as the focus of a visit. */
  categoryPreference: Float64Array;
  priceSensitivity: number;
  discountSeeking: number;
  activity: number;
}

function pickWeighted(rng: Rng, weights: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i];
  let u = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  return weights.length - 1;
}

export function drawTaste(rng: Rng): UserTaste {
  const k = TASTE_CLUSTERS.length;
  const cluster = pickWeighted(
    rng,
    TASTE_CLUSTERS.map((t) => t.weight),
  );
  // Dominant share in [0.45, 0.85]; the rest spread over the other prototypes by normalised
  // exponential draws (a flat Dirichlet), so every user is a genuine mixture.
  const dominant = 0.45 + 0.4 * rng.next();
  const mixture = new Float64Array(k);
  let rest = 0;
  for (let j = 0; j < k; j++) if (j !== cluster) rest += mixture[j] = -Math.log(1 - rng.next());
  for (let j = 0; j < k; j++) mixture[j] = j === cluster ? dominant : ((1 - dominant) * mixture[j]) / rest;

  const categoryPreference = new Float64Array(CATEGORIES.length);
  let sum = 0;
  for (let c = 0; c < CATEGORIES.length; c++) {
    let p = 0;
    for (let j = 0; j < k; j++) p += mixture[j] * PROTOTYPES[j][c];
    // Idiosyncratic taste on top of the mixture (log-normal noise).
    sum += categoryPreference[c] = p * Math.exp(0.35 * rng.normal());
  }
  for (let c = 0; c < CATEGORIES.length; c++) categoryPreference[c] /= sum;

  let priceSensitivity = 0;
  let discountSeeking = 0;
  let activity = 0;
  for (let j = 0; j < k; j++) {
    priceSensitivity += mixture[j] * TASTE_CLUSTERS[j].priceSensitivity;
    discountSeeking += mixture[j] * TASTE_CLUSTERS[j].discountSeeking;
    activity += mixture[j] * TASTE_CLUSTERS[j].activity;
  }
  return {
    cluster,
    mixture,
    categoryPreference,
    priceSensitivity: Math.max(0, priceSensitivity + 0.25 * rng.normal()),
    discountSeeking: Math.min(1, Math.max(0, discountSeeking + 0.12 * rng.normal())),
    activity,
  };
}

export { pickWeighted };
