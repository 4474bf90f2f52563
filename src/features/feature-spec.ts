/**
 * What one feature matrix contains. A spec is data: a trained model stores the spec it was trained on
 * and scoring rebuilds exactly the same columns from it, so training and serving cannot drift apart.
 */
export interface FeatureSpec {
  /** Window lengths in days for the per-event-type counts and the revenue sums. */
  windowsDays: number[];
  /** Event names counted per window (`page` counts page messages). */
  eventNames: string[];
  /** Categories that get an affinity share column (share of order-line spend). */
  categories: string[];
  /** Plain traits one-hot encoded over the listed values (others and missing give all zeros). */
  categoricalTraits: Record<string, string[]>;
  /** Plain traits read as numbers (NaN when missing or not numeric). */
  numericTraits: string[];
  /** Extra order-count/revenue windows in days before the cut-off (seasonality, long history). */
  orderWindows: { startDaysAgo: number; endDaysAgo: number }[];
}

/**
 * Last 180 and 365 days, and the 90 days that began a year before the cut-off: what the customer did in
 * the season ahead last year (Online Retail's Christmas trade, the demo shop's Singles' Day).
 */
export const DEFAULT_ORDER_WINDOWS = [
  { startDaysAgo: 180, endDaysAgo: 0 },
  { startDaysAgo: 365, endDaysAgo: 0 },
  { startDaysAgo: 365, endDaysAgo: 275 },
];

function windowLabel(w: { startDaysAgo: number; endDaysAgo: number }): string {
  return w.endDaysAgo === 0
    ? `in the last ${w.startDaysAgo} days`
    : `between ${w.startDaysAgo} and ${w.endDaysAgo} days ago`;
}

export const DEFAULT_WINDOWS_DAYS = [7, 30, 90];

/** The Segment e-commerce and email events Osprey's sources send (DESIGN.md, "Interfaces users touch"). */
export const DEFAULT_EVENT_NAMES = [
  'page',
  'Products Searched',
  'Product Viewed',
  'Product Added',
  'Checkout Started',
  'Order Completed',
  'Order Refunded',
  'Product Reviewed',
  'Email Opened',
  'Email Link Clicked',
];

export const DEFAULT_NUMERIC_TRAITS = ['age'];
export const DEFAULT_CATEGORICAL_TRAITS = ['gender', 'country', 'language'];

/** How a column's value reads in words: the unit picks the number format in explanations. */
export type FeatureUnit = 'days' | 'count' | 'money' | 'share' | 'number' | 'flag';

export interface FeatureColumn {
  name: string;
  /** Template with `{value}`: "last purchase {value} days ago". */
  description: string;
  unit: FeatureUnit;
}

/** lower_snake form of a label, for column names: "Order Completed" → "order_completed". */
export function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9\u4e00-\u9fff]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'x'
  );
}

/** The columns a spec produces, in matrix order. */
export function featureColumns(spec: FeatureSpec): FeatureColumn[] {
  const cols: FeatureColumn[] = [
    { name: 'recency_days', description: 'last purchase {value} days ago', unit: 'days' },
    { name: 'days_since_last_event', description: 'last activity {value} days ago', unit: 'days' },
    { name: 'frequency', description: '{value} orders', unit: 'count' },
    { name: 'monetary', description: 'spent {value} in total', unit: 'money' },
    { name: 'avg_order_value', description: 'average order {value}', unit: 'money' },
    { name: 'tenure_days', description: 'first seen {value} days ago', unit: 'days' },
    { name: 'days_since_first_order', description: 'first purchase {value} days ago', unit: 'days' },
    { name: 'days_between_orders', description: 'buys every {value} days', unit: 'days' },
    { name: 'orders_per_30_days', description: '{value} orders a month since the first one', unit: 'number' },
    {
      name: 'recency_over_interval',
      description: 'silent for {value}× the usual gap between orders',
      unit: 'number',
    },
    { name: 'refunds', description: '{value} refunds', unit: 'count' },
    { name: 'discount_share', description: '{value} of orders used a discount', unit: 'share' },
    { name: 'discount_total', description: 'discounts worth {value}', unit: 'money' },
    { name: 'active_days', description: 'active on {value} days (sessions)', unit: 'count' },
    { name: 'distinct_items', description: 'bought {value} different items', unit: 'count' },
    { name: 'distinct_categories', description: 'bought in {value} categories', unit: 'count' },
  ];
  for (const name of spec.eventNames) {
    for (const w of spec.windowsDays) {
      const what = name === 'page' ? 'page views' : `'${name}' events`;
      cols.push({
        name: `count_${slug(name)}_${w}d`,
        description: `{value} ${what} in the last ${w} days`,
        unit: 'count',
      });
    }
  }
  for (const w of spec.windowsDays) {
    cols.push({ name: `revenue_${w}d`, description: `spent {value} in the last ${w} days`, unit: 'money' });
  }
  for (const w of spec.orderWindows) {
    const id = w.endDaysAgo === 0 ? `${w.startDaysAgo}d` : `${w.startDaysAgo}_${w.endDaysAgo}d_ago`;
    cols.push({ name: `orders_${id}`, description: `{value} orders ${windowLabel(w)}`, unit: 'count' });
    cols.push({ name: `revenue_${id}`, description: `spent {value} ${windowLabel(w)}`, unit: 'money' });
  }
  const lastWindow = Math.max(...spec.windowsDays);
  if (spec.eventNames.includes('Email Opened') && spec.eventNames.includes('Email Link Clicked')) {
    cols.push({
      name: `email_click_rate_${lastWindow}d`,
      description: `clicked {value} of opened emails in the last ${lastWindow} days`,
      unit: 'share',
    });
  }
  for (const c of spec.categories) {
    cols.push({ name: `share_${slug(c)}`, description: `{value} of spending on ${c}`, unit: 'share' });
  }
  for (const t of spec.numericTraits)
    cols.push({ name: `trait_${slug(t)}`, description: `${t} {value}`, unit: 'number' });
  for (const [t, values] of Object.entries(spec.categoricalTraits)) {
    for (const v of values) {
      cols.push({ name: `trait_${slug(t)}_${slug(v)}`, description: `${t} is ${v}`, unit: 'flag' });
    }
  }
  return cols;
}

/** The column's description with its value filled in: "last purchase 63 days ago". */
export function describeFeature(col: FeatureColumn, value: number): string {
  if (col.unit === 'flag') return value >= 0.5 ? col.description : `not: ${col.description}`;
  let v: string;
  if (Number.isNaN(value)) {
    if (col.unit === 'days' && col.name === 'recency_days') return 'never purchased';
    v = 'unknown';
  } else if (col.unit === 'share') v = `${Math.round(value * 100)}%`;
  else if (col.unit === 'money') v = value.toFixed(2);
  else if (col.unit === 'days' || col.unit === 'count') v = String(Math.round(value));
  else v = String(Math.round(value * 100) / 100);
  return col.description.replace('{value}', v);
}
