import { describe, expect, it } from 'vitest';
import { operatingPoints } from './model-charts';

describe('operatingPoints', () => {
  it('turns ROC points into confusion counts and lift (hand-computed)', () => {
    // 100 rows, 20 positives. At (fpr 0.1, tpr 0.5): TP 10, FP 8, FN 10, TN 72, targeted 18%,
    // precision 10/18 = 0.5556, lift = 0.5556 / 0.2 = 2.7778 = 0.5 / 0.18.
    const [a, b, c] = operatingPoints({ fpr: [0, 0.1, 1], tpr: [0, 0.5, 1] }, 0.2, 100);
    expect(a!.targeted).toBe(0);
    expect(Number.isNaN(a!.lift)).toBe(true);
    expect(b!.tp).toBeCloseTo(10);
    expect(b!.fp).toBeCloseTo(8);
    expect(b!.fn).toBeCloseTo(10);
    expect(b!.tn).toBeCloseTo(72);
    expect(b!.targeted).toBeCloseTo(0.18);
    expect(b!.lift).toBeCloseTo(2.7778, 4);
    // Targeting everyone: lift 1.
    expect(c!.lift).toBeCloseTo(1);
  });
});
