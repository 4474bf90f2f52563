import { describe, expect, it } from 'vitest';
import { invalidInput } from '../core/errors.js';
import { checkEstimator, estimatorChecks } from './check-estimator.js';
import {
  type Labels,
  type ModelArtifact,
  type ParamTable,
  requireFitted,
  validateParams,
} from './estimator.js';
import type { Dense, Matrix } from './matrix.js';
import { checkMatrix, checkTargets, encodeClasses } from './validation.js';

interface NcParams {
  shrink: number;
}
interface NcFitted {
  classes: number[];
  centroids: number[];
  cols: number;
}
/** A minimal conformant classifier (nearest centroid) used to exercise the suite. */
class NearestCentroid {
  static readonly paramTable: ParamTable<NcParams> = { shrink: { type: 'number', min: 0 } };
  readonly params: Readonly<NcParams>;
  protected state?: NcFitted;
  constructor(params: Partial<NcParams> = {}) {
    this.params = { shrink: 0, ...params };
  }
  get fitted(): NcFitted {
    return requireFitted(this.state, 'NearestCentroid');
  }
  fit(X: Matrix, y?: Labels): this {
    validateParams('NearestCentroid', this.params, NearestCentroid.paramTable);
    checkMatrix(X);
    const { classes, codes } = encodeClasses(checkTargets(y, X.rows, 'NearestCentroid'), 'NearestCentroid');
    const d = X as Dense;
    const c = new Array(classes.length * d.cols).fill(0);
    const n = new Array(classes.length).fill(0);
    for (let i = 0; i < d.rows; i++) {
      n[codes[i]]++;
      for (let j = 0; j < d.cols; j++) c[codes[i] * d.cols + j] += d.data[i * d.cols + j];
    }
    for (let k = 0; k < c.length; k++) c[k] /= n[Math.floor(k / d.cols)] + this.params.shrink;
    this.state = { classes, centroids: c, cols: d.cols };
    return this;
  }
  predictProba(X: Matrix): Dense {
    const f = this.fitted;
    checkMatrix(X, { cols: f.cols });
    if (!('data' in X) || 'indptr' in X) throw invalidInput('dense only');
    const k = f.classes.length;
    const out = new Float64Array(X.rows * k);
    for (let i = 0; i < X.rows; i++) {
      let z = 0;
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let j = 0; j < f.cols; j++) s += (X.data[i * f.cols + j] - f.centroids[c * f.cols + j]) ** 2;
        out[i * k + c] = Math.exp(-s);
        z += out[i * k + c];
      }
      for (let c = 0; c < k; c++) out[i * k + c] = z > 0 ? out[i * k + c] / z : 1 / k;
    }
    return { rows: X.rows, cols: k, data: out };
  }
  predict(X: Matrix): Int32Array {
    const p = this.predictProba(X);
    const out = new Int32Array(X.rows);
    for (let i = 0; i < X.rows; i++) out[i] = p.data[i * p.cols + 1] > p.data[i * p.cols] ? 1 : 0;
    return out;
  }
  toJSON(): ModelArtifact<NcParams, NcFitted> {
    return { kind: 'NearestCentroid', version: 1, params: { ...this.params }, fitted: this.fitted };
  }
  static fromJSON(a: ModelArtifact): NearestCentroid {
    const m = new NearestCentroid(a.params as NcParams);
    m.state = a.fitted as NcFitted;
    return m;
  }
}

/** Broken on purpose: centres each predict batch on its own mean, so predictions depend on the batch. */
class BatchDependent extends NearestCentroid {
  override predictProba(X: Matrix): Dense {
    const p = super.predictProba(X);
    let m = 0;
    for (const v of p.data) m += v / p.data.length;
    return { ...p, data: Float64Array.from(p.data, (v) => v - m + 0.5) };
  }
  static override fromJSON(a: ModelArtifact): BatchDependent {
    const m = new BatchDependent(a.params as NcParams);
    m.state = a.fitted as NcFitted;
    return m;
  }
}

describe('checkEstimator', () => {
  const opts = {
    kind: 'classifier' as const,
    fromJSON: NearestCentroid.fromJSON,
    params: { shrink: 0 },
    invalidParams: [{ shrink: -1 }],
  };
  for (const c of estimatorChecks((p?: NcParams) => new NearestCentroid(p), opts)) it(c.name, c.run);

  it('reports a batch-dependent estimator', () => {
    expect(() =>
      checkEstimator((p?: NcParams) => new BatchDependent(p), { ...opts, fromJSON: BatchDependent.fromJSON }),
    ).toThrow(/row order[\s\S]*single row/);
  });

  it('reports an estimator that validates params in its constructor', () => {
    class Eager extends NearestCentroid {
      constructor(p: Partial<NcParams> = {}) {
        super(p);
        validateParams('Eager', this.params, NearestCentroid.paramTable);
      }
    }
    expect(() => checkEstimator((p?: NcParams) => new Eager(p), opts)).toThrow(/constructor threw/);
  });
});
