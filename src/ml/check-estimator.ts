import { isOspreyError } from '../core/errors.js';
import type { FitOptions, Labels, ModelArtifact } from './estimator.js';
import { type Dense, isCsr, type Matrix, takeRows } from './matrix.js';
import { Rng } from './random.js';

/**
 * The shared conformance suite (sklearn's `check_estimator`): every estimator in src/ml must pass it.
 * It is plain code with no test-framework dependency, so src/ml stays pure; use it from vitest as
 *
 *   for (const c of estimatorChecks(factory, opts)) it(c.name, c.run);   // one test per rule
 *   it('conforms', () => checkEstimator(factory, opts));                // or all at once
 */
export type EstimatorKind = 'classifier' | 'regressor' | 'clusterer' | 'transformer';

/** The structural surface the suite exercises; every Osprey estimator satisfies it. */
export interface CheckableEstimator {
  readonly params: object;
  readonly fitted: unknown;
  fit(X: Matrix, y?: Labels, o?: FitOptions): unknown;
  toJSON(): ModelArtifact;
  predict?(X: Matrix): Int32Array | Float64Array;
  predictProba?(X: Matrix): Dense;
  transform?(X: Matrix): Dense;
}

export interface CheckEstimatorOptions<P extends object> {
  kind: EstimatorKind;
  /** Rebuild a model from its artifact (the estimator's static `fromJSON`). */
  fromJSON: (artifact: ModelArtifact) => CheckableEstimator;
  /** Hyper-parameters used for every check; must contain the seed if the estimator has one. */
  params?: P;
  /** Parameter sets that construction must accept but `fit` must reject with INVALID_INPUT. */
  invalidParams?: Partial<P>[];
  /** The estimator accepts NaN as "missing" (gradient boosting): NaN must then be fitted, not rejected. */
  handlesMissing?: boolean;
  /** Also fit on the CSR form of the data; predictions must match the dense fit within `sparseTolerance`. */
  acceptsCsr?: boolean;
  sparseTolerance?: number;
  /** Training data; a small deterministic problem of the right kind is generated when omitted. */
  data?: { X: Dense; y?: Labels };
}

export interface EstimatorCheck {
  name: string;
  run: () => void;
}

type Factory<P> = (params?: P) => CheckableEstimator;

