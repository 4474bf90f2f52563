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
import { assertFinite, csrToDense, type Dense, isCsr, type Matrix } from '../matrix.js';
import { Rng } from '../random.js';

/**
 * A small multi-layer perceptron on typed arrays: dense layers with ReLU, inverted dropout, Adam
 * (Kingma & Ba 2015, Algorithm 1) on mini-batches, L2 penalty, Glorot-uniform initialisation
 * (Glorot & Bengio 2010, as scikit-learn's MLP does) and early stopping on a held-out fraction.
 * Softmax + cross-entropy for classification, identity + squared error for regression.
 */
export interface MlpParams {
  hiddenLayers: number[];
  /** Probability of zeroing a hidden unit during training. */
  dropout: number;
  learningRate: number;
  batchSize: number;
  maxEpochs: number;
  /** L2 penalty (scikit-learn's alpha). */
  l2: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** Hold out `validationFraction` of the rows and stop when their loss stops improving. */
  earlyStopping: boolean;
  validationFraction: number;
  /** Epochs without an improvement larger than `tol` before stopping. */
  patience: number;
  tol: number;
  seed: number;
}

export const MLP_DEFAULTS: MlpParams = {
  hiddenLayers: [64, 32],
  dropout: 0,
  learningRate: 1e-3,
  batchSize: 256,
  maxEpochs: 200,
  l2: 1e-4,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  earlyStopping: true,
  validationFraction: 0.1,
  patience: 10,
  tol: 1e-4,
  seed: 42,
};

export const MLP_PARAM_TABLE: ParamTable<MlpParams> = {
  hiddenLayers: { type: 'any' },
  dropout: { type: 'number', min: 0, max: 0.95 },
  learningRate: { type: 'number', min: 0, exclusiveMin: true },
  batchSize: { type: 'number', min: 1, integer: true },
  maxEpochs: { type: 'number', min: 1, integer: true },
  l2: { type: 'number', min: 0 },
  beta1: { type: 'number', min: 0, max: 1 },
  beta2: { type: 'number', min: 0, max: 1 },
  epsilon: { type: 'number', min: 0, exclusiveMin: true },
  earlyStopping: { type: 'boolean' },
  validationFraction: { type: 'number', min: 0, max: 0.9, exclusiveMin: true },
  patience: { type: 'number', min: 1, integer: true },
  tol: { type: 'number', min: 0 },
  seed: { type: 'number', integer: true },
};

export interface MlpFitted {
  /** Layer sizes from input to output. */
  sizes: number[];
  /** weights[l]: sizes[l] × sizes[l+1], row-major. */
  weights: number[][];
  biases: number[][];
  /** Classifier: class labels of the outputs; regressor: []. */
  classes: number[];
  /** Regressor: target mean and scale the outputs are trained on. */
  yMean: number;
  yScale: number;
  epochs: number;
  /** False when maxEpochs ran out before the stopping rule fired (reported, never thrown). */
  converged: boolean;
  lossCurve: number[];
  validationLoss: number[];
}

interface Net {
  sizes: number[];
  W: Float64Array[];
  b: Float64Array[];
}

/** Forward pass of a batch; `acts[0]` holds the input, `acts[L]` the output scores. */
function forward(
  net: Net,
  acts: Float64Array[],
  rows: number,
  dropMasks: Uint8Array[] | null,
  keepScale: number,
): void {
  const L = net.sizes.length - 1;
  for (let l = 0; l < L; l++) {
    const nin = net.sizes[l];
    const nout = net.sizes[l + 1];
    const inp = acts[l];
    const out = acts[l + 1];
    const W = net.W[l];
    const b = net.b[l];
    for (let r = 0; r < rows; r++) {
      const o = r * nout;
      for (let j = 0; j < nout; j++) out[o + j] = b[j];
      for (let i = 0; i < nin; i++) {
        const a = inp[r * nin + i];
        if (a === 0) continue; // ReLU and one-hot inputs are sparse
        const w = i * nout;
        for (let j = 0; j < nout; j++) out[o + j] += a * W[w + j];
      }
      if (l < L - 1) {
        const mask = dropMasks?.[l];
        for (let j = 0; j < nout; j++) {
          let v = Math.max(out[o + j], 0);
          if (mask) v = mask[o + j] === 1 ? v * keepScale : 0;
          out[o + j] = v;
        }
      }
    }
  }
}

