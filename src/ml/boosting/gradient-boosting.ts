import { invalidInput } from '../../core/errors.js';
import {
  type Classifier,
  type FitOptions,
  type Labels,
  type ModelArtifact,
  type ParamTable,
  type Regressor,
  requireFitted,
  validateParams,
} from '../estimator.js';
import { csrToDense, type Dense, isCsr, type Matrix } from '../matrix.js';
import { Rng } from '../random.js';
import { type BinMapperState, binCount, binMatrix, fitBinMapper } from './bin-mapper.js';
import { logloss, type Objective, sigmoid, squaredError } from './objective.js';
import { TreeLearner } from './tree-learner.js';
import { type BoostedTree, type BoostedTreeJson, leafOf, treeFromJson, treeToJson } from './tree-model.js';
import { TreeShapScratch, treeDepth, treeExpectedValue, treeShap } from './tree-shap.js';

/** Hyper-parameters, named as in LightGBM where it has one. */
export interface GradientBoostingParams {
  /** Boosting rounds (trees). */
  nEstimators: number;
  /** Shrinkage applied to every leaf value. */
  learningRate: number;
  /** Leaf-wise growth stops at this many leaves per tree. */
  numLeaves: number;
  /** Depth limit (root = 0); null for none. */
  maxDepth: number | null;
  minDataInLeaf: number;
  /** Minimum hessian sum in a child (XGBoost min_child_weight). */
  minChildWeight: number;
  /** L2 regularisation of leaf values (λ). */
  lambda: number;
  /** A split must reduce the loss by more than this (γ). */
  minSplitGain: number;
  /** Fraction of rows drawn (Bernoulli, fresh each round) for each tree. */
  subsample: number;
  /** Fraction of features drawn for each tree. */
  colsample: number;
  maxBin: number;
  /** Column indices holding category codes (integers >= 0; NaN = missing). */
  categoricalFeatures: number[];
  /** Up to this many categories a split is one-vs-rest; above it, many-vs-many on sorted categories. */
  maxCatToOnehot: number;
  catSmooth: number;
  catL2: number;
  minDataPerGroup: number;
  maxCatThreshold: number;
  /** Stop when the validation loss has not improved for this many rounds (needs `evalSet`). */
  earlyStoppingRounds: number | null;
  seed: number;
}

export const GRADIENT_BOOSTING_DEFAULTS: GradientBoostingParams = {
  nEstimators: 100,
  learningRate: 0.1,
  numLeaves: 31,
  maxDepth: null,
  minDataInLeaf: 20,
  minChildWeight: 1e-3,
  lambda: 1,
  minSplitGain: 0,
  subsample: 1,
  colsample: 1,
  maxBin: 255,
  categoricalFeatures: [],
  maxCatToOnehot: 4,
  catSmooth: 10,
  catL2: 10,
  minDataPerGroup: 100,
  maxCatThreshold: 32,
  earlyStoppingRounds: null,
  seed: 42,
};

export const GRADIENT_BOOSTING_PARAM_TABLE: ParamTable<GradientBoostingParams> = {
  nEstimators: { type: 'number', min: 1, integer: true },
  learningRate: { type: 'number', min: 0, exclusiveMin: true },
  numLeaves: { type: 'number', min: 2, max: 1 << 16, integer: true },
  maxDepth: { type: 'number', min: 1, integer: true, nullable: true },
  minDataInLeaf: { type: 'number', min: 1, integer: true },
  minChildWeight: { type: 'number', min: 0 },
  lambda: { type: 'number', min: 0 },
  minSplitGain: { type: 'number', min: 0 },
  subsample: { type: 'number', min: 0, max: 1, exclusiveMin: true },
  colsample: { type: 'number', min: 0, max: 1, exclusiveMin: true },
  maxBin: { type: 'number', min: 2, max: 255, integer: true },
  categoricalFeatures: { type: 'any' },
  maxCatToOnehot: { type: 'number', min: 1, integer: true },
  catSmooth: { type: 'number', min: 0 },
  catL2: { type: 'number', min: 0 },
  minDataPerGroup: { type: 'number', min: 1 },
  maxCatThreshold: { type: 'number', min: 1, integer: true },
  earlyStoppingRounds: { type: 'number', min: 1, integer: true, nullable: true },
  seed: { type: 'number', integer: true },
};