/** The individual rules of the contract, one runnable check each. */
export function estimatorChecks<P extends object>(
  factory: Factory<P>,
  opts: CheckEstimatorOptions<P>,
): EstimatorCheck[] {
  const data = opts.data ?? defaultData(opts.kind);
  const { X } = data;
  const y = opts.kind === 'classifier' || opts.kind === 'regressor' ? data.y : data.y;
  const needsY = opts.kind === 'classifier' || opts.kind === 'regressor';
  if (needsY && !y) throw new Error(`checkEstimator: ${opts.kind} data needs y`);
  const make = (): CheckableEstimator => factory(opts.params);
  const fitted = (o?: FitOptions): CheckableEstimator => {
    const m = make();
    m.fit(X, y, o);
    return m;
  };

  const checks: EstimatorCheck[] = [
    {
      name: 'stores hyper-parameters exactly as given and fit never changes them',
      run: () => {
        const given = opts.params ?? ({} as P);
        const m = make();
        for (const [k, v] of Object.entries(given)) {
          if (!Object.is((m.params as Record<string, unknown>)[k], v))
            fail(`params.${k} is ${String((m.params as Record<string, unknown>)[k])}, given ${String(v)}`);
        }
        const before = JSON.stringify(m.params);
        m.fit(X, y);
        if (JSON.stringify(m.params) !== before)
          fail(`fit changed params: ${before} → ${JSON.stringify(m.params)}`);
      },
    },
    {
      name: 'validates hyper-parameters when fit runs, not in the constructor',
      run: () => {
        for (const bad of opts.invalidParams ?? []) {
          let m: CheckableEstimator;
          try {
            m = factory({ ...(opts.params ?? {}), ...bad } as P);
          } catch (e) {
            fail(`constructor threw for ${JSON.stringify(bad)} (must only store): ${String(e)}`);
          }
          expectInvalid(() => m.fit(X, y), `params ${JSON.stringify(bad)}`);
        }
      },
    },
    {
      name: 'fit returns this',
      run: () => {
        const m = make();
        if (m.fit(X, y) !== m) fail('fit did not return this');
      },
    },
    {
      name: 'use before fit throws NOT_FITTED',
      run: () => {
        const m = make();
        const uses: [string, () => unknown][] = [
          ['fitted', () => m.fitted],
          ['toJSON', () => m.toJSON()],
        ];
        for (const [name, fn] of outputFns(m, opts.kind)) uses.push([name, () => fn(X)]);
        for (const [name, fn] of uses) {
          try {
            fn();
          } catch (e) {
            if (isOspreyError(e) && e.code === 'NOT_FITTED') continue;
            fail(`${name} before fit threw ${String(e)} instead of NOT_FITTED`);
          }
          fail(`${name} before fit did not throw NOT_FITTED`);
        }
      },
    },
    {
      name: 'same seed gives the same model',
      run: () => {
        const a = JSON.stringify(fitted().toJSON());
        const b = JSON.stringify(fitted().toJSON());
        if (a !== b) fail('two fits with the same parameters produced different models');
      },
    },
    {
      name: 'same model whatever threads is',
      run: () => {
        const a = JSON.stringify(fitted({ threads: 1 }).toJSON());
        const b = JSON.stringify(fitted({ threads: 2 }).toJSON());
        const c = JSON.stringify(fitted({ threads: 3 }).toJSON());
        if (a !== b || a !== c) fail('threads 1, 2 and 3 produced different models');
      },
    },
    {
      name: 'toJSON/fromJSON round trip predicts identically',
      run: () => {
        const m = fitted();
        const artifact = JSON.parse(JSON.stringify(m.toJSON())) as ModelArtifact;
        if (typeof artifact.kind !== 'string' || typeof artifact.version !== 'number')
          fail('artifact lacks kind/version');
        const r = opts.fromJSON(artifact);
        const fa = outputFns(m, opts.kind);
        const fb = outputFns(r, opts.kind);
        for (let i = 0; i < fa.length; i++)
          sameArray(fa[i][1](X), fb[i][1](X), `${fa[i][0]} after round trip`);
      },
    },
    {
      name: 'predictions do not depend on row order',
      run: () => {
        const m = fitted();
        const perm = new Rng(7).permutation(X.rows);
        const Xp = takeRows(X, perm);
        for (const [name, fn] of outputFns(m, opts.kind)) {
          const full = toDense(fn(X), X.rows);
          const shuffled = toDense(fn(Xp), X.rows);
          const cols = full.length / X.rows;
          for (let i = 0; i < X.rows; i++)
            for (let c = 0; c < cols; c++)
              if (!Object.is(shuffled[i * cols + c], full[perm[i] * cols + c]))
                fail(`${name}: row ${perm[i]} changed when rows were reordered`);
        }
      },
    },
    {
      name: 'a single row works',
      run: () => {
        const m = fitted();
        for (const [name, fn] of outputFns(m, opts.kind)) {
          const full = toDense(fn(X), X.rows);
          const cols = full.length / X.rows;
          for (const r of [0, X.rows - 1]) {
            const one = toDense(fn(takeRows(X, [r])), 1);
            for (let c = 0; c < cols; c++)
              if (!Object.is(one[c], full[r * cols + c])) fail(`${name} on row ${r} alone differs`);
          }
        }
      },
    },
    {
      name: 'NaN and Infinity are rejected naming row and column (or fitted when missing values are handled)',
      run: () => {
        for (const bad of opts.handlesMissing ? [] : [Number.NaN, Number.POSITIVE_INFINITY, -Infinity]) {
          const Xb = withValue(X, 2, 1, bad);
          expectInvalid(
            () => make().fit(Xb, y),
            `fit with ${bad} at row 2, column 1`,
            /row 2\b/,
            /column 1\b/,
          );
          const m = fitted();
          for (const [name, fn] of outputFns(m, opts.kind))
            expectInvalid(() => fn(Xb), `${name} with ${bad} at row 2, column 1`, /row 2\b/, /column 1\b/);
        }
        if (opts.handlesMissing) {
          const Xb = withValue(X, 2, 1, Number.NaN);
          const m = make();
          m.fit(Xb, y);
          for (const [, fn] of outputFns(m, opts.kind)) fn(Xb);
        }
      },
    },
    {
      name: 'empty input and shape mismatches are rejected',
      run: () => {
        const empty: Dense = { rows: 0, cols: X.cols, data: new Float64Array(0) };
        expectInvalid(() => make().fit(empty, needsY ? new Float64Array(0) : undefined), 'fit on 0 rows');
        if (needsY && y) {
          const short = Array.from(y as ArrayLike<number>).slice(1);
          expectInvalid(() => make().fit(X, short), 'y shorter than X', /\by\b/);
        }
        const m = fitted();
        const wide: Dense = { rows: X.rows, cols: X.cols + 1, data: new Float64Array(X.rows * (X.cols + 1)) };
        for (const [name, fn] of outputFns(m, opts.kind)) {
          expectInvalid(() => fn(wide), `${name} with an extra column`, /column/);
          expectInvalid(() => fn(empty), `${name} on 0 rows`);
        }
      },
    },
  ];
  if (opts.acceptsCsr) {
    checks.push({
      name: 'CSR input gives the same model as dense input',
      run: () => {
        const tol = opts.sparseTolerance ?? 1e-6;
        const md = fitted();
        const Xs = denseToCsr(X);
        const ms = make();
        ms.fit(Xs, y);
        const fd = outputFns(md, opts.kind);
        const fs = outputFns(ms, opts.kind);
        for (let i = 0; i < fd.length; i++) {
          const a = toDense(fd[i][1](X), X.rows);
          const b = toDense(fs[i][1](Xs), X.rows);
          for (let k = 0; k < a.length; k++)
            if (!(Math.abs(a[k] - b[k]) <= tol * Math.max(1, Math.abs(a[k]))))
              fail(`${fd[i][0]}: CSR fit differs at ${k}: ${a[k]} vs ${b[k]}`);
        }
      },
    });
  }
  return checks;
}

