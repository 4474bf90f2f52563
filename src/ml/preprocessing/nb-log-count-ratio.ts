import { invalidInput } from '../../core/errors.js';
import {
  type Estimator,
  type Labels,
  type ModelArtifact,
  type ParamTable,
  requireFitted,
  validateParams,
} from '../estimator.js';
import { assertFinite, type Csr } from '../matrix.js';

/**
 * Naive-Bayes log-count-ratio feature scaling, the transform half of NB-SVM (Wang & Manning 2012,
 * "Baselines and Bigrams", §2.1–2.2):
 *   p = α + Σ_{i: yᵢ=1} f̂ᵢ,  q = α + Σ_{i: yᵢ=0} f̂ᵢ,  r = log((p / ‖p‖₁) / (q / ‖q‖₁))
 * and each row becomes r ∘ f̂, with f̂ = 1{f > 0} when `binarize` (the paper's choice) or f itself.
 * With `keepValues`, r (still counted on f̂ when `binarize`) scales the input values instead — the common
 * NB-SVM-on-TF-IDF variant, which keeps tf-idf's weighting of long and short texts.
 * Any linear model trained on the result is the NB-SVM / NB-LR of the paper (without its interpolation).
 */
export interface NbLogCountRatioParams {
  alpha: number;
  binarize: boolean;
  keepValues: boolean;
}

export interface NbLogCountRatioFitted {
  /** Log-count ratio per column. */
  r: number[];
}

const TABLE: ParamTable<NbLogCountRatioParams> = {
  alpha: { type: 'number', min: 0, exclusiveMin: true },
  binarize: { type: 'boolean' },
  keepValues: { type: 'boolean' },
};

export class NbLogCountRatio implements Estimator<NbLogCountRatioParams, NbLogCountRatioFitted> {
  static readonly kind = 'ml.nb-log-count-ratio';
  readonly params: Readonly<NbLogCountRatioParams>;
  private state: NbLogCountRatioFitted | undefined;
  private rVec: Float64Array | undefined;

  constructor(params: Partial<NbLogCountRatioParams> = {}) {
    this.params = { alpha: 1, binarize: true, keepValues: false, ...params };
  }

  get fitted(): NbLogCountRatioFitted {
    return requireFitted(this.state, NbLogCountRatio.kind);
  }

  fit(X: Csr, y: Labels): this {
    validateParams(NbLogCountRatio.kind, this.params, TABLE);
    assertFinite(X);
    if (y.length !== X.rows) throw invalidInput(`y has ${y.length} labels for ${X.rows} rows of X`);
    const { alpha, binarize } = this.params;
    const p = new Float64Array(X.cols).fill(alpha);
    const q = new Float64Array(X.cols).fill(alpha);
    for (let i = 0; i < X.rows; i++) {
      if (y[i] !== 0 && y[i] !== 1) throw invalidInput(`y row ${i}: label must be 0 or 1; got ${y[i]}`);
      const into = y[i] === 1 ? p : q;
      for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) {
        if (X.data[k] < 0) throw invalidInput(`X row ${i}, column ${X.indices[k]}: counts must be >= 0`);
        into[X.indices[k]] += binarize ? (X.data[k] > 0 ? 1 : 0) : X.data[k];
      }
    }
    let sp = 0;
    let sq = 0;
    for (let j = 0; j < X.cols; j++) {
      sp += p[j];
      sq += q[j];
    }
    const r = new Float64Array(X.cols);
    for (let j = 0; j < X.cols; j++) r[j] = Math.log(p[j] / sp / (q[j] / sq));
    this.rVec = r;
    this.state = { r: Array.from(r) };
    return this;
  }

  transform(X: Csr): Csr {
    const f = this.fitted;
    this.rVec ??= Float64Array.from(f.r);
    if (X.cols !== f.r.length)
      throw invalidInput(`X has ${X.cols} columns; the scaling was fitted on ${f.r.length}`);
    const r = this.rVec;
    const data = new Float64Array(X.data.length);
    for (let k = 0; k < data.length; k++) {
      const v = this.params.binarize && !this.params.keepValues ? (X.data[k] > 0 ? 1 : 0) : X.data[k];
      data[k] = v * r[X.indices[k]];
    }
    return { rows: X.rows, cols: X.cols, indptr: X.indptr, indices: X.indices, data };
  }

  toJSON(): ModelArtifact<NbLogCountRatioParams, NbLogCountRatioFitted> {
    return { kind: NbLogCountRatio.kind, version: 1, params: { ...this.params }, fitted: this.fitted };
  }

  static fromJSON(a: ModelArtifact<NbLogCountRatioParams, NbLogCountRatioFitted>): NbLogCountRatio {
    if (a?.kind !== NbLogCountRatio.kind)
      throw invalidInput(`artifact kind must be '${NbLogCountRatio.kind}'`);
    const m = new NbLogCountRatio(a.params);
    m.state = { r: a.fitted.r.slice() };
    return m;
  }
}