export interface GradientBoostingFitOptions extends FitOptions {
  /** Validation rows for early stopping; the loss after every round is kept in `fitted.evalLoss`. */
  evalSet?: { X: Matrix; y: Labels };
}

/** Learned state at run time (typed arrays); `fitted` exposes its plain-data form. */
interface BoosterState {
  objective: Objective['name'];
  nFeatures: number;
  initScore: number;
  mapper: BinMapperState;
  trees: BoostedTree[];
  /** Class labels (classifier only): predictProba column j is the probability of classes[j]. */
  classes: number[];
  /** Rounds kept (the best one when early stopping triggered). */
  bestIteration: number;
  evalLoss: number[];
}

/** Learned state as plain data (what `fitted` returns and `toJSON` stores). */
export interface GradientBoostingFitted extends Omit<BoosterState, 'trees'> {
  trees: BoostedTreeJson[];
}

/**
 * Shared engine of the classifier and the regressor.
 *
 * Single-threaded on purpose: `o.threads` is accepted and cannot change the model. Measured with
 * `npm run bench:histogram-threads`, handing a histogram to a worker and back costs ~100 µs on the
 * 2-core machine Osprey is benchmarked on, more than the histogram of a median leaf, and histograms
 * are only about a quarter of fit time (profile in bench/RESULTS.md).
 */
abstract class GradientBoostingBase {
  readonly params: Readonly<GradientBoostingParams>;
  protected state: BoosterState | undefined;
  private plain: GradientBoostingFitted | undefined;
  /** Gradient boosting handles NaN itself: every split learns where missing values go. */
  static readonly handlesMissing = true;
  protected abstract readonly kind: string;

  constructor(params: Partial<GradientBoostingParams> = {}) {
    this.params = { ...GRADIENT_BOOSTING_DEFAULTS, ...params };
  }

  get fitted(): GradientBoostingFitted {
    const st = requireFitted(this.state, this.kind);
    this.plain ??= { ...st, trees: st.trees.map(treeToJson), evalLoss: [...st.evalLoss] };
    return this.plain;
  }

  protected get model(): BoosterState {
    return requireFitted(this.state, this.kind);
  }

