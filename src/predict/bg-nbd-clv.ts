import { columnIndex, type FeatureMatrix } from '../features/index.js';
import { BgNbd, GammaGamma, type RfmSummary } from '../ml/probabilistic/index.js';

/** (x, tx, T) in days and mean order value from feature columns: repeat orders, last one, first one. */
export function rfmSummary(m: FeatureMatrix): RfmSummary & { spend: Float64Array } {
  const freq = columnIndex(m, 'frequency');
  const rec = columnIndex(m, 'recency_days');
  const first = columnIndex(m, 'days_since_first_order');
  const aov = columnIndex(m, 'avg_order_value');
  const x = new Float64Array(m.rows);
  const tx = new Float64Array(m.rows);
  const T = new Float64Array(m.rows);
  const spend = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) {
    const o = i * m.cols;
    const f = m.data[o + freq];
    T[i] = Number.isNaN(m.data[o + first]) ? 0 : m.data[o + first];
    x[i] = f >= 1 ? f - 1 : 0;
    tx[i] = x[i] > 0 ? Math.max(0, T[i] - m.data[o + rec]) : 0;
    spend[i] = Number.isNaN(m.data[o + aov]) ? 0 : m.data[o + aov];
  }
  return { x, tx, T, spend };
}

/** Spend over the next `horizonDays`: BG/NBD expected orders × Gamma-Gamma expected order value. */
export function bgNbdClv(train: FeatureMatrix, test: FeatureMatrix, horizonDays: number): Float64Array {
  const a = rfmSummary(train);
  const bg = new BgNbd().fit(a);
  const gg = new GammaGamma().fit(a.x, a.spend);
  const b = rfmSummary(test);
  const orders = bg.expectedPurchases(horizonDays, b);
  const value = gg.expectedSpend(b.x, b.spend);
  return orders.map((v, i) => v * value[i]);
}