/** Softmax in place over each row of the output layer; returns the summed cross-entropy. */
function softmaxLoss(out: Float64Array, rows: number, k: number, target: Int32Array | null): number {
  let loss = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * k;
    let mx = out[o];
    for (let j = 1; j < k; j++) if (out[o + j] > mx) mx = out[o + j];
    let s = 0;
    for (let j = 0; j < k; j++) {
      out[o + j] = Math.exp(out[o + j] - mx);
      s += out[o + j];
    }
    for (let j = 0; j < k; j++) out[o + j] /= s;
    if (target) loss -= Math.log(Math.max(out[o + target[r]], 1e-300));
  }
  return loss;
}

abstract class MlpBase {
  readonly params: Readonly<MlpParams>;
  protected state: MlpFitted | undefined;
  protected abstract readonly kind: string;

  constructor(params: Partial<MlpParams> = {}) {
    this.params = { ...MLP_DEFAULTS, ...params };
  }

  get fitted(): MlpFitted {
    return requireFitted(this.state, this.kind);
  }

  protected checkX(X: Matrix): Dense {
    const d = isCsr(X) ? csrToDense(X) : X;
    assertFinite(d, 'X');
    return d;
  }

  /**
   * Train on rows of X with integer targets (classification, k outputs) or real targets (k = 1).
   * Returns the learned state.
   */
  protected train(
    X: Dense,
    yInt: Int32Array | null,
    yReal: Float64Array | null,
    k: number,
    o: FitOptions = {},
  ): Omit<MlpFitted, 'classes' | 'yMean' | 'yScale'> {
    const p = this.params;
    validateParams(this.kind, p, MLP_PARAM_TABLE);
    if (!Array.isArray(p.hiddenLayers) || p.hiddenLayers.some((h) => !Number.isInteger(h) || h < 1)) {
      throw invalidInput(`${this.kind}: parameter 'hiddenLayers' must be an array of positive integers`);
    }
    const rng = new Rng(p.seed);
    const n = X.rows;
    const sizes = [X.cols, ...p.hiddenLayers, k];
    const L = sizes.length - 1;
    const net: Net = { sizes, W: [], b: [] };
    for (let l = 0; l < L; l++) {
      // Glorot uniform; scikit-learn uses sqrt(6 / (fan_in + fan_out)) for ReLU nets too.
      const bound = Math.sqrt(6 / (sizes[l] + sizes[l + 1]));
      net.W.push(Float64Array.from({ length: sizes[l] * sizes[l + 1] }, () => (2 * rng.next() - 1) * bound));
      net.b.push(Float64Array.from({ length: sizes[l + 1] }, () => (2 * rng.next() - 1) * bound));
    }
    // Hold-out split for early stopping (seeded, and stratified enough for our purposes by shuffling).
    const perm = rng.permutation(n);
    let nVal = p.earlyStopping ? Math.floor(n * p.validationFraction) : 0;
    if (nVal < 1 || n - nVal < 1) nVal = 0;
    const valRows = perm.subarray(0, nVal);
    const trainRows = Int32Array.from(perm.subarray(nVal));
    const nTrain = trainRows.length;
    const B = Math.min(p.batchSize, nTrain);

    const acts = sizes.map((s) => new Float64Array(B * s));
    const deltas = sizes.map((s) => new Float64Array(B * s));
    const dropMasks = p.dropout > 0 ? sizes.slice(1, -1).map((s) => new Uint8Array(B * s)) : null;
    const keepScale = 1 / (1 - p.dropout);
    const gW = net.W.map((w) => new Float64Array(w.length));
    const gb = net.b.map((b) => new Float64Array(b.length));
    const mW = net.W.map((w) => new Float64Array(w.length));
    const vW = net.W.map((w) => new Float64Array(w.length));
    const mb = net.b.map((b) => new Float64Array(b.length));
    const vb = net.b.map((b) => new Float64Array(b.length));
    const batchInt = new Int32Array(B);
    const batchReal = new Float64Array(B);
    let step = 0;

    const lossCurve: number[] = [];
    const validationLoss: number[] = [];
    let best = Number.POSITIVE_INFINITY;
    let bestW = net.W.map((w) => w.slice());
    let bestB = net.b.map((b) => b.slice());
    let noImprove = 0;
    let converged = false;
    let epoch = 0;

    const evalLoss = (rows: Int32Array): number => {
      const evalActs = sizes.map((s) => new Float64Array(Math.min(rows.length, 1024) * s));
      let total = 0;
      for (let s = 0; s < rows.length; s += 1024) {
        const m = Math.min(1024, rows.length - s);
        for (let i = 0; i < m; i++) {
          evalActs[0].set(X.data.subarray(rows[s + i] * X.cols, (rows[s + i] + 1) * X.cols), i * X.cols);
        }
        forward(net, evalActs, m, null, 1);
        const out = evalActs[L];
        if (yInt) {
          const t = Int32Array.from({ length: m }, (_, i) => yInt[rows[s + i]]);
          total += softmaxLoss(out, m, k, t);
        } else if (yReal) {
          for (let i = 0; i < m; i++) total += 0.5 * (out[i] - yReal[rows[s + i]]) ** 2;
        }
      }
      return total / rows.length;
    };

    for (epoch = 1; epoch <= p.maxEpochs; epoch++) {
      o.signal?.throwIfAborted();
      rng.shuffle(trainRows);
      let epochLoss = 0;
      for (let s = 0; s < nTrain; s += B) {
        const m = Math.min(B, nTrain - s);
        const inp = acts[0];
        for (let i = 0; i < m; i++) {
          const r = trainRows[s + i];
          inp.set(X.data.subarray(r * X.cols, (r + 1) * X.cols), i * X.cols);
          if (yInt) batchInt[i] = yInt[r];
          else if (yReal) batchReal[i] = yReal[r];
        }
        if (dropMasks) {
          for (const mask of dropMasks)
            for (let i = 0; i < m * (mask.length / B); i++) mask[i] = rng.next() >= p.dropout ? 1 : 0;
        }
        forward(net, acts, m, dropMasks, keepScale);
        // Output delta: dLoss/dScore averaged over the batch.
        const out = acts[L];
        const dOut = deltas[L];
        if (yInt) {
          epochLoss += softmaxLoss(out, m, k, batchInt);
          for (let i = 0; i < m; i++) {
            for (let j = 0; j < k; j++) dOut[i * k + j] = (out[i * k + j] - (batchInt[i] === j ? 1 : 0)) / m;
          }
        } else {
          for (let i = 0; i < m; i++) {
            const e = out[i] - batchReal[i];
            epochLoss += 0.5 * e * e;
            dOut[i] = e / m;
          }
        }
        // Backward.
        for (let l = L - 1; l >= 0; l--) {
          const nin = sizes[l];
          const nout = sizes[l + 1];
          const a = acts[l];
          const d = deltas[l + 1];
          const W = net.W[l];
          const g = gW[l];
          const gbl = gb[l];
          // scikit-learn scales the penalty like the loss: alpha·W / batch size.
          for (let i = 0; i < g.length; i++) g[i] = (p.l2 * W[i]) / m;
          gbl.fill(0);
          for (let r = 0; r < m; r++) {
            const dr = r * nout;
            for (let j = 0; j < nout; j++) gbl[j] += d[dr + j];
            for (let i = 0; i < nin; i++) {
              const av = a[r * nin + i];
              if (av === 0) continue;
              const w = i * nout;
              for (let j = 0; j < nout; j++) g[w + j] += av * d[dr + j];
            }
          }
          if (l > 0) {
            const dIn = deltas[l];
            for (let r = 0; r < m; r++) {
              for (let i = 0; i < nin; i++) {
                const av = a[r * nin + i];
                // ReLU derivative (and dropout: a dropped unit has activation 0, so no gradient).
                if (av <= 0) {
                  dIn[r * nin + i] = 0;
                  continue;
                }
                let s2 = 0;
                const w = i * nout;
                for (let j = 0; j < nout; j++) s2 += W[w + j] * d[r * nout + j];
                dIn[r * nin + i] = dropMasks ? s2 * keepScale : s2;
              }
            }
          }
        }
        // Adam update with bias correction.
        step++;
        const c1 = 1 - p.beta1 ** step;
        const c2 = 1 - p.beta2 ** step;
        const lr = (p.learningRate * Math.sqrt(c2)) / c1;
        for (let l = 0; l < L; l++) {
          adam(net.W[l], gW[l], mW[l], vW[l], p.beta1, p.beta2, lr, p.epsilon);
          adam(net.b[l], gb[l], mb[l], vb[l], p.beta1, p.beta2, lr, p.epsilon);
        }
      }
      lossCurve.push(epochLoss / nTrain);
      const monitored = nVal > 0 ? evalLoss(valRows) : epochLoss / nTrain;
      if (nVal > 0) validationLoss.push(monitored);
      if (monitored < best - p.tol) {
        best = monitored;
        noImprove = 0;
        if (nVal > 0) {
          bestW = net.W.map((w) => w.slice());
          bestB = net.b.map((b) => b.slice());
        }
      } else if (++noImprove >= p.patience) {
        converged = true;
        break;
      }
      o.onProgress?.(epoch / p.maxEpochs);
    }
    if (nVal > 0) {
      net.W = bestW;
      net.b = bestB;
    }
    return {
      sizes,
      weights: net.W.map((w) => Array.from(w)),
      biases: net.b.map((b) => Array.from(b)),
      epochs: Math.min(epoch, p.maxEpochs),
      converged,
      lossCurve,
      validationLoss,
    };
  }

