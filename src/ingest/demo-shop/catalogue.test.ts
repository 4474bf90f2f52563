import { describe, expect, it } from 'vitest';
import { Rng } from '../../ml/random.js';
import { buildCalendar, DAY } from './calendar.js';
import { generateCatalogue, skuOf } from './catalogue.js';
import { CATEGORIES } from './catalogue-words.js';
import { drawTaste, TASTE_CLUSTERS } from './taste-clusters.js';

const NOW = Date.UTC(2026, 10, 23, 12);

describe('catalogue words and taste clusters', () => {
  it('gives every category aligned English/Chinese word pairs', () => {
    expect(CATEGORIES.length).toBe(10);
    for (const c of CATEGORIES) {
      for (const list of [c.adjectives, c.materials, c.nouns, c.benefits]) {
        for (const [en, zh] of list) {
          expect(en.length).toBeGreaterThan(0);
          expect(zh.length).toBeGreaterThan(0);
        }
      }
      // Enough combinations for ~48 distinct titles per category.
      expect(c.adjectives.length * c.materials.length * c.nouns.length).toBeGreaterThanOrEqual(100);
    }
  });

  it('only names categories that exist in the cluster prototypes', () => {
    const ids = new Set(CATEGORIES.map((c) => c.id));
    for (const k of TASTE_CLUSTERS)
      for (const id of Object.keys(k.categories)) expect(ids.has(id), id).toBe(true);
    expect(TASTE_CLUSTERS.reduce((a, k) => a + k.weight, 0)).toBeCloseTo(1, 10);
  });

  it('draws users as mixtures whose dominant cluster is the truth', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 200; i++) {
      const t = drawTaste(rng);
      const dominant = t.mixture[t.cluster];
      expect(dominant).toBeGreaterThanOrEqual(0.45);
      expect(dominant).toBeLessThanOrEqual(0.85);
      expect(t.mixture.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
      expect(t.categoryPreference.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
      expect(Math.max(...t.categoryPreference)).toBeLessThan(0.9);
    }
  });
});

describe('generateCatalogue', () => {
  it('builds items with shelf prices, SKUs and availability windows', () => {
    const { entries, byCategory } = generateCatalogue(new Rng(5), NOW - 365 * DAY, NOW);
    expect(byCategory.flat().length).toBe(entries.length);
    for (const e of entries) {
      // Shelf prices end in .99 above $5.
      if (e.priceCents >= 500) expect(e.priceCents % 100).toBe(99);
      expect(e.item.price).toBe(e.priceCents / 100);
      expect(skuOf(e)).toMatch(/^[A-Z]{3}-\d{4}$/);
      expect(e.item.active).toBe(e.discontinuedAt === Number.POSITIVE_INFINITY);
      expect(e.launchedAt).toBeLessThan(e.discontinuedAt);
      if (!e.item.active) expect(typeof e.item.attributes.discontinued_at).toBe('string');
    }
    // Zipf: popularity 1/rank^s, so the most popular item is exactly 1.
    expect(Math.max(...entries.map((e) => e.popularity))).toBe(1);
  });
});

describe('buildCalendar', () => {
  it('places the yearly sales on their dates and a newsletter every Tuesday', () => {
    const first = Date.UTC(2025, 10, 20);
    const last = Date.UTC(2026, 11, 31);
    const cal = buildCalendar(new Rng(3), first, last);
    const starts = (code: string) =>
      cal.promotions.filter((p) => p.code === code).map((p) => new Date(p.start).toISOString().slice(0, 10));
    // Black Friday: the day after the fourth Thursday of November.
    expect(starts('BLACKFRIDAY25')).toEqual(['2025-11-28', '2026-11-27']);
    expect(starts('SINGLES11')).toEqual(['2025-11-10', '2026-11-10']);
    const day = (iso: string) => Math.floor((Date.parse(iso) - first) / DAY);
    expect(cal.promotionOnDay(day('2026-11-11T12:00:00Z'))?.code).toBe('SINGLES11');
    expect(cal.promotionOnDay(day('2026-11-30T12:00:00Z'))?.code).toBe('BLACKFRIDAY25');
    expect(cal.promotionOnDay(day('2026-12-02T12:00:00Z'))?.code).not.toBe('BLACKFRIDAY25');
    const newsletters = cal.campaigns.filter((c) => c.promotion === undefined);
    expect(newsletters.length).toBeGreaterThan(50);
    for (const c of newsletters) expect(new Date(c.sendDay).getUTCDay()).toBe(2);
    // Flash sales never overlap another promotion.
    const sorted = [...cal.promotions].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i].start).toBeGreaterThanOrEqual(sorted[i - 1].end);
  });
});
