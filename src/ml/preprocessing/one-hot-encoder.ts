import { invalidInput } from '../../core/errors.js';
import { type ModelArtifact, type ParamTable, requireFitted, validateParams } from '../estimator.js';
import type { Csr, Dense } from '../matrix.js';

/** Raw categorical table: rows of values; `null`/`undefined` is its own category ("missing"). */
export type CategoricalRows = ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>;

/** Category key of a raw value; null/undefined map to the missing category. */
export const MISSING_CATEGORY = '\u0000missing';
export const categoryKey = (v: string | number | boolean | null | undefined): string =>
  v === null || v === undefined ? MISSING_CATEGORY : String(v);

/** Learn sorted categories per column (sklearn sorts; the missing category sorts last). */
export function learnCategories(X: CategoricalRows, kind: string): { cols: number; categories: string[][] } {
  if (!Array.isArray(X) || X.length === 0)
    throw invalidInput(`${kind}: X is empty: at least one row is required`);
  const cols = X[0].length;
  if (cols === 0) throw invalidInput(`${kind}: X has no columns`);
  const sets = Array.from({ length: cols }, () => new Set<string>());
  for (let r = 0; r < X.length; r++) {
    const row = X[r];
    if (row.length !== cols)
      throw invalidInput(`${kind}: X row ${r} has ${row.length} columns, expected ${cols}`);
    for (let c = 0; c < cols; c++) sets[c].add(categoryKey(row[c]));
  }
  const order = (a: string, b: string): number =>
    a === MISSING_CATEGORY ? 1 : b === MISSING_CATEGORY ? -1 : a < b ? -1 : a > b ? 1 : 0;
  return { cols, categories: sets.map((s) => Array.from(s).sort(order)) };
}

export function checkCategoricalRows(X: CategoricalRows, cols: number, kind: string): void {
  if (!Array.isArray(X) || X.length === 0)
    throw invalidInput(`${kind}: X is empty: at least one row is required`);
  for (let r = 0; r < X.length; r++)
    if (X[r].length !== cols)
      throw invalidInput(
        `${kind}: X row ${r} has ${X[r].length} columns, but the encoder was fitted with ${cols}`,
      );
}

export interface OneHotEncoderParams {
  /** 'error': an unseen category is INVALID_INPUT naming row and column; 'ignore': encoded as all zeros. */
  handleUnknown: 'error' | 'ignore';
  /** Drop the first category of each column (for unpenalised linear models). */
  dropFirst: boolean;
}
export interface OneHotEncoderFitted {
  cols: number;
  categories: string[][];
  /** First output column of each input column. */
  offsets: number[];
  outputCols: number;
}

/** One output column per (input column, category), as sklearn OneHotEncoder / pandas get_dummies. */
export class OneHotEncoder {
  static readonly kind = 'OneHotEncoder';
  static readonly paramTable: ParamTable<OneHotEncoderParams> = {
    handleUnknown: { type: 'enum', values: ['error', 'ignore'] },
    dropFirst: { type: 'boolean' },
  };
  readonly params: Readonly<OneHotEncoderParams>;
  private state?: OneHotEncoderFitted;

  constructor(params: Partial<OneHotEncoderParams> = {}) {
    this.params = { handleUnknown: 'ignore', dropFirst: false, ...params };
  }

  get fitted(): OneHotEncoderFitted {
    return requireFitted(this.state, OneHotEncoder.kind);
  }

  fit(X: CategoricalRows): this {
    validateParams(OneHotEncoder.kind, this.params, OneHotEncoder.paramTable);
    const { cols, categories } = learnCategories(X, OneHotEncoder.kind);
    const offsets: number[] = [];
    let out = 0;
    for (const cats of categories) {
      offsets.push(out);
      out += cats.length - (this.params.dropFirst ? 1 : 0);
    }
    this.state = { cols, categories, offsets, outputCols: out };
    return this;
  }

  /** Sparse one-hot matrix (at most one stored 1 per input column and row). */
  transform(X: CategoricalRows): Csr {
    const f = this.fitted;
    checkCategoricalRows(X, f.cols, OneHotEncoder.kind);
    const lookups = f.categories.map((cats) => new Map(cats.map((c, i) => [c, i])));
    const indptr = new Int32Array(X.length + 1);
    const idx: number[] = [];
    const drop = this.params.dropFirst ? 1 : 0;
    for (let r = 0; r < X.length; r++) {
      for (let c = 0; c < f.cols; c++) {
        const k = lookups[c].get(categoryKey(X[r][c]));
        if (k === undefined) {
          if (this.params.handleUnknown === 'error')
            throw invalidInput(
              `OneHotEncoder: X row ${r}, column ${c}: unseen category '${String(X[r][c])}'`,
            );
          continue;
        }
        if (k - drop >= 0) idx.push(f.offsets[c] + k - drop);
      }
      indptr[r + 1] = idx.length;
    }
    return {
      rows: X.length,
      cols: f.outputCols,
      indptr,
      indices: Int32Array.from(idx),
      data: new Float64Array(idx.length).fill(1),
    };
  }

  transformDense(X: CategoricalRows): Dense {
    const s = this.transform(X);
    const data = new Float64Array(s.rows * s.cols);
    for (let r = 0; r < s.rows; r++)
      for (let k = s.indptr[r]; k < s.indptr[r + 1]; k++) data[r * s.cols + s.indices[k]] = 1;
    return { rows: s.rows, cols: s.cols, data };
  }

  /** Output names `${input}_${category}` (pandas get_dummies style). */
  featureNames(inputNames?: readonly string[]): string[] {
    const f = this.fitted;
    const names: string[] = [];
    f.categories.forEach((cats, c) => {
      const base = inputNames?.[c] ?? `x${c}`;
      cats.forEach((cat, k) => {
        if (k >= (this.params.dropFirst ? 1 : 0))
          names.push(`${base}_${cat === MISSING_CATEGORY ? 'missing' : cat}`);
      });
    });
    return names;
  }

  toJSON(): ModelArtifact<OneHotEncoderParams, OneHotEncoderFitted> {
    return { kind: OneHotEncoder.kind, version: 1, params: { ...this.params }, fitted: this.fitted };
  }

  static fromJSON(a: ModelArtifact): OneHotEncoder {
    const m = new OneHotEncoder(a.params as OneHotEncoderParams);
    m.state = a.fitted as OneHotEncoderFitted;
    return m;
  }
}
