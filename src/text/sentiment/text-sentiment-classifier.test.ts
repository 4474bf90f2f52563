import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { crossValidateSentiment } from './cross-validate.js';
import { TextSentimentClassifier } from './text-sentiment-classifier.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const datasets = resolve(root, process.env.OSPREY_DATASETS ?? '../shared/data');
const amazon = join(datasets, 'sentiment/amazon_cells_labelled.txt');
const hasData = existsSync(amazon);
if (!hasData) console.log(`skipping UCI sentiment checks: ${amazon} not found (set OSPREY_DATASETS)`);

const texts = [
  '很好用，非常满意',
  '质量很好，推荐',
  '物流快，好评',
  'great phone, love it',
  'excellent battery, great value',
  '太差了，退货',
  '质量差，不推荐',
  '送货太慢，失望',
  'terrible battery, broke in a day',
  'awful, waste of money',
];
const labels = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0];

describe('TextSentimentClassifier', () => {
  for (const model of ['svm', 'logreg', 'nbsvm'] as const) {
    it(`${model}: fits mixed en/zh reviews, explains with n-grams, round-trips through JSON`, () => {
      const m = new TextSentimentClassifier({ model, calibrationFolds: 2 }).fit(texts, labels);
      expect(Array.from(m.predict(texts))).toEqual(labels);
      const p = m.predictProba(['非常满意', 'terrible']);
      expect(p[0]).toBeGreaterThan(p[1]);
      const ex = m.explain('质量很好, great value', 3);
      expect(ex.positive.length).toBeGreaterThan(0);
      const back = TextSentimentClassifier.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
      expect(Array.from(back.decisionFunction(['质量差', 'love it']))).toEqual(
        Array.from(m.decisionFunction(['质量差', 'love it'])),
      );
    });
  }

  it('rejects bad labels naming the entry', () => {
    expect(() => new TextSentimentClassifier().fit(['a', 'b'], [1, 2])).toThrow(/labels\[1\]/);
    expect(() => new TextSentimentClassifier().fit(['a', 'b'], [1, 1])).toThrow(/both classes/);
    expect(() => new TextSentimentClassifier({ model: 'tree' as 'svm' }).fit(texts, labels)).toThrow(/model/);
  });

  it.skipIf(!hasData)(
    'UCI amazon, 400-row subsample, 4-fold: learned and lexicon both well above chance',
    () => {
      const lines = readFileSync(amazon, 'utf8').split('\n').filter(Boolean);
      const pick = lines.filter((_, i) => i % 5 < 2); // 400 rows, both classes
      const t = pick.map((l) => l.slice(0, l.lastIndexOf('\t')));
      const y = pick.map((l) => Number(l.slice(l.lastIndexOf('\t') + 1)));
      const svm = crossValidateSentiment(t, y, { model: 'svm', lang: 'auto', folds: 4, seed: 42 });
      expect(svm.rows).toBe(400);
      expect(svm.accuracy).toBeGreaterThan(0.8);
      const lex = crossValidateSentiment(t, y, { model: 'lexicon', lang: 'auto', folds: 4, seed: 42 });
      expect(lex.accuracy).toBeGreaterThan(0.8);
      expect(lex.fit_seconds).toBe(0);
    },
  );
});
