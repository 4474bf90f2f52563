import { describe, expect, it } from 'vitest';
import { parseInteractionsCsv, parseMovieLens } from './interactions.js';
import { parseSplitSpec, stratifiedSplit, timeSplit } from './split.js';

function logWithItemCounts(counts: number[]): string {
  const lines = ['user,item,timestamp'];
  let t = 0;
  counts.forEach((c, item) => {
    for (let u = 0; u < c; u++) lines.push(`u${u},i${item},${t++}`);
  });
  return lines.join('\n');
}

describe('stratifiedSplit', () => {
  it('keeps floor(ratio·n) of each item in train (an item seen once goes to test)', () => {
    const log = parseInteractionsCsv(logWithItemCounts([1, 2, 4, 6, 10]));
    const s = stratifiedSplit(log, 'item', 0.75, 42);
    const trainPerItem = new Map<number, number>();
    for (const r of s.train) trainPerItem.set(log.item[r], (trainPerItem.get(log.item[r]) ?? 0) + 1);
    expect([0, 1, 2, 3, 4].map((i) => trainPerItem.get(i) ?? 0)).toEqual([0, 1, 3, 4, 7]);
    expect(s.train.length + s.test.length).toBe(log.user.length);
  });

  it('is the same for the same seed and differs for another', () => {
    const log = parseInteractionsCsv(logWithItemCounts([10, 10, 10]));
    const a = stratifiedSplit(log, 'item', 0.75, 42);
    expect(Array.from(stratifiedSplit(log, 'item', 0.75, 42).test)).toEqual(Array.from(a.test));
    expect(Array.from(stratifiedSplit(log, 'item', 0.75, 7).test)).not.toEqual(Array.from(a.test));
  });
});

describe('timeSplit', () => {
  it('trains on the earliest interactions', () => {
    const log = parseMovieLens('1\t1\t5\t30\n1\t2\t3\t10\n2\t1\t4\t20\n2\t3\t1\t40\n2\t2\t2\t50\n');
    const s = timeSplit(log, 0.6);
    expect(Array.from(s.train)).toEqual([0, 1, 2]);
    expect(Array.from(s.test)).toEqual([3, 4]);
  });
});

describe('parseSplitSpec', () => {
  it('parses the three protocols and rejects others', () => {
    expect(parseSplitSpec('stratified-item:0.75')).toEqual({ kind: 'stratified-item', ratio: 0.75 });
    expect(parseSplitSpec('time:0.8')).toEqual({ kind: 'time', ratio: 0.8 });
    expect(() => parseSplitSpec('random:0.5')).toThrow(/must be/);
    expect(() => parseSplitSpec('time:1.5')).toThrow(/must be/);
  });
});