  /** Output-layer scores (before softmax) of every row. */
  protected outputs(X: Matrix): { out: Float64Array; k: number; rows: number } {
    const f = this.fitted;
    const d = this.checkX(X);
    if (d.cols !== f.sizes[0]) {
      throw invalidInput(`X has ${d.cols} columns but the network was fitted on ${f.sizes[0]}`);
    }
    const net = this.net ?? this.buildNet(f);
    const L = f.sizes.length - 1;
    const k = f.sizes[L];
    const chunk = 1024;
    const acts = f.sizes.map((s) => new Float64Array(Math.min(chunk, d.rows) * s));
    const out = new Float64Array(d.rows * k);
    for (let s = 0; s < d.rows; s += chunk) {
      const m = Math.min(chunk, d.rows - s);
      acts[0].set(d.data.subarray(s * d.cols, (s + m) * d.cols));
      forward(net, acts, m, null, 1);
      out.set(acts[L].subarray(0, m * k), s * k);
    }
    return { out, k, rows: d.rows };
  }

  private net: Net | undefined;
  private buildNet(f: MlpFitted): Net {
    this.net = {
      sizes: f.sizes,
      W: f.weights.map((w) => Float64Array.from(w)),
      b: f.biases.map((b) => Float64Array.from(b)),
    };
    return this.net;
  }

