import { invalidInput } from '../core/errors.js';
import type { Labels } from './estimator.js';
import { assertFinite, type Matrix } from './matrix.js';

/**
 * Public-method input checks shared by every estimator (sklearn's check_array / check_X_y): public
 * methods call these, private `...Unchecked` helpers assume valid input.
 */
export function checkMatrix(
  X: Matrix,
  o: { what?: string; cols?: number; allowMissing?: boolean; kind?: string } = {},
): void {
  const what = o.what ?? 'X';
  const prefix = o.kind ? `${o.kind}: ` : '';
  if (
    X === null ||
    typeof X !== 'object' ||
    !(X.data instanceof Float64Array || X.data instanceof Float32Array)
  )
    throw invalidInput(`${prefix}${what} must be a dense or CSR matrix`);
  if (X.rows === 0) throw invalidInput(`${prefix}${what} is empty: at least one row is required`);
  if (o.cols !== undefined && X.cols !== o.cols) {
    throw invalidInput(`${prefix}${what} has ${X.cols} columns, but the model was fitted with ${o.cols}`);
  }
  if (o.allowMissing) return;
  try {
    assertFinite(X, what);
  } catch (e) {
    if (prefix && e instanceof Error) e.message = prefix + e.message;
    throw e;
  }
}

/** Labels / targets: one finite number per row of X. */
export function checkTargets(y: Labels | undefined, rows: number, kind: string, what = 'y'): Float64Array {
  if (y === undefined || y === null) throw invalidInput(`${kind}: ${what} is required`);
  if (y.length !== rows)
    throw invalidInput(`${kind}: ${what} has ${y.length} entries but X has ${rows} rows`);
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) throw invalidInput(`${kind}: ${what} row ${i}: value ${v} is not finite`);
    out[i] = v;
  }
  return out;
}

/** Class labels → indices into sorted unique classes (sklearn LabelEncoder). */
export function encodeClasses(
  y: Float64Array,
  kind: string,
  minClasses = 2,
): { classes: number[]; codes: Int32Array } {
  const classes = Array.from(new Set(y)).sort((a, b) => a - b);
  if (classes.length < minClasses) {
    throw invalidInput(`${kind}: y must contain at least ${minClasses} classes; found ${classes.length}`);
  }
  const map = new Map(classes.map((c, i) => [c, i]));
  const codes = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) codes[i] = map.get(y[i])!;
  return { classes, codes };
}

/** Optional per-row weights: finite, non-negative, one per row. */
export function checkSampleWeight(
  w: ArrayLike<number> | undefined,
  rows: number,
  kind: string,
): Float64Array | undefined {
  if (w === undefined) return undefined;
  if (w.length !== rows)
    throw invalidInput(`${kind}: sampleWeight has ${w.length} entries but X has ${rows} rows`);
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    if (!(Number.isFinite(w[i]) && w[i] >= 0))
      throw invalidInput(`${kind}: sampleWeight row ${i}: value ${w[i]} must be finite and >= 0`);
    out[i] = w[i];
  }
  return out;
}
