/**
 * RFM segments as marketers know them, from quintile scores 1-5 of recency (recent = 5), frequency and
 * monetary value among customers with at least one order.
 *
 * The usual 11-segment RFM grid (R against the rounded mean of F and M) collapsed to 8: Promising joins
 * New, Need attention joins Potential loyalists, About to sleep joins Hibernating. Rows are R 5→1,
 * columns FM 1→5:
 *
 *   R\FM   1            2            3            4         5
 *   5      New          Potential    Potential    Champions Champions
 *   4      New          Potential    Potential    Loyal     Champions
 *   3      Hibernating  Hibernating  Potential    Loyal     Loyal
 *   2      Hibernating  Hibernating  At risk      At risk   Can't lose them
 *   1      Lost         Lost         Hibernating  At risk   Can't lose them
 */
export type RfmSegment =
  | 'champions'
  | 'loyal'
  | 'potential_loyalists'
  | 'new'
  | 'at_risk'
  | 'cant_lose_them'
  | 'hibernating'
  | 'lost';

export const RFM_SEGMENTS: readonly RfmSegment[] = [
  'champions',
  'loyal',
  'potential_loyalists',
  'new',
  'at_risk',
  'cant_lose_them',
  'hibernating',
  'lost',
];

export const RFM_LABELS: Record<
  RfmSegment,
  { en: string; zh: string; descriptionEn: string; descriptionZh: string }
> = {
  champions: {
    en: 'Champions',
    zh: '冠军客户',
    descriptionEn: 'bought recently, buy often and spend the most',
    descriptionZh: '最近购买过，购买频繁且消费最高',
  },
  loyal: {
    en: 'Loyal',
    zh: '忠诚客户',
    descriptionEn: 'buy regularly and spend well',
    descriptionZh: '定期购买，消费可观',
  },
  potential_loyalists: {
    en: 'Potential loyalists',
    zh: '潜力客户',
    descriptionEn: 'recent customers with average frequency and spend',
    descriptionZh: '近期购买，频次和消费处于中等水平',
  },
  new: {
    en: 'New',
    zh: '新客户',
    descriptionEn: 'bought recently, but only once or twice',
    descriptionZh: '最近购买，但仅购买过一两次',
  },
  at_risk: {
    en: 'At risk',
    zh: '流失风险客户',
    descriptionEn: 'used to buy often but have not bought for a while',
    descriptionZh: '曾经经常购买，但已有一段时间没有购买',
  },
  cant_lose_them: {
    en: "Can't lose them",
    zh: '不能失去的客户',
    descriptionEn: 'the biggest spenders of the past, gone quiet',
    descriptionZh: '过去消费最高的客户，近来沉寂',
  },
  hibernating: {
    en: 'Hibernating',
    zh: '沉睡客户',
    descriptionEn: 'low spend, low frequency, last bought long ago',
    descriptionZh: '消费低、频次低，上次购买已久',
  },
  lost: {
    en: 'Lost',
    zh: '已流失客户',
    descriptionEn: 'lowest recency, frequency and spend',
    descriptionZh: '最近度、频次和消费均最低',
  },
};

const GRID: RfmSegment[][] = [
  // R = 1
  ['lost', 'lost', 'hibernating', 'at_risk', 'cant_lose_them'],
  // R = 2
  ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose_them'],
  // R = 3
  ['hibernating', 'hibernating', 'potential_loyalists', 'loyal', 'loyal'],
  // R = 4
  ['new', 'potential_loyalists', 'potential_loyalists', 'loyal', 'champions'],
  // R = 5
  ['new', 'potential_loyalists', 'potential_loyalists', 'champions', 'champions'],
];

/** The segment of one customer's scores (each 1-5); FM is the mean of F and M rounded half up. */
export function rfmSegmentOf(r: number, f: number, m: number): RfmSegment {
  for (const [name, s] of [
    ['r', r],
    ['f', f],
    ['m', m],
  ] as const) {
    if (!Number.isInteger(s) || s < 1 || s > 5) throw new RangeError(`${name} score must be 1-5; got ${s}`);
  }
  const fm = Math.floor((f + m) / 2 + 0.5);
  return GRID[r - 1][fm - 1];
}

/**
 * Quintile scores 1-5 by rank; ties share the score of their mean rank, so equal values always score
 * the same (many customers with exactly one order all get the same F). `higherIsBetter` false scores
 * small values 5 (recency in days).
 */
export function quintileScores(values: Float64Array, higherIsBetter = true): Int32Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const out = new Int32Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const meanRank = (i + j) / 2;
    const q = Math.min(5, 1 + Math.floor((5 * meanRank) / n));
    for (let k = i; k <= j; k++) out[order[k]] = higherIsBetter ? q : 6 - q;
    i = j + 1;
  }
  return out;
}

export interface RfmAssignment {
  r: Int32Array;
  f: Int32Array;
  m: Int32Array;
  segments: RfmSegment[];
}

/** Scores and segments for customers (rows) with recency in days, order count and total spend. */
export function assignRfm(
  recencyDays: Float64Array,
  frequency: Float64Array,
  monetary: Float64Array,
): RfmAssignment {
  const r = quintileScores(recencyDays, false);
  const f = quintileScores(frequency);
  const m = quintileScores(monetary);
  const segments = Array.from(r, (_, i) => rfmSegmentOf(r[i], f[i], m[i]));
  return { r, f, m, segments };
}
