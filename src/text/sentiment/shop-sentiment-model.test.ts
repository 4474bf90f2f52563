import { describe, expect, it } from 'vitest';
import { Rng } from '../../ml/random.js';
import { labelFromRating, ShopSentimentModel } from './shop-sentiment-model.js';

// Shop slang the lexicon cannot know: "zorbly" is this shop's praise, "blarg" its complaint.
function reviews(n: number, seed: number) {
  const rng = new Rng(seed);
  const things = ['phone', 'case', 'cable', 'charger', 'screen', 'battery', '耳机', '手机壳'];
  const out: { text: string; rating: number }[] = [];
  for (let i = 0; i < n; i++) {
    const thing = things[rng.int(things.length)];
    const pos = i % 2 === 0;
    out.push({
      text: pos ? `the ${thing} is zorbly, totally zorbly` : `the ${thing} is blarg, so blarg`,
      rating: pos ? 4 + rng.int(2) : 1 + rng.int(2),
    });
  }
  return out;
}

describe('ShopSentimentModel: lexicon until enough labels, then learned', () => {
  it('maps star ratings to labels', () => {
    expect([1, 2, 3, 4, 5].map(labelFromRating)).toEqual([0, 0, null, 1, 1]);
    expect(() => labelFromRating(7)).toThrow(/1 to 5/);
  });

  it('stays on the lexicon below the threshold and says so', () => {
    const m = new ShopSentimentModel().fit(reviews(150, 1));
    expect(m.inUse).toBe('lexicon');
    expect(m.labels).toEqual({ positive: 75, negative: 75 });
    const s = m.score('the cable is zorbly');
    expect(s.model).toBe('lexicon');
    expect(s.polarity).toBe('neutral'); // the lexicon has never heard of "zorbly"
    expect(m.score('I love it').polarity).toBe('positive');
  });

  it('3-star reviews carry no label, so they do not count towards the threshold', () => {
    const rs = reviews(190, 2).concat(
      Array.from({ length: 50 }, () => ({ text: 'it is a case', rating: 3 })),
    );
    expect(new ShopSentimentModel().fit(rs).inUse).toBe('lexicon');
  });

  it('switches to the learned model at 200 labels with 50 per class, with calibrated probability and explanation', () => {
    const m = new ShopSentimentModel().fit(reviews(200, 3));
    expect(m.inUse).toBe('learned');
    const s = m.score('my new charger is zorbly');
    expect(s.model).toBe('learned');
    expect(s.polarity).toBe('positive');
    expect(s.probability).toBeGreaterThan(0.8);
    expect(s.explanation?.positive.map((c) => c.term)).toContain('zorbly');
    const neg = m.score('blarg');
    expect(neg.polarity).toBe('negative');
    expect(neg.probability).toBeLessThan(0.2);
    // A round trip keeps the model and the choice.
    const back = ShopSentimentModel.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.inUse).toBe('learned');
    expect(back.score('my new charger is zorbly')).toEqual(s);
  });

  it('needs both classes: 300 positive labels keep the lexicon', () => {
    const rs = reviews(600, 4).filter((r) => r.rating >= 4);
    const m = new ShopSentimentModel().fit(rs);
    expect(m.inUse).toBe('lexicon');
    expect(() => new ShopSentimentModel().fit([{ text: 'x', rating: 9 }])).toThrow(/reviews\[0\]\.rating/);
  });
});
