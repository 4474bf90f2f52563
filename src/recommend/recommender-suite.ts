import { describe, expect, it } from 'vitest';
import type { ModelArtifact } from '../ml/estimator.js';
import type { Csr } from '../ml/matrix.js';
import { csrFromCoo } from '../ml/matrix.js';
import { Rng } from '../ml/random.js';
import type { AnyRecommender } from './members.js';

export interface RecommenderSuiteOptions {
  /** Popularity recommends the same list to everyone: the group known-answer does not apply. */
  personalised?: boolean;
}

const GROUP_USERS = 20;
const GROUP_ITEMS = 10;
const SEEN_PER_USER = 6;

/**
 * Checkerboard known answer (after implicit's tests): two disjoint user groups, each interacting
 * only with its own item group. Users 0..19 ↔ items 0..9, users 20..39 ↔ items 10..19, each user
 * with 6 of the 10 items of the group (seeded), plus one user (40) with no interactions at all.
 */
export function checkerboard(seed = 3): Csr {
  const rng = new Rng(seed);
  const r: number[] = [];
  const c: number[] = [];
  for (let g = 0; g < 2; g++) {
    for (let u = 0; u < GROUP_USERS; u++) {
      const items = rng.permutation(GROUP_ITEMS).subarray(0, SEEN_PER_USER);
      for (const i of items) {
        r.push(g * GROUP_USERS + u);
        c.push(g * GROUP_ITEMS + i);
      }
    }
  }
  return csrFromCoo(2 * GROUP_USERS + 1, 2 * GROUP_ITEMS, r, c);
}

const groupOfItem = (i: number): number => Math.floor(i / GROUP_ITEMS);
const groupOfUser = (u: number): number => Math.floor(u / GROUP_USERS);

function rowItems(X: Csr, u: number): Set<number> {
  return new Set(Array.from(X.indices.subarray(X.indptr[u], X.indptr[u + 1])));
}

/** The shared conformance suite every recommender passes (sklearn's check_estimator, for recommenders). */
export function runRecommenderSuite(
  name: string,
  factory: () => AnyRecommender,
  fromJSON: (a: ModelArtifact<unknown, unknown>) => AnyRecommender,
  o: RecommenderSuiteOptions = {},
): void {
  const personalised = o.personalised ?? true;
  describe(`${name}: recommender suite`, () => {
    const X = checkerboard();
    const warmUsers = Int32Array.from({ length: 2 * GROUP_USERS }, (_, i) => i);

    it('throws NOT_FITTED before fit', () => {
      expect(() => factory().recommend(Int32Array.of(0), 3)).toThrow(
        expect.objectContaining({ code: 'NOT_FITTED' }),
      );
    });

    it('rejects a negative or non-finite weight, naming row and column', () => {
      const bad = csrFromCoo(2, 2, [0, 1], [1, 0], [1, -2]);
      expect(() => factory().fit(bad)).toThrow(/row 1, column 0/);
      const nan = csrFromCoo(2, 2, [0, 1], [1, 0], [Number.NaN, 1]);
      expect(() => factory().fit(nan)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    });

    it('never recommends an excluded (already seen) item', () => {
      const m = factory().fit(X);
      const top = m.recommend(warmUsers, 4, { exclude: X });
      for (let k = 0; k < warmUsers.length; k++) {
        const seen = rowItems(X, warmUsers[k]);
        for (let r = 0; r < 4; r++) expect(seen.has(top.items[k * 4 + r])).toBe(false);
      }
    });

    if (personalised) {
      it('checkerboard: recommendations stay within the user group', () => {
        const m = factory().fit(X);
        const top = m.recommend(warmUsers, 3, { exclude: X });
        for (let k = 0; k < warmUsers.length; k++) {
          for (let r = 0; r < 3; r++) {
            expect(top.items[k * 3 + r]).toBeGreaterThanOrEqual(0);
            expect(groupOfItem(top.items[k * 3 + r])).toBe(groupOfUser(warmUsers[k]));
          }
        }
      });

      it('checkerboard: similar items come from the same item group', () => {
        const m = factory().fit(X);
        const items = Int32Array.of(0, 3, 12, 19);
        const sim = m.similarItems(items, 3);
        for (let k = 0; k < items.length; k++) {
          for (let r = 0; r < 3; r++) {
            expect(sim.items[k * 3 + r]).not.toBe(items[k]);
            expect(groupOfItem(sim.items[k * 3 + r])).toBe(groupOfItem(items[k]));
          }
        }
      });
    }

    it('restricts recommendations to the candidate items and pads with -1', () => {
      const m = factory().fit(X);
      const candidates = Int32Array.of(1, 5, 15);
      const top = m.recommend(warmUsers, 5, { items: candidates });
      for (let k = 0; k < warmUsers.length; k++) {
        const got = Array.from(top.items.subarray(k * 5, k * 5 + 5));
        expect(got.slice(0, 3).sort((a, b) => a - b)).toEqual([1, 5, 15]);
        expect(got.slice(3)).toEqual([-1, -1]);
      }
    });

    it('cold users (no interactions, or unknown to the model) get the popularity fallback', () => {
      const m = factory().fit(X);
      const pop = new Float64Array(X.cols);
      for (let p = 0; p < X.indptr[X.rows]; p++) pop[X.indices[p]] += X.data[p];
      const expected = Array.from(pop.keys())
        .sort((a, b) => pop[b] - pop[a] || a - b)
        .slice(0, 5);
      const top = m.recommend(Int32Array.of(40, 1000), 5);
      expect(Array.from(top.items.subarray(0, 5))).toEqual(expected);
      expect(Array.from(top.items.subarray(5, 10))).toEqual(expected);
    });

    it('JSON round trip recommends exactly the same', () => {
      const m = factory().fit(X);
      const copy = fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
      const users = Int32Array.of(0, 7, 25, 39, 40);
      const a = m.recommend(users, 5, { exclude: X });
      const b = copy.recommend(users, 5, { exclude: X });
      expect(Array.from(b.items)).toEqual(Array.from(a.items));
      expect(Array.from(b.scores)).toEqual(Array.from(a.scores));
      expect(Array.from(copy.similarItems(Int32Array.of(2), 4).items)).toEqual(
        Array.from(m.similarItems(Int32Array.of(2), 4).items),
      );
    });

    it('same seed, same model', () => {
      const a = JSON.stringify(factory().fit(X).toJSON());
      const b = JSON.stringify(factory().fit(X).toJSON());
      expect(b).toBe(a);
    });

    it('rejects bad recommend arguments', () => {
      const m = factory().fit(X);
      expect(() => m.recommend(Int32Array.of(-1), 3)).toThrow(/users\[0\]/);
      expect(() => m.recommend(Int32Array.of(0), 0)).toThrow(/n must be/);
      expect(() => m.recommend(Int32Array.of(0), 3, { items: Int32Array.of(99) })).toThrow(/items\[0\]/);
    });
  });
}
