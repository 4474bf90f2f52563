/**
 * Charts derived from a model version's stored validation metrics. Lift and the confusion matrix come
 * from the ROC curve and the validation positive rate: at an operating point (fpr, tpr) with P positives
 * and N negatives, TP = tpr·P, FP = fpr·N, and the share targeted is (TP + FP)/(P + N) (Fawcett 2006,
 * "An introduction to ROC analysis", §2 and §7); lift = precision / base rate = tpr / share targeted.
 */
export interface RocCurve {
  fpr: number[];
  tpr: number[];
}

export interface OperatingPoint {
  targeted: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  lift: number;
}

export function operatingPoints(roc: RocCurve, positiveRate: number, rows: number): OperatingPoint[] {
  const P = positiveRate * rows;
  const N = rows - P;
  const out: OperatingPoint[] = [];
  for (let i = 0; i < roc.fpr.length; i++) {
    const tp = roc.tpr[i]! * P;
    const fp = roc.fpr[i]! * N;
    const targeted = rows > 0 ? (tp + fp) / rows : 0;
    out.push({
      targeted,
      tp,
      fp,
      fn: P - tp,
      tn: N - fp,
      lift: targeted > 0 && positiveRate > 0 ? roc.tpr[i]! / targeted : Number.NaN,
    });
  }
  return out;
}