  protected setState(s: MlpFitted | undefined): void {
    this.state = s;
    this.net = undefined;
  }

  toJSON(): ModelArtifact<MlpParams, MlpFitted> {
    return {
      kind: this.kind,
      version: 1,
      params: { ...this.params, hiddenLayers: [...this.params.hiddenLayers] },
      fitted: this.fitted,
    };
  }

  protected restore(a: ModelArtifact<unknown, unknown>): void {
    if (a.kind !== this.kind) throw invalidInput(`artifact kind is '${a.kind}', expected '${this.kind}'`);
    this.setState(a.fitted as MlpFitted);
  }
}

function adam(
  w: Float64Array,
  g: Float64Array,
  m: Float64Array,
  v: Float64Array,
  b1: number,
  b2: number,
  lr: number,
  eps: number,
): void {
  for (let i = 0; i < w.length; i++) {
    m[i] = b1 * m[i] + (1 - b1) * g[i];
    v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
    w[i] -= (lr * m[i]) / (Math.sqrt(v[i]) + eps);
  }
}

export class MlpClassifier extends MlpBase implements Classifier<MlpParams, MlpFitted> {
  protected readonly kind = 'MlpClassifier';

  fit(X: Matrix, y: Labels, o?: FitOptions): this {
    this.setState(undefined);
    const d = this.checkX(X);
    if (y.length !== d.rows) throw invalidInput(`y has ${y.length} values but X has ${d.rows} rows`);
    const seen = new Set<number>();
    for (let i = 0; i < y.length; i++) {
      if (!Number.isInteger(y[i])) throw invalidInput(`y row ${i}: class label ${y[i]} is not an integer`);
      seen.add(y[i]);
    }
    const classes = [...seen].sort((a, b) => a - b);
    if (classes.length < 2) throw invalidInput('y must hold at least two classes');
    const index = new Map(classes.map((c, i) => [c, i]));
    const yInt = Int32Array.from(y as ArrayLike<number>, (v) => index.get(v) as number);
    const learned = this.train(d, yInt, null, classes.length, o);
    this.setState({ ...learned, classes, yMean: 0, yScale: 1 });
    return this;
  }

