import { describe, expect, it } from 'vitest';
import { Popularity } from '../popularity.js';
import { evaluateRecommender, prepareEvaluation } from './evaluate.js';
import { parseInteractionsCsv } from './interactions.js';

// Items A..E get indices 0..4 in order of first appearance.
const csv = `user,item,rating
u1,A,5
u1,B,4
u2,A,3
u2,C,2
u3,A,1
u3,B,1
u3,D,1
u1,C,1
u1,E,5
u2,B,2
u4,A,4
`;

describe('evaluateRecommender (Recommenders protocol)', () => {
  it('reproduces hand-computed metrics on a fixture', () => {
    const log = parseInteractionsCsv(csv);
    // rows 0..6 train, 7..10 test
    const data = prepareEvaluation(log, {
      train: Int32Array.of(0, 1, 2, 3, 4, 5, 6),
      test: Int32Array.of(7, 8, 9, 10),
    });
    // u4 has no training data and u3 no test data: only u1 and u2 are evaluated
    expect(Array.from(data.users)).toEqual([0, 1]);
    const r = evaluateRecommender(new Popularity({ measure: 'users' }), data, 2);
    // popularity A3 B2 C1 D1 (E unseen in training: never ranked).
    // u1: training A,B removed → [C, D]; relevant {C, E} (rating 1 counts) → 1 hit at rank 1.
    // u2: training A,C removed → [B, D]; relevant {B} → 1 hit at rank 1.
    const ndcgU1 = 1 / Math.log(2) / (1 / Math.log(2) + 1 / Math.log(3));
    expect(r.users).toBe(2);
    expect(r.items).toBe(5);
    expect(r.precision).toBeCloseTo(0.5, 12);
    expect(r.recall).toBeCloseTo((0.5 + 1) / 2, 12);
    expect(r.ndcg).toBeCloseTo((ndcgU1 + 1) / 2, 12);
    // MAP divides by all relevant test items: u1 (1/1)/2, u2 (1/1)/1
    expect(r.map).toBeCloseTo(0.75, 12);
    expect(r.coverage).toBeCloseTo(3 / 5, 12); // {C, D, B}
  });
});