  protected fitWith(
    X: Matrix,
    target: Float64Array,
    objective: Objective,
    classes: number[],
    o: GradientBoostingFitOptions = {},
  ): void {
    const p = this.params;
    validateParams(this.kind, p, GRADIENT_BOOSTING_PARAM_TABLE);
    const Xd = checkMatrix(X, 'X');
    const cats = checkCategorical(p.categoricalFeatures, Xd.cols);
    const mapper = fitBinMapper(Xd, p.maxBin, cats);
    const binned = binMatrix(mapper, Xd);
    const n = Xd.rows;
    const nFeatures = Xd.cols;
    const numBins = new Int32Array(nFeatures);
    const offsets = new Int32Array(nFeatures + 1);
    const isCategorical = new Uint8Array(nFeatures);
    for (let f = 0; f < nFeatures; f++) {
      numBins[f] = binCount(mapper.features[f]);
      offsets[f + 1] = offsets[f] + numBins[f];
      isCategorical[f] = mapper.features[f].categorical ? 1 : 0;
    }
    const learner = new TreeLearner(
      { bins: binned.bins, nRows: n, nFeatures, offsets, numBins, isCategorical },
      {
        numLeaves: p.numLeaves,
        maxDepth: p.maxDepth ?? 0,
        minDataInLeaf: p.minDataInLeaf,
        minChildWeight: p.minChildWeight,
        lambda: p.lambda,
        minSplitGain: p.minSplitGain,
        maxCatToOnehot: p.maxCatToOnehot,
        catSmooth: p.catSmooth,
        catL2: p.catL2,
        minDataPerGroup: p.minDataPerGroup,
        maxCatThreshold: p.maxCatThreshold,
      },
    );

    let evalBins: Uint8Array | undefined;
    let evalY: Float64Array | undefined;
    let evalScore: Float64Array | undefined;
    let evalRows = 0;
    if (o.evalSet) {
      const Xv = checkMatrix(o.evalSet.X, 'evalSet.X');
      if (Xv.cols !== nFeatures) {
        throw invalidInput(`evalSet.X has ${Xv.cols} columns but X has ${nFeatures}`);
      }
      evalY = this.encodeEvalTarget(o.evalSet.y, Xv.rows, classes);
      evalBins = binMatrix(mapper, Xv).bins;
      evalRows = Xv.rows;
    }

    const initScore = objective.initScore(target);
    const score = new Float64Array(n).fill(initScore);
    if (evalY) evalScore = new Float64Array(evalRows).fill(initScore);
    const grad = new Float64Array(n);
    const hess = new Float64Array(n);
    const bag = new Int32Array(n);
    const allFeatures = new Int32Array(nFeatures);
    const features = new Int32Array(nFeatures);
    const nSampledFeatures = Math.max(1, Math.round(p.colsample * nFeatures));
    const rng = new Rng(p.seed);
    const trees: BoostedTree[] = [];
    const evalLoss: number[] = [];
    let best = Number.POSITIVE_INFINITY;
    let bestIteration = 0;

    for (let it = 0; it < p.nEstimators; it++) {
      o.signal?.throwIfAborted();
      let bagCount = 0;
      if (p.subsample < 1) {
        for (let i = 0; i < n; i++) if (rng.next() < p.subsample) bag[bagCount++] = i;
        if (bagCount === 0) bag[bagCount++] = rng.int(n);
      } else {
        for (let i = 0; i < n; i++) bag[i] = i;
        bagCount = n;
      }
      objective.gradients(target, score, grad, hess, bag, bagCount);
      for (let f = 0; f < nFeatures; f++) allFeatures[f] = f;
      if (nSampledFeatures < nFeatures) {
        // Partial Fisher–Yates, then ascending order so scans (and ties) never depend on the draw order.
        for (let i = 0; i < nSampledFeatures; i++) {
          const j = i + rng.int(nFeatures - i);
          const t = allFeatures[i];
          allFeatures[i] = allFeatures[j];
          allFeatures[j] = t;
        }
        allFeatures.subarray(0, nSampledFeatures).sort();
      }
      features.set(allFeatures.subarray(0, nSampledFeatures));

      const tree = learner.grow(grad, hess, bag, bagCount, features, nSampledFeatures);
      for (let l = 0; l < tree.leafValue.length; l++) tree.leafValue[l] *= p.learningRate;
      trees.push(tree);
      learner.addLeafValues(tree, score);
      if (bagCount < n) {
        // Out-of-bag rows are not in the partition: walk the tree for them (the bag is sorted).
        let k = 0;
        for (let r = 0; r < n; r++) {
          if (k < bagCount && bag[k] === r) k++;
          else score[r] += tree.leafValue[leafOf(tree, binned.bins, n, r)];
        }
      }

      if (evalY && evalScore && evalBins) {
        for (let r = 0; r < evalRows; r++)
          evalScore[r] += tree.leafValue[leafOf(tree, evalBins, evalRows, r)];
        const loss = objective.loss(evalY, evalScore);
        evalLoss.push(loss);
        if (loss < best) {
          best = loss;
          bestIteration = it + 1;
        } else if (p.earlyStoppingRounds !== null && it + 1 - bestIteration >= p.earlyStoppingRounds) {
          break;
        }
      } else {
        bestIteration = it + 1;
      }
      o.onProgress?.((it + 1) / p.nEstimators);
    }
    if (evalY && p.earlyStoppingRounds !== null) trees.length = bestIteration;
    else bestIteration = trees.length;

    this.plain = undefined;
    this.state = {
      objective: objective.name,
      nFeatures,
      initScore,
      mapper,
      trees,
      classes,
      bestIteration,
      evalLoss,
    };
  }

  protected abstract encodeEvalTarget(y: Labels, rows: number, classes: number[]): Float64Array;

