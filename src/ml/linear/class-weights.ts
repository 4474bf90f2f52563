import { invalidInput } from '../../core/errors.js';

/**
 * Per-row weights = sampleWeight × class weight. 'balanced' gives class k the weight n / (K · n_k)
 * (King & Zeng 2001, as sklearn's compute_class_weight); an array gives one weight per sorted class.
 */
export function rowWeights(
  codes: Int32Array,
  K: number,
  classWeight: 'balanced' | readonly number[] | null,
  sampleWeight: Float64Array | undefined,
): Float64Array | undefined {
  if (classWeight === null) return sampleWeight;
  let cw: number[];
  if (classWeight === 'balanced') {
    const counts = new Array<number>(K).fill(0);
    for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
    cw = counts.map((c) => codes.length / (K * c));
  } else {
    if (classWeight.length !== K)
      throw invalidInput(`classWeight has ${classWeight.length} entries but y has ${K} classes`);
    cw = [...classWeight];
  }
  const out = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = cw[codes[i]] * (sampleWeight ? sampleWeight[i] : 1);
  return out;
}

export function checkIntegerClasses(classes: number[], kind: string): void {
  for (const c of classes)
    if (!Number.isInteger(c) || Math.abs(c) > 2 ** 31 - 1)
      throw invalidInput(`${kind}: class label ${c} must be an integer (encode labels first)`);
}

export function checkClassWeightParam(v: unknown, kind: string): void {
  if (v === null || v === 'balanced') return;
  if (Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0)) return;
  throw invalidInput(
    `${kind}: parameter 'classWeight' must be null, 'balanced' or an array of non-negative numbers`,
  );
}
