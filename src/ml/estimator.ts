import { notFitted, OspreyError } from '../core/errors.js';
import type { Csr, Dense, Matrix } from './matrix.js';

/** Options every `fit` accepts. */
export interface FitOptions {
  signal?: AbortSignal;
  /** Called with progress in [0, 1] and an optional message. */
  onProgress?: (fraction: number, message?: string) => void;
  /** Worker threads to use; defaults to the number of cores. Never changes the result. */
  threads?: number;
}

/** Serialised model: data only, no code. `fromJSON(toJSON(m))` predicts exactly what `m` predicts. */
export interface ModelArtifact<P = unknown, F = unknown> {
  kind: string;
  version: number;
  params: P;
  fitted: F;
}

export type Labels = Float64Array | Int32Array | ArrayLike<number>;

export interface Estimator<P, F> {
  readonly params: Readonly<P>;
  readonly fitted: F;
  toJSON(): ModelArtifact<P, F>;
}

export interface Classifier<P, F> extends Estimator<P, F> {
  fit(X: Matrix, y: Labels, o?: FitOptions): this;
  predict(X: Matrix): Int32Array;
  /** rows × nClasses probabilities. */
  predictProba(X: Matrix): Dense;
}

export interface Regressor<P, F> extends Estimator<P, F> {
  fit(X: Matrix, y: Labels, o?: FitOptions): this;
  predict(X: Matrix): Float64Array;
}

export interface Clusterer<P, F> extends Estimator<P, F> {
  fit(X: Matrix, y?: Labels, o?: FitOptions): this;
  predict(X: Matrix): Int32Array;
}

export interface Transformer<P, F> extends Estimator<P, F> {
  fit(X: Matrix, y?: Labels, o?: FitOptions): this;
  transform(X: Matrix): Dense;
}

export interface TopK {
  /** rows × n item indices, -1 where fewer than n were available. */
  readonly items: Int32Array;
  readonly scores: Float64Array;
  readonly n: number;
}

export interface Recommender<P, F> extends Estimator<P, F> {
  /** Fit on a user × item CSR matrix whose values are interaction weights. */
  fit(X: Csr, y?: Labels, o?: FitOptions): this;
  recommend(users: Int32Array, n: number, o?: { exclude?: Csr; items?: Int32Array }): TopK;
  similarItems(items: Int32Array, n: number): TopK;
}

/** Declared allowed values of one hyper-parameter, checked when `fit` runs (sklearn's _parameter_constraints). */
export type ParamRule =
  | {
      type: 'number';
      min?: number;
      max?: number;
      integer?: boolean;
      exclusiveMin?: boolean;
      nullable?: boolean;
    }
  | { type: 'enum'; values: readonly (string | number | boolean | null)[] }
  | { type: 'boolean' }
  | { type: 'any' };

export type ParamTable<P> = { [K in keyof P]-?: ParamRule };

/** Validate params against the declared table; throws INVALID_INPUT naming the parameter. */
export function validateParams<P extends object>(kind: string, params: P, table: ParamTable<P>): void {
  for (const key of Object.keys(params) as (keyof P)[]) {
    if (!(key in table))
      throw new OspreyError('INVALID_INPUT', `${kind}: unknown parameter '${String(key)}'`);
  }
  for (const key of Object.keys(table) as (keyof P)[]) {
    const rule = table[key];
    const v = params[key] as unknown;
    const name = `${kind}: parameter '${String(key)}'`;
    if (rule.type === 'any') continue;
    if (rule.type === 'enum') {
      if (!rule.values.includes(v as string)) {
        throw new OspreyError(
          'INVALID_INPUT',
          `${name} must be one of ${rule.values.join(', ')}; got ${String(v)}`,
        );
      }
      continue;
    }
    if (rule.type === 'boolean') {
      if (typeof v !== 'boolean') throw new OspreyError('INVALID_INPUT', `${name} must be true or false`);
      continue;
    }
    if (v === null && rule.nullable) continue;
    if (typeof v !== 'number' || Number.isNaN(v)) {
      throw new OspreyError('INVALID_INPUT', `${name} must be a number; got ${String(v)}`);
    }
    if (rule.integer && !Number.isInteger(v))
      throw new OspreyError('INVALID_INPUT', `${name} must be an integer`);
    if (rule.min !== undefined && (rule.exclusiveMin ? v <= rule.min : v < rule.min)) {
      throw new OspreyError(
        'INVALID_INPUT',
        `${name} must be ${rule.exclusiveMin ? '>' : '>='} ${rule.min}; got ${v}`,
      );
    }
    if (rule.max !== undefined && v > rule.max) {
      throw new OspreyError('INVALID_INPUT', `${name} must be <= ${rule.max}; got ${v}`);
    }
  }
}

/** Guard for learned state: throws NOT_FITTED when the estimator has not been fitted. */
export function requireFitted<F>(fitted: F | undefined, kind: string): F {
  if (fitted === undefined) throw notFitted(kind);
  return fitted;
}