  /** Raw additive score (log-odds for the classifier) of every row. */
  predictRaw(X: Matrix): Float64Array {
    const f = this.model;
    const Xd = checkMatrix(X, 'X');
    if (Xd.cols !== f.nFeatures) {
      throw invalidInput(`X has ${Xd.cols} columns but the model was fitted on ${f.nFeatures}`);
    }
    const { bins } = binMatrix(f.mapper, Xd);
    const n = Xd.rows;
    const out = new Float64Array(n).fill(f.initScore);
    for (const t of f.trees) for (let r = 0; r < n; r++) out[r] += t.leafValue[leafOf(t, bins, n, r)];
    return out;
  }

  /**
   * Per-row feature contributions by exact TreeSHAP, on the raw-score scale: rows × (features + 1), the
   * last column being the expected value; each row sums to `predictRaw` of that row.
   */
  predictContributions(X: Matrix): Dense {
    const f = this.model;
    const Xd = checkMatrix(X, 'X');
    if (Xd.cols !== f.nFeatures) {
      throw invalidInput(`X has ${Xd.cols} columns but the model was fitted on ${f.nFeatures}`);
    }
    const { bins } = binMatrix(f.mapper, Xd);
    const n = Xd.rows;
    const m = f.nFeatures;
    const out = new Float64Array(n * (m + 1));
    let depth = 0;
    let expected = f.initScore;
    for (const t of f.trees) {
      depth = Math.max(depth, treeDepth(t));
      expected += treeExpectedValue(t);
    }
    const scratch = new TreeShapScratch(depth);
    const phi = new Float64Array(m);
    for (let r = 0; r < n; r++) {
      phi.fill(0);
      for (const t of f.trees) treeShap(t, bins, n, r, 1, phi, scratch);
      out.set(phi, r * (m + 1));
      out[r * (m + 1) + m] = expected;
    }
    return { rows: n, cols: m + 1, data: out };
  }

  /** Total split gain ('gain', LightGBM importance_type) or number of splits ('split') per feature. */
  featureImportance(type: 'gain' | 'split' = 'gain'): Float64Array {
    const f = this.model;
    const imp = new Float64Array(f.nFeatures);
    for (const t of f.trees) {
      for (let k = 0; k < t.nInternal; k++) imp[t.splitFeature[k]] += type === 'gain' ? t.gain[k] : 1;
    }
    return imp;
  }

  toJSON(): ModelArtifact<GradientBoostingParams, GradientBoostingFitted> {
    return {
      kind: this.kind,
      version: 1,
      params: { ...this.params, categoricalFeatures: [...this.params.categoricalFeatures] },
      fitted: this.fitted,
    };
  }

  protected restore(a: ModelArtifact<GradientBoostingParams, GradientBoostingFitted>): void {
    if (a.kind !== this.kind) throw invalidInput(`artifact kind is '${a.kind}', expected '${this.kind}'`);
    this.plain = undefined;
    this.state = { ...a.fitted, trees: a.fitted.trees.map(treeFromJson) };
  }
}

export class GradientBoostingClassifier
  extends GradientBoostingBase
  implements Classifier<GradientBoostingParams, GradientBoostingFitted>
{
  protected readonly kind = 'GradientBoostingClassifier';

  fit(X: Matrix, y: Labels, o?: GradientBoostingFitOptions): this {
    const rows = X.rows;
    const { classes, encoded } = encodeBinary(y, rows, 'y');
    this.fitWith(X, encoded, logloss, classes, o);
    return this;
  }

  protected encodeEvalTarget(y: Labels, rows: number, classes: number[]): Float64Array {
    return encodeWithClasses(y, rows, classes, 'evalSet.y');
  }

  /** rows × 2: probability of classes[0] and of classes[1]. */
  predictProba(X: Matrix): Dense {
    const raw = this.predictRaw(X);
    const out = new Float64Array(raw.length * 2);
    for (let i = 0; i < raw.length; i++) {
      const p1 = sigmoid(raw[i]);
      out[2 * i] = 1 - p1;
      out[2 * i + 1] = p1;
    }
    return { rows: raw.length, cols: 2, data: out };
  }

  predict(X: Matrix): Int32Array {
    const raw = this.predictRaw(X);
    const { classes } = this.model;
    const out = new Int32Array(raw.length);
    for (let i = 0; i < raw.length; i++) out[i] = raw[i] > 0 ? classes[1] : classes[0];
    return out;
  }

  static fromJSON(a: ModelArtifact<GradientBoostingParams, unknown>): GradientBoostingClassifier {
    const m = new GradientBoostingClassifier(a.params);
    m.restore(a as ModelArtifact<GradientBoostingParams, GradientBoostingFitted>);
    return m;
  }
}

