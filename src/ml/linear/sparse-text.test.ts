import { describe, expect, it } from 'vitest';
import { csrFromCoo } from '../matrix.js';
import { Rng } from '../random.js';
import { LinearSVC } from './linear-svc.js';
import { LogisticRegression } from './logistic-regression.js';
import { Ridge } from './ridge.js';

/**
 * Text-like CSR input: 2,000 documents over a 100,000-term vocabulary, ~30 random terms each; class-1
 * documents contain one of 50 "positive" terms, class-0 documents one of 50 "negative" terms.
 */
function textLike(): { X: ReturnType<typeof csrFromCoo>; y: Float64Array } {
  const rng = new Rng(5);
  const vocab = 100_000;
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  const y = new Float64Array(2000);
  for (let i = 0; i < 2000; i++) {
    y[i] = i % 2;
    for (let t = 0; t < 30; t++) {
      r.push(i);
      c.push(100 + rng.int(vocab - 100));
      v.push(1);
    }
    r.push(i);
    c.push(y[i] ? rng.int(50) : 50 + rng.int(50));
    v.push(1);
  }
  return { X: csrFromCoo(2000, vocab, r, c, v), y };
}

describe('linear models on wide sparse (text-like) input', () => {
  const { X, y } = textLike();
  const accuracy = (p: ArrayLike<number>) => Array.from(p).filter((v, i) => v === y[i]).length / y.length;

  it('logistic regression trains directly on CSR with 100k columns', () => {
    const m = new LogisticRegression({ C: 1 }).fit(X, y);
    expect(m.fitted.coef).toHaveLength(100_000);
    expect(accuracy(m.predict(X))).toBe(1);
  });

  it('linear SVM and ridge train directly on CSR with 100k columns', () => {
    expect(accuracy(new LinearSVC().fit(X, y).predict(X))).toBe(1);
    const ridge = new Ridge({ alpha: 1 }).fit(X, y);
    expect(ridge.fitted.solver).toBe('cg');
    expect(accuracy(Array.from(ridge.predict(X), (s) => (s > 0.5 ? 1 : 0)))).toBe(1);
  });
});
