/**
 * Top-n selection without sorting the whole catalogue: a bounded min-heap keeps the n best
 * (score, item) pairs seen so far, O(m log n) for m candidates. Ties are broken by the lower item
 * index so results are deterministic. Scores of -Infinity or NaN mark items that must not be returned.
 */
export class TopNHeap {
  private readonly items: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(readonly n: number) {
    this.items = new Int32Array(n);
    this.scores = new Float64Array(n);
  }

  reset(): void {
    this.size = 0;
  }

  /** true when (sa, ia) ranks below (sb, ib). */
  private static worse(sa: number, ia: number, sb: number, ib: number): boolean {
    return sa < sb || (sa === sb && ia > ib);
  }

  push(item: number, score: number): void {
    if (!(score > Number.NEGATIVE_INFINITY)) return; // -Infinity and NaN
    const { items, scores, n } = this;
    if (this.size < n) {
      // sift up
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!TopNHeap.worse(score, item, scores[p], items[p])) break;
        items[i] = items[p];
        scores[i] = scores[p];
        i = p;
      }
      items[i] = item;
      scores[i] = score;
      return;
    }
    if (n === 0 || !TopNHeap.worse(scores[0], items[0], score, item)) return;
    // replace root, sift down
    let i = 0;
    const size = this.size;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const r = l + 1;
      const c = r < size && TopNHeap.worse(scores[r], items[r], scores[l], items[l]) ? r : l;
      if (!TopNHeap.worse(scores[c], items[c], score, item)) break;
      items[i] = items[c];
      scores[i] = scores[c];
      i = c;
    }
    items[i] = item;
    scores[i] = score;
  }

  /** Write the kept pairs best first into out arrays at offset; pads with item -1, score -Infinity. */
  drainInto(outItems: Int32Array, outScores: Float64Array, offset: number): void {
    const k = this.size;
    const order = new Int32Array(k);
    for (let i = 0; i < k; i++) order[i] = i;
    const { items, scores } = this;
    order.sort((a, b) => (scores[a] !== scores[b] ? scores[b] - scores[a] : items[a] - items[b]));
    for (let i = 0; i < k; i++) {
      outItems[offset + i] = items[order[i]];
      outScores[offset + i] = scores[order[i]];
    }
    for (let i = k; i < this.n; i++) {
      outItems[offset + i] = -1;
      outScores[offset + i] = Number.NEGATIVE_INFINITY;
    }
    this.size = 0;
  }
}

/** Slow reference: full sort of every candidate. Kept beside the heap and tested against it. */
export function topNBySort(scores: ArrayLike<number>, n: number): { items: number[]; scores: number[] } {
  const idx: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i] > Number.NEGATIVE_INFINITY) idx.push(i);
  idx.sort((a, b) => (scores[a] !== scores[b] ? scores[b] - scores[a] : a - b));
  const top = idx.slice(0, n);
  return { items: top, scores: top.map((i) => scores[i]) };
}