export class GradientBoostingRegressor
  extends GradientBoostingBase
  implements Regressor<GradientBoostingParams, GradientBoostingFitted>
{
  protected readonly kind = 'GradientBoostingRegressor';

  fit(X: Matrix, y: Labels, o?: GradientBoostingFitOptions): this {
    this.fitWith(X, encodeReal(y, X.rows, 'y'), squaredError, [], o);
    return this;
  }

  protected encodeEvalTarget(y: Labels, rows: number): Float64Array {
    return encodeReal(y, rows, 'evalSet.y');
  }

  predict(X: Matrix): Float64Array {
    return this.predictRaw(X);
  }

  static fromJSON(a: ModelArtifact<GradientBoostingParams, unknown>): GradientBoostingRegressor {
    const m = new GradientBoostingRegressor(a.params);
    m.restore(a as ModelArtifact<GradientBoostingParams, GradientBoostingFitted>);
    return m;
  }
}

/** Dense view of X with NaN allowed (missing) but ±Infinity, empty input and CSR shape errors rejected. */
function checkMatrix(X: Matrix, what: string): Dense {
  const d = isCsr(X) ? csrToDense(X) : X;
  if (d.rows === 0) throw invalidInput(`${what} is empty: at least one row is required`);
  if (d.cols === 0) throw invalidInput(`${what} has no columns`);
  if (d.data.length !== d.rows * d.cols) {
    throw invalidInput(`${what} data has length ${d.data.length}, expected rows*cols = ${d.rows * d.cols}`);
  }
  const { data, cols } = d;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) {
      throw invalidInput(`${what} row ${Math.floor(i / cols)}, column ${i % cols}: value ${v} is not finite`);
    }
  }
  return d;
}

function checkCategorical(cols: unknown, nFeatures: number): Set<number> {
  if (!Array.isArray(cols)) throw invalidInput('categoricalFeatures must be an array of column indices');
  for (const c of cols) {
    if (!Number.isInteger(c) || c < 0 || c >= nFeatures) {
      throw invalidInput(`categoricalFeatures: column ${String(c)} is not in [0, ${nFeatures})`);
    }
  }
  return new Set(cols as number[]);
}

function checkLength(y: Labels, rows: number, what: string): void {
  if (y.length !== rows) throw invalidInput(`${what} has ${y.length} values but X has ${rows} rows`);
}

function encodeReal(y: Labels, rows: number, what: string): Float64Array {
  checkLength(y, rows, what);
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    if (!Number.isFinite(y[i])) throw invalidInput(`${what} row ${i}: value ${y[i]} is not finite`);
    out[i] = y[i];
  }
  return out;
}

function encodeBinary(y: Labels, rows: number, what: string): { classes: number[]; encoded: Float64Array } {
  checkLength(y, rows, what);
  const seen = new Set<number>();
  for (let i = 0; i < rows; i++) {
    if (!Number.isInteger(y[i]))
      throw invalidInput(`${what} row ${i}: class label ${y[i]} is not an integer`);
    seen.add(y[i]);
  }
  const classes = [...seen].sort((a, b) => a - b);
  if (classes.length !== 2) {
    throw invalidInput(
      `${what} must hold exactly two classes for binary logloss; got ${classes.length} (${classes.slice(0, 5).join(', ')})`,
    );
  }
  return { classes, encoded: encodeWithClasses(y, rows, classes, what) };
}

function encodeWithClasses(y: Labels, rows: number, classes: number[], what: string): Float64Array {
  checkLength(y, rows, what);
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const k = classes.indexOf(y[i]);
    if (k < 0) throw invalidInput(`${what} row ${i}: class ${y[i]} was not seen in y`);
    out[i] = k;
  }
  return out;
}