/** Run every check; throws one Error listing each rule that failed. */
export function checkEstimator<P extends object>(factory: Factory<P>, opts: CheckEstimatorOptions<P>): void {
  const failures: string[] = [];
  for (const c of estimatorChecks(factory, opts)) {
    try {
      c.run();
    } catch (e) {
      failures.push(`${c.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (failures.length) throw new Error(`checkEstimator failed:\n- ${failures.join('\n- ')}`);
}

type Output = Int32Array | Float64Array | Dense;

function outputFns(m: CheckableEstimator, kind: EstimatorKind): [string, (X: Matrix) => Output][] {
  const out: [string, (X: Matrix) => Output][] = [];
  if (kind === 'transformer') {
    if (!m.transform) fail('transformer has no transform()');
    out.push(['transform', (X) => m.transform!(X)]);
    return out;
  }
  if (!m.predict) fail(`${kind} has no predict()`);
  out.push(['predict', (X) => m.predict!(X)]);
  if (kind === 'classifier') {
    if (!m.predictProba) fail('classifier has no predictProba()');
    out.push(['predictProba', (X) => m.predictProba!(X)]);
  }
  return out;
}

function toDense(o: Output, rows: number): ArrayLike<number> {
  if (o instanceof Int32Array || o instanceof Float64Array) {
    if (o.length !== rows) fail(`output has ${o.length} entries for ${rows} rows`);
    return o;
  }
  if (o.rows !== rows) fail(`output has ${o.rows} rows for ${rows} input rows`);
  return o.data;
}

function sameArray(a: Output, b: Output, what: string): void {
  const x = a instanceof Int32Array || a instanceof Float64Array ? a : a.data;
  const z = b instanceof Int32Array || b instanceof Float64Array ? b : b.data;
  if (x.length !== z.length) fail(`${what}: length ${x.length} vs ${z.length}`);
  for (let i = 0; i < x.length; i++)
    if (!Object.is(x[i], z[i])) fail(`${what}: entry ${i} ${x[i]} vs ${z[i]}`);
}

function withValue(X: Dense, r: number, c: number, v: number): Dense {
  const data = Float64Array.from(X.data);
  data[r * X.cols + c] = v;
  return { rows: X.rows, cols: X.cols, data };
}

function expectInvalid(fn: () => unknown, what: string, ...patterns: RegExp[]): void {
  try {
    fn();
  } catch (e) {
    if (!isOspreyError(e) || e.code !== 'INVALID_INPUT')
      fail(`${what}: threw ${String(e)}, expected INVALID_INPUT`);
    for (const p of patterns)
      if (!p.test(e.message)) fail(`${what}: message "${e.message}" does not match ${p}`);
    return;
  }
  fail(`${what}: did not throw INVALID_INPUT`);
}

function fail(message: string): never {
  throw new Error(message);
}

export function denseToCsr(X: Dense): Matrix {
  if (isCsr(X)) return X;
  const indptr = new Int32Array(X.rows + 1);
  const idx: number[] = [];
  const val: number[] = [];
  for (let r = 0; r < X.rows; r++) {
    for (let c = 0; c < X.cols; c++) {
      const v = X.data[r * X.cols + c];
      if (v !== 0) {
        idx.push(c);
        val.push(v);
      }
    }
    indptr[r + 1] = idx.length;
  }
  return { rows: X.rows, cols: X.cols, indptr, indices: Int32Array.from(idx), data: Float64Array.from(val) };
}

/** Small deterministic problems: two separated blobs, a noisy linear target, three blobs, correlated columns. */
export function defaultData(kind: EstimatorKind): { X: Dense; y?: Float64Array } {
  const rng = new Rng(20240601);
  if (kind === 'classifier') {
    const n = 80;
    const p = 4;
    const X = new Float64Array(n * p);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = i % 2;
      for (let j = 0; j < p; j++) X[i * p + j] = (y[i] ? 1.2 : -1.2) + rng.normal();
    }
    return { X: { rows: n, cols: p, data: X }, y };
  }
  if (kind === 'regressor') {
    const n = 80;
    const p = 4;
    const w = [1, -2, 0.5, 3];
    const X = new Float64Array(n * p);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 1;
      for (let j = 0; j < p; j++) {
        X[i * p + j] = rng.normal();
        s += w[j] * X[i * p + j];
      }
      y[i] = s + 0.1 * rng.normal();
    }
    return { X: { rows: n, cols: p, data: X }, y };
  }
  if (kind === 'clusterer') {
    const centers = [
      [0, 0, 0],
      [6, 6, 0],
      [0, 6, 6],
    ];
    const n = 90;
    const X = new Float64Array(n * 3);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < 3; j++) X[i * 3 + j] = centers[i % 3][j] + 0.7 * rng.normal();
    return { X: { rows: n, cols: 3, data: X } };
  }
  const n = 60;
  const p = 5;
  const X = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const z = rng.normal();
    for (let j = 0; j < p; j++) X[i * p + j] = (j + 1) * z + rng.normal() + j;
  }
  return { X: { rows: n, cols: p, data: X } };
}
