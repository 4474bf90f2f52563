import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Popularity } from '../popularity.js';
import { evaluateRecommender, prepareEvaluation } from './evaluate.js';
import { readInteractions } from './interactions.js';
import { stratifiedSplit } from './split.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const file = resolve(process.env.OSPREY_DATASETS ?? resolve(root, '../shared/data'), 'movielens-100k/u.data');
const present = existsSync(file);
if (!present) console.log(`skipping MovieLens-100k checks: ${file} not found (set OSPREY_DATASETS)`);

describe.skipIf(!present)('MovieLens-100k with the Recommenders protocol', () => {
  it('splits exactly as recommenders python_stratified_split (recorded from pandas)', () => {
    const log = readInteractions(file);
    // Recorded by re-running recommenders' _do_stratification (is_random=True, seed 42) in pandas:
    // train/test sizes and the md5 of the comma-joined sorted test row numbers.
    const expected = {
      item: [74331, 25669, '35a48770b3b7fed0000f30f74bd7a1ac'],
      user: [74646, 25354, 'c5033ccdbfbb2ff8ac27fc3c1d935e94'],
    } as const;
    for (const by of ['item', 'user'] as const) {
      const s = stratifiedSplit(log, by, 0.75, 42);
      const md5 = createHash('md5').update(Array.from(s.test).join(',')).digest('hex');
      expect([s.train.length, s.test.length, md5]).toEqual(expected[by]);
    }
  });

  it('popularity lands where Recommenders reports it (nDCG@10 ≈ 0.25)', () => {
    const log = readInteractions(file);
    const data = prepareEvaluation(log, stratifiedSplit(log, 'item', 0.75, 42));
    const r = evaluateRecommender(new Popularity(), data, 10);
    expect(r.users).toBe(943);
    expect(r.items).toBe(1682);
    expect(r.ndcg).toBeGreaterThan(0.24);
    expect(r.ndcg).toBeLessThan(0.27);
  });
});
