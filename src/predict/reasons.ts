import { describeFeature, type FeatureColumn } from '../features/index.js';

export interface Reason {
  /** feature column name; null for "no history" */
  feature: string | null;
  /** signed effect on the served value (probability points or currency) */
  effect: number;
  /** "last purchase 63 days ago: +0.21" */
  text: string;
}

/** "+0.21" / "−0.05": two decimals, sign always shown. */
export function formatEffect(v: number): string {
  const r = Math.round(v * 100) / 100;
  return `${r >= 0 ? '+' : '-'}${Math.abs(r).toFixed(2)}`;
}

/**
 * The `top` features that moved one row's prediction most, in words. `contrib` is that row's
 * contributions on the model's raw scale (TreeSHAP or coef × standardised value); `scale` converts them
 * to the served scale — for probabilities, (p − p₀)/(z − z₀), the slope of the link between the base
 * value and this row, so the effects add up to the change from the base probability.
 */
export function topReasons(o: {
  columns: FeatureColumn[];
  values: ArrayLike<number>;
  contrib: ArrayLike<number>;
  scale: number;
  top?: number;
}): Reason[] {
  const top = o.top ?? 3;
  const idx = Array.from({ length: o.columns.length }, (_, j) => j).filter((j) => o.contrib[j] !== 0);
  idx.sort((a, b) => Math.abs(o.contrib[b]) - Math.abs(o.contrib[a]) || a - b);
  return idx.slice(0, top).map((j) => {
    const effect = o.contrib[j] * o.scale;
    return {
      feature: o.columns[j].name,
      effect,
      text: `${describeFeature(o.columns[j], o.values[j])}: ${formatEffect(effect)}`,
    };
  });
}

export const NO_HISTORY: Reason = { feature: null, effect: 0, text: 'no history' };

/** Identified and active, but outside the population the model learnt from (no order yet). */
export const NO_PURCHASE_HISTORY: Reason = {
  feature: null,
  effect: 0,
  text: 'no purchase history: population average',
};
