import { invalidInput, OspreyError } from '../core/errors.js';
import type { FitOptions, ModelArtifact, ParamTable, TopK } from '../ml/estimator.js';
import { requireFitted, validateParams } from '../ml/estimator.js';
import type { Csr } from '../ml/matrix.js';
import { TopNHeap } from './top-n.js';

/**
 * The one recommender base (after `implicit`'s recommender_base.py): subclasses only learn and score;
 * top-n selection, exclusion of seen items, candidate restriction, cold-user fallback,
 * `similarItems` over item vectors and the JSON round trip are implemented once, here.
 *
 * Input: a user × item CSR matrix of non-negative interaction weights. How weights are made
 * (event type: view < add to cart < purchase; recency decay) is the caller's concern — any
 * weighting plugs in by changing the values of this matrix.
 */

/** Typed arrays become plain number arrays in the serialised form; everything else is unchanged. */
export type Plain<T> = T extends Float64Array | Float32Array | Int32Array | Uint8Array
  ? ArrayLike<number>
  : T extends readonly (infer U)[]
    ? Plain<U>[]
    : T extends object
      ? { [K in keyof T]: Plain<T[K]> }
      : T;

/** What every fitted recommender keeps: sizes, the training interactions and item popularity. */
export interface BaseFitted {
  nUsers: number;
  nItems: number;
  /** Training interactions (user × item CSR): the history item-based models score from. */
  historyIndptr: Int32Array;
  historyIndices: Int32Array;
  historyData: Float64Array;
  /** Sum of training weights per item: the defined fallback for cold users. */
  popularity: Float64Array;
}

export interface RecommendOptions {
  /** Items not to return: row u lists the items to drop for user u (e.g. the training matrix). Rows
   *  beyond `exclude.rows` exclude nothing. */
  exclude?: Csr;
  /** Restrict recommendations to these candidate items (e.g. in stock, in a category). */
  items?: Int32Array;
}

/** Deep copy with typed arrays turned into plain arrays: JSON-safe and exact (doubles print exactly). */
export function toPlain<T>(value: T): Plain<T> {
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>) as Plain<T>;
  if (Array.isArray(value)) return value.map((v) => toPlain(v)) as Plain<T>;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toPlain(v);
    return out as Plain<T>;
  }
  return value as Plain<T>;
}

export const f64 = (a: ArrayLike<number>): Float64Array => Float64Array.from(a);
export const f32 = (a: ArrayLike<number>): Float32Array => Float32Array.from(a);
export const i32 = (a: ArrayLike<number>): Int32Array => Int32Array.from(a);

/** Restore the base part of a serialised fitted state. */
export function baseFromPlain(p: Plain<BaseFitted>): BaseFitted {
  return {
    nUsers: p.nUsers,
    nItems: p.nItems,
    historyIndptr: i32(p.historyIndptr),
    historyIndices: i32(p.historyIndices),
    historyData: f64(p.historyData),
    popularity: f64(p.popularity),
  };
}

/** Check an artifact's kind and version before restoring it. */
export function checkArtifact(a: ModelArtifact<unknown, unknown>, kind: string, version: number): void {
  if (a === null || typeof a !== 'object' || a.kind !== kind) {
    throw invalidInput(`artifact kind must be '${kind}'; got '${String(a?.kind)}'`);
  }
  if (a.version !== version) {
    throw new OspreyError(
      'UNSUPPORTED',
      `${kind} artifact version ${a.version} is not supported (expected ${version})`,
    );
  }
}

/** Reject malformed interaction matrices, naming the offending row and column. */
export function checkInteractions(X: Csr, what = 'interactions'): void {
  if (!X || !(X.indptr instanceof Int32Array) || X.indptr.length !== X.rows + 1) {
    throw invalidInput(`${what} must be a CSR matrix (indptr of length rows + 1)`);
  }
  if (X.rows < 1) throw invalidInput(`${what} has no users (0 rows)`);
  if (X.cols < 1) throw invalidInput(`${what} has no items (0 columns)`);
  for (let r = 0; r < X.rows; r++) {
    for (let p = X.indptr[r]; p < X.indptr[r + 1]; p++) {
      const c = X.indices[p];
      if (!(c >= 0 && c < X.cols))
        throw invalidInput(`${what} row ${r}: item index ${c} outside [0, ${X.cols})`);
      const v = X.data[p];
      if (!Number.isFinite(v) || v < 0) {
        throw invalidInput(`${what} row ${r}, column ${c}: weight ${v} must be a finite number >= 0`);
      }
    }
  }
}

function checkIndexArray(a: Int32Array, limit: number, what: string): void {
  if (!(a instanceof Int32Array)) throw invalidInput(`${what} must be an Int32Array`);
  for (let i = 0; i < a.length; i++) {
    if (a[i] < 0 || a[i] >= limit) throw invalidInput(`${what}[${i}] = ${a[i]} is outside [0, ${limit})`);
  }
}

function checkN(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw invalidInput(`n must be an integer >= 1; got ${n}`);
}

export abstract class RecommenderBase<P extends object, S extends BaseFitted> {
  abstract readonly kind: string;
  abstract readonly version: number;
  protected abstract readonly paramTable: ParamTable<P>;
  readonly params: Readonly<P>;
  protected state?: S;
  private itemNorms?: Float64Array;

  constructor(params: P) {
    this.params = Object.freeze({ ...params });
  }

  get fitted(): S {
    return requireFitted(this.state, this.kind);
  }

