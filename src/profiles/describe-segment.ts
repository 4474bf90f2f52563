/**
 * Names and one-sentence descriptions of a cluster, in English and Simplified Chinese, from the features
 * in which its centroid stands out most from the whole customer base: z-score of the centroid against
 * the base mean and standard deviation picks the features; money is phrased as a ratio to the base
 * median ("spend 4.2× the median" / "消费额为中位数的4.2倍"), intervals and recency in days.
 */
export interface BaseStats {
  names: string[];
  mean: Float64Array;
  std: Float64Array;
  median: Float64Array;
}

export interface Standout {
  feature: string;
  /** (centroid − base mean) / base std */
  z: number;
  centroid: number;
  median: number;
}

export interface SegmentDescription {
  name: { en: string; zh: string };
  description: { en: string; zh: string };
  standouts: Standout[];
}

/** Features a sentence can be made of, with their phrasing in both languages. */
interface Phrase {
  en(s: Standout): string;
  zh(s: Standout): string;
}

function ratio(s: Standout): string {
  if (!(s.median > 0)) return '—';
  const r = s.centroid / s.median;
  return r >= 10 ? String(Math.round(r)) : r.toFixed(1);
}
const days = (v: number): string => String(Math.max(0, Math.round(v)));
const pct = (v: number): string => `${Math.round(v * 100)}%`;
const num = (v: number): string =>
  Math.abs(v) >= 10 ? String(Math.round(v)) : String(Math.round(v * 10) / 10);

const PHRASES: Record<string, Phrase> = {
  monetary: { en: (s) => `spend ${ratio(s)}× the median`, zh: (s) => `消费额为中位数的${ratio(s)}倍` },
  days_between_orders: {
    en: (s) => `buy every ${days(s.centroid)} days`,
    zh: (s) => `平均每${days(s.centroid)}天购买一次`,
  },
  recency_days: {
    en: (s) => `last bought ${days(s.centroid)} days ago`,
    zh: (s) => `最近一次购买在${days(s.centroid)}天前`,
  },
  frequency: { en: (s) => `place ${num(s.centroid)} orders`, zh: (s) => `平均下单${num(s.centroid)}次` },
  avg_order_value: {
    en: (s) => `spend ${ratio(s)}× the median per order`,
    zh: (s) => `客单价为中位数的${ratio(s)}倍`,
  },
  discount_share: {
    en: (s) => `use a discount on ${pct(s.centroid)} of orders`,
    zh: (s) => `${pct(s.centroid)}的订单使用了优惠`,
  },
  tenure_days: {
    en: (s) => `first seen ${days(s.centroid)} days ago`,
    zh: (s) => `${days(s.centroid)}天前首次到访`,
  },
  active_days: { en: (s) => `visit on ${num(s.centroid)} days`, zh: (s) => `共有${num(s.centroid)}天访问` },
  distinct_categories: {
    en: (s) => `shop in ${num(s.centroid)} categories`,
    zh: (s) => `在${num(s.centroid)}个品类购物`,
  },
};

function phraseFor(feature: string): Phrase | undefined {
  const p = PHRASES[feature];
  if (p) return p;
  if (feature.startsWith('share_')) {
    const cat = feature.slice('share_'.length).replace(/_/g, ' ');
    return {
      en: (s) => `spend ${pct(s.centroid)} of their money on ${cat}`,
      zh: (s) => `${pct(s.centroid)}的消费用于“${cat}”品类`,
    };
  }
  return undefined;
}

const has = (list: Standout[], f: string, sign: 1 | -1, minZ = 0.5): boolean =>
  list.some((s) => s.feature === f && s.z * sign >= minZ);

/** The cluster's name from its strongest signals, most specific first. */
function nameOf(all: Standout[]): { en: string; zh: string } {
  const category = all.find((s) => s.feature.startsWith('share_') && s.z >= 1 && s.centroid >= 0.3);
  if (has(all, 'monetary', 1) && (has(all, 'frequency', 1) || has(all, 'days_between_orders', -1, 0.3))) {
    return { en: 'High-value loyalists', zh: '高价值忠诚客户' };
  }
  if (has(all, 'recency_days', 1, 0.8)) {
    return has(all, 'frequency', 1, 0.2)
      ? { en: 'Lapsing regulars', zh: '流失中的老客户' }
      : { en: 'Lapsed customers', zh: '已流失客户' };
  }
  if (has(all, 'monetary', 1) || has(all, 'avg_order_value', 1))
    return { en: 'Big spenders', zh: '高消费客户' };
  if (has(all, 'tenure_days', -1, 0.8)) return { en: 'Newcomers', zh: '新客户' };
  if (has(all, 'discount_share', 1, 0.8)) return { en: 'Bargain hunters', zh: '优惠敏感客户' };
  if (category) {
    const cat = category.feature.slice('share_'.length).replace(/_/g, ' ');
    const title = cat.charAt(0).toUpperCase() + cat.slice(1);
    return { en: `${title} fans`, zh: `“${cat}”爱好者` };
  }
  if (has(all, 'frequency', 1)) return { en: 'Frequent shoppers', zh: '高频购物客户' };
  if (has(all, 'monetary', -1, 0.3)) return { en: 'Occasional shoppers', zh: '偶尔购物的客户' };
  return { en: 'Typical customers', zh: '普通客户' };
}

/**
 * Describe one centroid (raw feature units, NaN-free means of the members) against the base statistics.
 * Only features with a phrase are used; the two that stand out most (|z| ≥ 0.25) make the sentence.
 */
export function describeSegment(centroid: Float64Array, base: BaseStats): SegmentDescription {
  const all: Standout[] = [];
  base.names.forEach((feature, j) => {
    if (!phraseFor(feature)) return;
    const c = centroid[j];
    const sd = base.std[j];
    if (!Number.isFinite(c) || !(sd > 0)) return;
    all.push({ feature, z: (c - base.mean[j]) / sd, centroid: c, median: base.median[j] });
  });
  all.sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || (a.feature < b.feature ? -1 : 1));
  const name = nameOf(all);
  const top = all.filter((s) => Math.abs(s.z) >= 0.25).slice(0, 2);
  const picked = top.length > 0 ? top : all.slice(0, 1);
  const en = picked.map((s) => phraseFor(s.feature)!.en(s));
  const zh = picked.map((s) => phraseFor(s.feature)!.zh(s));
  return {
    name,
    description: {
      en: en.length > 0 ? `${name.en} — ${en.join(' and ')}` : name.en,
      zh: zh.length > 0 ? `${name.zh} — ${zh.join('，')}` : name.zh,
    },
    standouts: picked,
  };
}

/** Make names unique across a set of segments ("Big spenders", "Big spenders 2"; "高消费客户", "高消费客户2"). */
export function uniqueNames(names: { en: string; zh: string }[]): { en: string; zh: string }[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = (seen.get(n.en) ?? 0) + 1;
    seen.set(n.en, k);
    return k === 1 ? n : { en: `${n.en} ${k}`, zh: `${n.zh}${k}` };
  });
}
