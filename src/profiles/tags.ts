/**
 * Tags on a profile, from its feature row as of now. Each tag has a documented threshold; a tag whose
 * feature the store does not have (no discounts, no e-mail events) is simply never given.
 */
export interface TagDefinition {
  id: string;
  en: string;
  zh: string;
  /** The rule in words, shown with the tag. */
  rule: string;
}

export const TAGS: readonly TagDefinition[] = [
  { id: 'new', en: 'new', zh: '新客', rule: 'first seen at most 30 days ago' },
  {
    id: 'lapsing',
    en: 'lapsing',
    zh: '流失中',
    rule: 'at least 2 orders and silent for at least twice their usual gap between orders',
  },
  { id: 'big-spender', en: 'big spender', zh: '高消费', rule: 'total spend in the top 10% of buyers' },
  {
    id: 'discount-seeker',
    en: 'discount seeker',
    zh: '优惠敏感',
    rule: 'at least 2 orders and a discount on at least half of them',
  },
  {
    id: 'reviewer',
    en: 'reviewer',
    zh: '评论者',
    rule: "at least one 'Product Reviewed' in the last 90 days",
  },
  {
    id: 'email-engaged',
    en: 'email engaged',
    zh: '邮件活跃',
    rule: 'clicked a link in an e-mail in the last 90 days',
  },
  { id: 'one-time-buyer', en: 'one-time buyer', zh: '单次购买', rule: 'exactly one order' },
  {
    id: 'frequent-buyer',
    en: 'frequent buyer',
    zh: '高频购买',
    rule: 'at least 2 orders a month since the first',
  },
];

export const NEW_DAYS = 30;
export const LAPSING_GAP_RATIO = 2;
export const BIG_SPENDER_QUANTILE = 0.9;
export const DISCOUNT_SHARE = 0.5;

/** Feature columns by name → column index (−1 when absent). */
type ColumnOf = (name: string) => number;

/** The spend above which a buyer is a big spender: the 90th percentile of positive total spend. */
export function bigSpenderThreshold(monetary: ArrayLike<number>): number {
  const v = Array.from(monetary)
    .filter((x) => x > 0)
    .sort((a, b) => a - b);
  if (v.length === 0) return Number.POSITIVE_INFINITY;
  return v[Math.min(v.length - 1, Math.floor(BIG_SPENDER_QUANTILE * v.length))];
}

/** Tag ids for one feature row. */
export function tagsOf(row: ArrayLike<number>, col: ColumnOf, bigSpender: number): string[] {
  const get = (name: string): number => {
    const j = col(name);
    return j < 0 ? Number.NaN : row[j];
  };
  const tags: string[] = [];
  const frequency = get('frequency');
  if (get('tenure_days') <= NEW_DAYS) tags.push('new');
  if (frequency >= 2 && get('recency_over_interval') >= LAPSING_GAP_RATIO) tags.push('lapsing');
  if (get('monetary') >= bigSpender) tags.push('big-spender');
  if (frequency >= 2 && get('discount_share') >= DISCOUNT_SHARE) tags.push('discount-seeker');
  if (get('count_product_reviewed_90d') >= 1) tags.push('reviewer');
  if (get('count_email_link_clicked_90d') >= 1) tags.push('email-engaged');
  if (frequency === 1) tags.push('one-time-buyer');
  if (frequency >= 2 && get('orders_per_30_days') >= 2) tags.push('frequent-buyer');
  return tags;
}