  /** Learn from a user × item matrix of non-negative interaction weights. */
  fit(X: Csr, _y?: unknown, o: FitOptions = {}): this {
    validateParams(this.kind, this.params as P, this.paramTable);
    checkInteractions(X);
    o.signal?.throwIfAborted();
    const popularity = new Float64Array(X.cols);
    for (let p = 0; p < X.indptr[X.rows]; p++) popularity[X.indices[p]] += X.data[p];
    const base: BaseFitted = {
      nUsers: X.rows,
      nItems: X.cols,
      historyIndptr: Int32Array.from(X.indptr),
      historyIndices: Int32Array.from(X.indices.subarray(0, X.indptr[X.rows])),
      historyData: Float64Array.from(X.data.subarray(0, X.indptr[X.rows])),
      popularity,
    };
    this.itemNorms = undefined;
    this.state = this.fitUnchecked(X, base, o);
    o.onProgress?.(1, 'done');
    return this;
  }

  /** Learn from valid input; returns the full fitted state (base fields included). */
  protected abstract fitUnchecked(X: Csr, base: BaseFitted, o: FitOptions): S;

  /** Score every item for a warm user (one with training interactions) into `out` (length nItems). */
  protected abstract scoreUnchecked(user: number, out: Float64Array): void;

  /** Item vectors for `similarItems` (cosine over rows), or undefined when a subclass overrides it. */
  protected itemVectors(): { data: Float64Array | Float32Array; dim: number } | undefined {
    return undefined;
  }

  /** Whether a user has no training interactions (or is unknown to the model): gets the fallback. */
  isCold(user: number): boolean {
    const s = this.fitted;
    return user >= s.nUsers || s.historyIndptr[user + 1] === s.historyIndptr[user];
  }

  /**
   * Scores of every item for one user: the model's scores for warm users, training popularity for
   * cold ones (unknown index or no interactions) — the defined fallback.
   */
  scoreUser(user: number, out: Float64Array): void {
    const s = this.fitted;
    if (this.isCold(user)) out.set(s.popularity);
    else this.scoreUnchecked(user, out);
  }

  recommend(users: Int32Array, n: number, o: RecommendOptions = {}): TopK {
    const s = this.fitted;
    checkN(n);
    if (!(users instanceof Int32Array)) throw invalidInput('users must be an Int32Array');
    for (let i = 0; i < users.length; i++) {
      if (users[i] < 0) throw invalidInput(`users[${i}] = ${users[i]} must be >= 0`);
    }
    const { exclude, items: candidates } = o;
    if (exclude && exclude.cols !== s.nItems) {
      throw invalidInput(`exclude has ${exclude.cols} columns but the model knows ${s.nItems} items`);
    }
    if (candidates) checkIndexArray(candidates, s.nItems, 'items');
    const outItems = new Int32Array(users.length * n);
    const outScores = new Float64Array(users.length * n);
    const scores = new Float64Array(s.nItems);
    const heap = new TopNHeap(n);
    for (let i = 0; i < users.length; i++) {
      const u = users[i];
      this.scoreUser(u, scores);
      if (exclude && u < exclude.rows) {
        for (let p = exclude.indptr[u]; p < exclude.indptr[u + 1]; p++) {
          scores[exclude.indices[p]] = Number.NEGATIVE_INFINITY;
        }
      }
      if (candidates)
        for (let c = 0; c < candidates.length; c++) heap.push(candidates[c], scores[candidates[c]]);
      else for (let j = 0; j < s.nItems; j++) heap.push(j, scores[j]);
      heap.drainInto(outItems, outScores, i * n);
    }
    return { items: outItems, scores: outScores, n };
  }

  /**
   * The n items most similar to each given item (the item itself left out). Default: cosine between
   * item vectors, norms computed once per model.
   */
  similarItems(items: Int32Array, n: number): TopK {
    const s = this.fitted;
    checkN(n);
    checkIndexArray(items, s.nItems, 'items');
    const outItems = new Int32Array(items.length * n);
    const outScores = new Float64Array(items.length * n);
    const sims = new Float64Array(s.nItems);
    const heap = new TopNHeap(n);
    for (let i = 0; i < items.length; i++) {
      this.itemSimilarities(items[i], sims);
      sims[items[i]] = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < s.nItems; j++) heap.push(j, sims[j]);
      heap.drainInto(outItems, outScores, i * n);
    }
    return { items: outItems, scores: outScores, n };
  }

  /** Similarity of `item` to every item, into `out`. Subclasses without item vectors override it. */
  protected itemSimilarities(item: number, out: Float64Array): void {
    const s = this.fitted;
    const vec = this.itemVectors();
    if (!vec) throw new OspreyError('UNSUPPORTED', `${this.kind} does not provide item similarities`);
    const { data, dim } = vec;
    if (!this.itemNorms) {
      const norms = new Float64Array(s.nItems);
      for (let j = 0; j < s.nItems; j++) {
        let q = 0;
        for (let f = 0; f < dim; f++) q += data[j * dim + f] * data[j * dim + f];
        norms[j] = Math.sqrt(q);
      }
      this.itemNorms = norms;
    }
    const norms = this.itemNorms;
    const a = item * dim;
    for (let j = 0; j < s.nItems; j++) {
      let dot = 0;
      const b = j * dim;
      for (let f = 0; f < dim; f++) dot += data[a + f] * data[b + f];
      const den = norms[item] * norms[j];
      out[j] = den > 0 ? dot / den : 0;
    }
  }

  toJSON(): ModelArtifact<P, Plain<S>> {
    return {
      kind: this.kind,
      version: this.version,
      params: { ...this.params } as P,
      fitted: toPlain(this.fitted),
    };
  }

  /** Restore learned state (used by each subclass's static fromJSON). */
  protected restore(state: S): this {
    this.state = state;
    this.itemNorms = undefined;
    return this;
  }
}
