import { describe, expect, it } from 'vitest';
import {
  averagePrecisionAtK,
  catalogueCoverage,
  ndcgAtK,
  precisionAtK,
  rankingMetrics,
  recallAtK,
} from './ranking.js';

// Hand-computed: list [5, 1, 9, 2], relevant {1, 2, 7}, k = 3.
// hits in top 3: item 1 at rank 2 → precision 1/3, recall 1/3.
// DCG = 1/ln 3; IDCG = 1/ln 2 + 1/ln 3 + 1/ln 4.
// AP = (1/2) / 3.
describe('ranking metrics', () => {
  const ranked = [5, 1, 9, 2];
  const rel = new Set([1, 2, 7]);
  it('matches hand-computed values', () => {
    expect(precisionAtK(ranked, rel, 3)).toBeCloseTo(1 / 3, 12);
    expect(recallAtK(ranked, rel, 3)).toBeCloseTo(1 / 3, 12);
    const idcg = 1 / Math.log(2) + 1 / Math.log(3) + 1 / Math.log(4);
    expect(ndcgAtK(ranked, rel, 3)).toBeCloseTo(1 / Math.log(3) / idcg, 12);
    expect(averagePrecisionAtK(ranked, rel, 3)).toBeCloseTo(0.5 / 3, 12);
    // k = 4 picks up item 2 at rank 4: AP = (1/2 + 2/4) / 3
    expect(averagePrecisionAtK(ranked, rel, 4)).toBeCloseTo(1 / 3, 12);
  });

  it('precision divides by k even when the list is short, and ignores -1 padding', () => {
    expect(precisionAtK([1, -1, -1], rel, 3)).toBeCloseTo(1 / 3, 12);
    expect(precisionAtK([1], rel, 10)).toBeCloseTo(0.1, 12);
  });

  it('perfect list has nDCG 1 and ideal DCG capped at k', () => {
    expect(ndcgAtK([1, 2], new Set([1, 2, 3, 4]), 2)).toBeCloseTo(1, 12);
  });

  it('averages over users and counts hit rate', () => {
    const m = rankingMetrics(
      [
        [1, 2],
        [3, 4],
      ],
      [new Set([1]), new Set([9])],
      2,
    );
    expect(m.users).toBe(2);
    expect(m.precision).toBeCloseTo(0.25, 12);
    expect(m.recall).toBeCloseTo(0.5, 12);
    expect(m.hitRate).toBeCloseTo(0.5, 12);
    expect(m.ndcg).toBeCloseTo(0.5, 12);
    expect(m.map).toBeCloseTo(0.5, 12);
  });

  it('coverage counts distinct items in the top k', () => {
    expect(
      catalogueCoverage(
        [
          [0, 1, 2],
          [1, 3, -1],
        ],
        2,
        10,
      ),
    ).toBeCloseTo(0.3, 12);
    expect(() => catalogueCoverage([[12]], 1, 10)).toThrow(/outside the catalogue/);
  });
});
