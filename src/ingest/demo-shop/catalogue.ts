import type { Rng } from '../../ml/random.js';
import { CATEGORIES, type CategoryWords, COLOURS } from './catalogue-words.js';

/** One product as the store's items table holds it (issue 2: id, title, description, category, ...). */
export interface DemoItem {
  id: string;
  title: string;
  title_zh: string;
  description: string;
  description_zh: string;
  category: string;
  price: number;
  tags: string[];
  attributes: Record<string, unknown>;
  active: boolean;
}

/**
 * What the simulation knows about an item beyond what is published: hidden quality (drives ratings
 * and returns), Zipf popularity weight and the time window in which it can be bought.
 */
export interface CatalogueEntry {
  item: DemoItem;
  categoryIndex: number;
  priceCents: number;
  /** Price relative to its category's median, the quantity price-sensitive shoppers react to. */
  relativePrice: number;
  quality: number;
  popularity: number;
  launchedAt: number;
  discontinuedAt: number;
}

export interface Catalogue {
  entries: CatalogueEntry[];
  /** Entry indices per category, in catalogue order. */
  byCategory: number[][];
}

const DAY = 86_400_000;
const BRANDS = [
  'Lotus & Co',
  'Northwind',
  'Kestrel',
  'Bamboo Lane',
  'Harbour',
  'Meadow',
  'Atlas',
  'Qingshan',
];
const SIZES = ['XS', 'S', 'M', 'L', 'XL'];
/** Exponent of the Zipf law for popularity by rank (Zipf 1949; ~1 is typical of retail catalogues). */
const ZIPF_EXPONENT = 1.05;

/** Prices end in .99 as in most shops; cheap items keep their cents. */
function shelfPriceCents(price: number): number {
  if (price < 5) return Math.max(99, Math.round(price * 100));
  return Math.round(price) * 100 - 1;
}

function itemAttributes(rng: Rng, c: CategoryWords, nounIndex: number): Record<string, unknown> {
  const attributes: Record<string, unknown> = { brand: BRANDS[rng.int(BRANDS.length)] };
  switch (c.id) {
    case 'apparel':
      attributes.colour = COLOURS[rng.int(COLOURS.length)][0];
      attributes.sizes = [...SIZES];
      break;
    case 'shoes':
      attributes.colour = COLOURS[rng.int(COLOURS.length)][0];
      attributes.sizes = [36, 37, 38, 39, 40, 41, 42, 43, 44, 45];
      break;
    case 'tea':
    case 'snacks':
      attributes.weight_g = [50, 100, 150, 250, 500][rng.int(5)];
      break;
    case 'electronics':
      attributes.warranty_months = [12, 24][rng.int(2)];
      break;
    case 'books':
      attributes.pages = 120 + rng.int(480);
      attributes.format = nounIndex % 2 === 0 ? 'paperback' : 'hardcover';
      break;
    case 'toys':
      attributes.min_age = [3, 5, 8, 12][rng.int(4)];
      break;
    case 'home-kitchen':
      attributes.colour = COLOURS[rng.int(COLOURS.length)][0];
      break;
  }
  return attributes;
}

/**
 * ~400 items, 32-48 per category, titles "{adjective} {material} {noun}" without repeats inside a
 * category. Popularity follows a Zipf law over a random global ranking; 15% of items are launched
 * during the year and 5% are discontinued (`active: false`) at some point in it.
 */
export function generateCatalogue(rng: Rng, windowStart: number, now: number): Catalogue {
  const entries: CatalogueEntry[] = [];
  const byCategory: number[][] = [];
  for (let ci = 0; ci < CATEGORIES.length; ci++) {
    const c = CATEGORIES[ci];
    const count = 32 + rng.int(17);
    const combos = rng.permutation(c.adjectives.length * c.materials.length * c.nouns.length);
    const indices: number[] = [];
    for (let k = 0; k < count; k++) {
      const combo = combos[k];
      const ai = combo % c.adjectives.length;
      const mi = Math.floor(combo / c.adjectives.length) % c.materials.length;
      const ni = Math.floor(combo / (c.adjectives.length * c.materials.length));
      const [adjEn, adjZh] = c.adjectives[ai];
      const [matEn, matZh] = c.materials[mi];
      const [nounEn, nounZh] = c.nouns[ni];
      const [benefitEn, benefitZh] = c.benefits[rng.int(c.benefits.length)];
      const shipDays = 1 + rng.int(4);
      const priceCents = shelfPriceCents(Math.exp(Math.log(c.priceMedian) + c.priceSigma * rng.normal()));
      const launchedAt =
        rng.next() < 0.15
          ? windowStart + rng.next() * (now - windowStart) * 0.9
          : windowStart - rng.next() * 700 * DAY;
      const discontinued = rng.next() < 0.05;
      const discontinuedAt = discontinued
        ? launchedAt + (now - launchedAt) * (0.3 + 0.6 * rng.next())
        : Number.POSITIVE_INFINITY;
      const attributes = itemAttributes(rng, c, ni);
      const brand = attributes.brand as string;
      attributes.launched_at = new Date(Math.round(launchedAt / DAY) * DAY).toISOString();
      if (discontinued) attributes.discontinued_at = new Date(Math.round(discontinuedAt)).toISOString();
      const tags = c.tags.filter(() => rng.next() < 0.3);
      if (launchedAt > now - 60 * DAY) tags.push('new-arrival');
      const n = entries.length;
      const item: DemoItem = {
        id: `P${String(n + 1).padStart(4, '0')}`,
        title: `${adjEn} ${matEn} ${nounEn}`,
        title_zh: `${adjZh}${matZh}${nounZh}`,
        description: `The ${`${adjEn} ${matEn} ${nounEn}`.toLowerCase()} by ${brand}. ${benefitEn}. Ships within ${shipDays} days.`,
        description_zh: `${brand}出品的${adjZh}${matZh}${nounZh}。${benefitZh}。${shipDays}天内发货。`,
        category: c.id,
        price: priceCents / 100,
        tags: [...new Set(tags)],
        attributes,
        active: !discontinued,
      };
      entries.push({
        item,
        categoryIndex: ci,
        priceCents,
        relativePrice: priceCents / 100 / c.priceMedian,
        quality: rng.normal(),
        popularity: 0,
        launchedAt,
        discontinuedAt,
      });
      indices.push(n);
    }
    byCategory.push(indices);
  }
  const rank = rng.permutation(entries.length);
  for (let i = 0; i < entries.length; i++) entries[i].popularity = 1 / (rank[i] + 1) ** ZIPF_EXPONENT;
  return { entries, byCategory };
}

/** SKU as printed on the shelf: category prefix and item number. */
export function skuOf(entry: CatalogueEntry): string {
  return `${entry.item.category.slice(0, 3).toUpperCase()}-${entry.item.id.slice(1)}`;
}
