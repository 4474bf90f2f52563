import { invalidInput } from '../../core/errors.js';
import type { Dense } from '../matrix.js';

/**
 * Quantile histogram binning (LightGBM `bin.cpp`, GreedyFindBin in spirit): every feature is cut into at
 * most `maxBin` value bins so that a split search scans bins instead of sorted values. Bin 0 of every
 * feature is reserved for missing values (NaN), which lets each split learn where missing rows go.
 * Categorical features get one bin per category (the most frequent `maxBin` of them); unseen and rare
 * categories share bin 0 with missing values, so they follow the learned default direction.
 */
export interface FeatureBins {
  readonly categorical: boolean;
  /**
   * Numeric: upper bounds of value bins 1..k-1; a value v falls in the first bin b with v <= upper[b-1],
   * or in bin upper.length + 1 when it exceeds every bound (bounds never hold Infinity so JSON keeps them).
   */
  readonly upper: number[];
  /** Categorical: the category code held by bin b is categories[b - 1]. */
  readonly categories: number[];
}

export interface BinMapperState {
  readonly features: FeatureBins[];
}

/** Number of bins of a feature, including the missing bin 0. */
export function binCount(f: FeatureBins): number {
  return f.categorical ? f.categories.length + 1 : f.upper.length + 2;
}

/** At most this many rows are looked at to find bin bounds (LightGBM's bin_construct_sample_cnt). */
const SAMPLE_ROWS = 200_000;

export function fitBinMapper(X: Dense, maxBin: number, categorical: ReadonlySet<number>): BinMapperState {
  if (maxBin < 2 || maxBin > 255) throw invalidInput(`maxBin must be in [2, 255]; got ${maxBin}`);
  const { rows, cols, data } = X;
  const stride = Math.max(1, Math.ceil(rows / SAMPLE_ROWS));
  const features: FeatureBins[] = [];
  const values: number[] = [];
  for (let c = 0; c < cols; c++) {
    values.length = 0;
    for (let r = 0; r < rows; r += stride) {
      const v = data[r * cols + c];
      if (!Number.isNaN(v)) values.push(v);
    }
    if (categorical.has(c)) {
      features.push({ categorical: true, upper: [], categories: categoryBins(values, c, maxBin) });
    } else {
      features.push({ categorical: false, upper: numericBounds(values, maxBin), categories: [] });
    }
  }
  return { features };
}

function categoryBins(values: number[], col: number, maxBin: number): number[] {
  const counts = new Map<number, number>();
  for (const v of values) {
    if (!(Number.isInteger(v) && v >= 0)) {
      throw invalidInput(`column ${col} is categorical but holds ${v}: category codes must be integers >= 0`);
    }
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  // Most frequent first; ties by code so the bins never depend on row order.
  const cats = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map((e) => e[0]);
  return cats.slice(0, maxBin - 1).sort((a, b) => a - b);
}

function numericBounds(values: number[], maxBin: number): number[] {
  if (values.length === 0) return [];
  values.sort((a, b) => a - b);
  const distinct: number[] = [];
  const counts: number[] = [];
  for (const v of values) {
    if (distinct.length > 0 && distinct[distinct.length - 1] === v) counts[counts.length - 1]++;
    else {
      distinct.push(v);
      counts.push(1);
    }
  }
  const valueBins = maxBin - 1; // bin 0 is the missing bin
  const upper: number[] = [];
  if (distinct.length <= valueBins) {
    for (let i = 0; i + 1 < distinct.length; i++) upper.push(midpoint(distinct[i], distinct[i + 1]));
    return upper;
  }
  // Equal-frequency cuts over the distinct values: close a bin once it holds its share of the rows
  // still to be binned, so one very frequent value cannot swallow the bins that follow it.
  let remaining = values.length;
  let binsLeft = valueBins;
  let acc = 0;
  for (let i = 0; i + 1 < distinct.length && binsLeft > 1; i++) {
    acc += counts[i];
    const share = remaining / binsLeft;
    if (acc >= share || acc + counts[i + 1] / 2 > share) {
      upper.push(midpoint(distinct[i], distinct[i + 1]));
      remaining -= acc;
      binsLeft--;
      acc = 0;
    }
  }
  return upper;
}

function midpoint(a: number, b: number): number {
  const m = a + (b - a) / 2;
  // Guard against rounding onto b: values equal to b must land in the upper bin.
  return m >= b ? a : m;
}

/** Bin of one value; NaN and unseen categories go to bin 0. */
export function valueToBin(f: FeatureBins, v: number): number {
  if (Number.isNaN(v)) return 0;
  if (f.categorical) {
    const cats = f.categories;
    let lo = 0;
    let hi = cats.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cats[mid] === v) return mid + 1;
      if (cats[mid] < v) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }
  const up = f.upper;
  let lo = 0;
  let hi = up.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= up[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo + 1;
}

/** Binned matrix, column-major: bin of row r, feature f at `bins[f * rows + r]`. */
export interface BinnedMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly bins: Uint8Array;
}

export function binMatrix(mapper: BinMapperState, X: Dense): BinnedMatrix {
  const { rows, cols, data } = X;
  if (cols !== mapper.features.length) {
    throw invalidInput(`X has ${cols} columns but the model was fitted on ${mapper.features.length}`);
  }
  const bins = new Uint8Array(rows * cols);
  for (let c = 0; c < cols; c++) {
    const f = mapper.features[c];
    const base = c * rows;
    for (let r = 0; r < rows; r++) bins[base + r] = valueToBin(f, data[r * cols + c]);
  }
  return { rows, cols, bins };
}