  predictProba(X: Matrix): Dense {
    const { out, k, rows } = this.outputs(X);
    softmaxLoss(out, rows, k, null);
    return { rows, cols: k, data: out };
  }

  predict(X: Matrix): Int32Array {
    const p = this.predictProba(X);
    const { classes } = this.fitted;
    const out = new Int32Array(p.rows);
    for (let r = 0; r < p.rows; r++) {
      let best = 0;
      for (let j = 1; j < p.cols; j++) if (p.data[r * p.cols + j] > p.data[r * p.cols + best]) best = j;
      out[r] = classes[best];
    }
    return out;
  }

  static fromJSON(a: ModelArtifact<MlpParams, unknown>): MlpClassifier {
    const m = new MlpClassifier(a.params);
    m.restore(a);
    return m;
  }
}

export class MlpRegressor extends MlpBase implements Regressor<MlpParams, MlpFitted> {
  protected readonly kind = 'MlpRegressor';

  fit(X: Matrix, y: Labels, o?: FitOptions): this {
    this.setState(undefined);
    const d = this.checkX(X);
    if (y.length !== d.rows) throw invalidInput(`y has ${y.length} values but X has ${d.rows} rows`);
    let mean = 0;
    for (let i = 0; i < y.length; i++) {
      if (!Number.isFinite(y[i])) throw invalidInput(`y row ${i}: value ${y[i]} is not finite`);
      mean += y[i];
    }
    mean /= y.length;
    let v = 0;
    for (let i = 0; i < y.length; i++) v += (y[i] - mean) ** 2;
    // Train on a standardised target so the default learning rate suits any unit (euros, days...).
    const scale = Math.sqrt(v / y.length) || 1;
    const yReal = Float64Array.from(y as ArrayLike<number>, (t) => (t - mean) / scale);
    const learned = this.train(d, null, yReal, 1, o);
    this.setState({ ...learned, classes: [], yMean: mean, yScale: scale });
    return this;
  }

  predict(X: Matrix): Float64Array {
    const { out } = this.outputs(X);
    const { yMean, yScale } = this.fitted;
    for (let i = 0; i < out.length; i++) out[i] = out[i] * yScale + yMean;
    return out;
  }

  static fromJSON(a: ModelArtifact<MlpParams, unknown>): MlpRegressor {
    const m = new MlpRegressor(a.params);
    m.restore(a);
    return m;
  }
}
