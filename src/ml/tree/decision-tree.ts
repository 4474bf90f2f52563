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

/**
 * CART (Breiman et al. 1984) as scikit-learn builds it (`sklearn/tree/_splitter.pyx`, `_tree.pyx`):
 * exact thresholds halfway between consecutive distinct values, `x <= threshold` goes left, best-first
 * growth when the number of leaves is capped (the result is the same as depth-first when it is not).
 * Every feature keeps its rows presorted and each split partitions those orders stably, so no node
 * sorts anything (SPRINT, Shafer et al. 1996).
 */
export interface DecisionTreeClassifierParams {
  criterion: 'gini' | 'entropy';
  /** Root has depth 0; null = unlimited. */
  maxDepth: number | null;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  maxLeafNodes: number | null;
}

export interface DecisionTreeRegressorParams extends Omit<DecisionTreeClassifierParams, 'criterion'> {
  criterion: 'squared_error';
}

/** Learned tree, node-indexed; a leaf has feature −1. */
export interface DecisionTreeFitted {
  nFeatures: number;
  /** Classifier: the class labels (value column j is classes[j]); regressor: []. */
  classes: number[];
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  /** Classifier: nClasses class fractions per node; regressor: the node mean. */
  value: number[];
  nSamples: number[];
  impurity: number[];
}

const COMMON_RULES = {
  maxDepth: { type: 'number', min: 1, integer: true, nullable: true },
  minSamplesSplit: { type: 'number', min: 2, integer: true },
  minSamplesLeaf: { type: 'number', min: 1, integer: true },
  maxLeafNodes: { type: 'number', min: 2, integer: true, nullable: true },
} as const;

export const DECISION_TREE_CLASSIFIER_PARAM_TABLE: ParamTable<DecisionTreeClassifierParams> = {
  criterion: { type: 'enum', values: ['gini', 'entropy'] },
  ...COMMON_RULES,
};

export const DECISION_TREE_REGRESSOR_PARAM_TABLE: ParamTable<DecisionTreeRegressorParams> = {
  criterion: { type: 'enum', values: ['squared_error'] },
  ...COMMON_RULES,
};

/** sklearn's FEATURE_THRESHOLD: values closer than this are not split apart. */
const FEATURE_THRESHOLD = 1e-7;

interface Candidate {
  node: number;
  begin: number;
  end: number;
  depth: number;
  feature: number;
  threshold: number;
  /** Position in the sorted range where the right child starts. */
  cut: number;
  /** Weighted impurity decrease n_t·i(t) − n_L·i(L) − n_R·i(R). */
  improvement: number;
}

/** Growth engine shared by classifier and regressor; `k` = number of classes, 0 for regression. */
function growTree(
  X: Dense,
  target: Float64Array,
  k: number,
  criterion: 'gini' | 'entropy' | 'squared_error',
  p: Omit<DecisionTreeClassifierParams, 'criterion'>,
): Omit<DecisionTreeFitted, 'classes'> {
  const n = X.rows;
  const m = X.cols;
  const data = X.data;
  // sorted[f*n + i]: rows of each node's range in ascending order of feature f.
  const sorted = new Int32Array(n * m);
  const tmp = new Int32Array(n);
  const col = new Float64Array(n);
  const rank = new Int32Array(n);
  for (let f = 0; f < m; f++) {
    for (let r = 0; r < n; r++) col[r] = data[r * m + f];
    argsortStable(col, rank, sorted.subarray(f * n, (f + 1) * n));
  }
  const goesLeft = new Uint8Array(n);
  const leftStats = new Float64Array(Math.max(k, 2));
  const totalStats = new Float64Array(Math.max(k, 2));

  const tree: Omit<DecisionTreeFitted, 'classes'> = {
    nFeatures: m,
    feature: [],
    threshold: [],
    left: [],
    right: [],
    value: [],
    nSamples: [],
    impurity: [],
  };

  // Node statistics: class counts, or (sum, sum of squares) for regression.
  const stats = (begin: number, end: number, out: Float64Array): void => {
    out.fill(0);
    for (let i = begin; i < end; i++) {
      const y = target[sorted[i]];
      if (k > 0) out[y]++;
      else {
        out[0] += y;
        out[1] += y * y;
      }
    }
  };
  // n·impurity of a node from its statistics.
  const weightedImpurity = (s: Float64Array, cnt: number): number => {
    if (cnt === 0) return 0;
    if (k === 0) return Math.max(0, s[1] - (s[0] * s[0]) / cnt);
    let acc = 0;
    if (criterion === 'gini') {
      for (let c = 0; c < k; c++) acc += s[c] * s[c];
      return cnt - acc / cnt;
    }
    for (let c = 0; c < k; c++) if (s[c] > 0) acc -= s[c] * Math.log2(s[c] / cnt);
    return acc;
  };
  const rightStats = new Float64Array(Math.max(k, 2));

  const addNode = (begin: number, end: number): number => {
    const id = tree.feature.length;
    stats(begin, end, totalStats);
    const cnt = end - begin;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.nSamples.push(cnt);
    tree.impurity.push(weightedImpurity(totalStats, cnt) / cnt);
    if (k > 0) for (let c = 0; c < k; c++) tree.value.push(totalStats[c] / cnt);
    else tree.value.push(totalStats[0] / cnt);
    return id;
  };

  // Best split of the node whose rows occupy [begin, end) of every feature's order (range of feature 0).
  const findSplit = (c: Candidate): void => {
    c.feature = -1;
    c.improvement = 0;
    const cnt = c.end - c.begin;
    if (
      (p.maxDepth !== null && c.depth >= p.maxDepth) ||
      cnt < p.minSamplesSplit ||
      cnt < 2 * p.minSamplesLeaf ||
      tree.impurity[c.node] <= 1e-12
    )
      return;
    stats(c.begin, c.end, totalStats);
    const parent = weightedImpurity(totalStats, cnt);
    let best = Number.POSITIVE_INFINITY;
    for (let f = 0; f < m; f++) {
      const base = f * n;
      leftStats.fill(0);
      for (let i = c.begin; i < c.end - 1; i++) {
        const r = sorted[base + i];
        const y = target[r];
        if (k > 0) leftStats[y]++;
        else {
          leftStats[0] += y;
          leftStats[1] += y * y;
        }
        const nl = i + 1 - c.begin;
        if (nl < p.minSamplesLeaf) continue;
        const nr = cnt - nl;
        if (nr < p.minSamplesLeaf) break;
        const xv = data[r * m + f];
        const xn = data[sorted[base + i + 1] * m + f];
        if (xn <= xv + FEATURE_THRESHOLD) continue;
        for (let j = 0; j < leftStats.length; j++) rightStats[j] = totalStats[j] - leftStats[j];
        const child = weightedImpurity(leftStats, nl) + weightedImpurity(rightStats, nr);
        // Relative tolerance so float noise cannot make a later, equivalent split win a tie.
        if (c.feature < 0 || child < best - 1e-12 * Math.abs(best)) {
          best = child;
          c.feature = f;
          c.cut = i + 1;
          let t = xv / 2 + xn / 2;
          if (t === xn || !Number.isFinite(t)) t = xv;
          c.threshold = t;
        }
      }
    }
    if (c.feature >= 0) c.improvement = parent - best;
    if (c.improvement <= 0) c.feature = -1;
  };

  const root: Candidate = {
    node: addNode(0, n),
    begin: 0,
    end: n,
    depth: 0,
    feature: -1,
    threshold: 0,
    cut: 0,
    improvement: 0,
  };
  findSplit(root);
  const frontier: Candidate[] = [root];
  let leaves = 1;
  const maxLeaves = p.maxLeafNodes ?? Number.POSITIVE_INFINITY;
  while (frontier.length > 0 && leaves < maxLeaves) {
    // Best-first: expand the candidate with the largest impurity decrease (first one on ties).
    let bi = -1;
    for (let i = 0; i < frontier.length; i++) {
      if (frontier[i].feature >= 0 && (bi < 0 || frontier[i].improvement > frontier[bi].improvement)) bi = i;
    }
    if (bi < 0) break;
    const c = frontier[bi];
    frontier.splice(bi, 1);
    // Mark rows going left, then stably partition every feature's order within the range.
    const fb = c.feature * n;
    for (let i = c.begin; i < c.end; i++) goesLeft[sorted[fb + i]] = i < c.cut ? 1 : 0;
    for (let f = 0; f < m; f++) {
      const base = f * n;
      let w = base + c.begin;
      let nr = 0;
      for (let i = c.begin; i < c.end; i++) {
        const r = sorted[base + i];
        if (goesLeft[r] === 1) sorted[w++] = r;
        else tmp[nr++] = r;
      }
      sorted.set(tmp.subarray(0, nr), w);
    }
    tree.feature[c.node] = c.feature;
    tree.threshold[c.node] = c.threshold;
    const mk = (begin: number, end: number): Candidate => {
      const cand: Candidate = {
        node: addNode(begin, end),
        begin,
        end,
        depth: c.depth + 1,
        feature: -1,
        threshold: 0,
        cut: 0,
        improvement: 0,
      };
      findSplit(cand);
      return cand;
    };
    const l = mk(c.begin, c.cut);
    const r = mk(c.cut, c.end);
    tree.left[c.node] = l.node;
    tree.right[c.node] = r.node;
    leaves++;
    frontier.push(l, r);
  }
  return tree;
}

/**
 * Rows in ascending order of `values`, ties by row index, without a comparator sort: the native
 * typed-array sort finds the distinct values, a binary search ranks each row, a counting sort places
 * them (a comparator-based argsort was most of the fit time on one-hot data).
 */
function argsortStable(values: Float64Array, rank: Int32Array, out: Int32Array): void {
  const n = values.length;
  const sortedValues = values.slice().sort();
  let d = 0;
  for (let i = 0; i < n; i++)
    if (i === 0 || sortedValues[i] !== sortedValues[d - 1]) sortedValues[d++] = sortedValues[i];
  const counts = new Int32Array(d + 1);
  for (let r = 0; r < n; r++) {
    const v = values[r];
    let lo = 0;
    let hi = d - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sortedValues[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    rank[r] = lo;
    counts[lo + 1]++;
  }
  for (let i = 0; i < d; i++) counts[i + 1] += counts[i];
  for (let r = 0; r < n; r++) out[counts[rank[r]]++] = r;
}

abstract class DecisionTreeBase<P extends DecisionTreeClassifierParams | DecisionTreeRegressorParams> {
  readonly params: Readonly<P>;
  protected state: DecisionTreeFitted | undefined;
  protected abstract readonly kind: string;

  constructor(params: P) {
    this.params = params;
  }

  get fitted(): DecisionTreeFitted {
    return requireFitted(this.state, this.kind);
  }

  protected checkX(X: Matrix, what = 'X'): Dense {
    const d = isCsr(X) ? csrToDense(X) : X;
    assertFinite(d, what);
    if (this.state && d.cols !== this.state.nFeatures) {
      throw invalidInput(`${what} has ${d.cols} columns but the tree was fitted on ${this.state.nFeatures}`);
    }
    return d;
  }

  /** Leaf node reached by each row. */
  apply(X: Matrix): Int32Array {
    const t = this.fitted;
    const d = this.checkX(X);
    const out = new Int32Array(d.rows);
    for (let r = 0; r < d.rows; r++) {
      let node = 0;
      while (t.feature[node] >= 0) {
        node = d.data[r * d.cols + t.feature[node]] <= t.threshold[node] ? t.left[node] : t.right[node];
      }
      out[r] = node;
    }
    return out;
  }

  /** Mean impurity decrease per feature, normalised to sum to 1 (sklearn `feature_importances_`). */
  featureImportance(): Float64Array {
    const t = this.fitted;
    const imp = new Float64Array(t.nFeatures);
    for (let i = 0; i < t.feature.length; i++) {
      const f = t.feature[i];
      if (f < 0) continue;
      const l = t.left[i];
      const r = t.right[i];
      imp[f] += t.nSamples[i] * t.impurity[i] - t.nSamples[l] * t.impurity[l] - t.nSamples[r] * t.impurity[r];
    }
    const s = imp.reduce((a, b) => a + b, 0);
    if (s > 0) for (let f = 0; f < imp.length; f++) imp[f] /= s;
    return imp;
  }

  /**
   * Readable rules, one per leaf: "if recency_days <= 30.5 and orders > 2.5 then churn = 1
   * (probability 0.83, 120 customers)". Repeated tests on one feature are merged into one bound.
   */
  exportRules(o: { featureNames?: string[]; targetName?: string; digits?: number } = {}): string[] {
    const t = this.fitted;
    const name = (f: number) => o.featureNames?.[f] ?? `x${f}`;
    const digits = o.digits ?? 4;
    const fmt = (v: number) => String(Number(v.toPrecision(digits)));
    const target = o.targetName ?? (t.classes.length > 0 ? 'class' : 'value');
    const rules: string[] = [];
    const k = t.classes.length;
    const walk = (node: number, lo: Map<number, number>, hi: Map<number, number>): void => {
      if (t.feature[node] < 0) {
        const conds: string[] = [];
        const feats = [...new Set([...lo.keys(), ...hi.keys()])].sort((a, b) => a - b);
        for (const f of feats) {
          if (lo.has(f)) conds.push(`${name(f)} > ${fmt(lo.get(f) as number)}`);
          if (hi.has(f)) conds.push(`${name(f)} <= ${fmt(hi.get(f) as number)}`);
        }
        const head = conds.length > 0 ? `if ${conds.join(' and ')} then` : 'always';
        const n = t.nSamples[node];
        if (k > 0) {
          let best = 0;
          for (let c = 1; c < k; c++) if (t.value[node * k + c] > t.value[node * k + best]) best = c;
          rules.push(
            `${head} ${target} = ${t.classes[best]} (probability ${fmt(t.value[node * k + best])}, ${n} samples)`,
          );
        } else {
          rules.push(`${head} ${target} = ${fmt(t.value[node])} (${n} samples)`);
        }
        return;
      }
      const f = t.feature[node];
      const th = t.threshold[node];
      const hiL = new Map(hi);
      hiL.set(f, Math.min(hi.get(f) ?? Number.POSITIVE_INFINITY, th));
      walk(t.left[node], lo, hiL);
      const loR = new Map(lo);
      loR.set(f, Math.max(lo.get(f) ?? Number.NEGATIVE_INFINITY, th));
      walk(t.right[node], loR, hi);
    };
    walk(0, new Map(), new Map());
    return rules;
  }

  toJSON(): ModelArtifact<P, DecisionTreeFitted> {
    return { kind: this.kind, version: 1, params: { ...this.params }, fitted: this.fitted };
  }

  protected restore(a: ModelArtifact<unknown, unknown>): void {
    if (a.kind !== this.kind) throw invalidInput(`artifact kind is '${a.kind}', expected '${this.kind}'`);
    this.state = a.fitted as DecisionTreeFitted;
  }
}

function checkY(y: Labels, rows: number): void {
  if (y.length !== rows) throw invalidInput(`y has ${y.length} values but X has ${rows} rows`);
  for (let i = 0; i < rows; i++) {
    if (!Number.isFinite(y[i])) throw invalidInput(`y row ${i}: value ${y[i]} is not finite`);
  }
}

export class DecisionTreeClassifier
  extends DecisionTreeBase<DecisionTreeClassifierParams>
  implements Classifier<DecisionTreeClassifierParams, DecisionTreeFitted>
{
  protected readonly kind = 'DecisionTreeClassifier';

  constructor(params: Partial<DecisionTreeClassifierParams> = {}) {
    super({
      criterion: 'gini',
      maxDepth: null,
      minSamplesSplit: 2,
      minSamplesLeaf: 1,
      maxLeafNodes: null,
      ...params,
    });
  }

  fit(X: Matrix, y: Labels, _o?: FitOptions): this {
    validateParams(this.kind, this.params, DECISION_TREE_CLASSIFIER_PARAM_TABLE);
    this.state = undefined;
    const d = this.checkX(X);
    checkY(y, d.rows);
    const classes = [...new Set(Array.from(y as ArrayLike<number>))].sort((a, b) => a - b);
    const index = new Map(classes.map((c, i) => [c, i]));
    const target = Float64Array.from(y as ArrayLike<number>, (v) => index.get(v) as number);
    const grown = growTree(d, target, classes.length, this.params.criterion, this.params);
    this.state = { ...grown, classes };
    return this;
  }

  predictProba(X: Matrix): Dense {
    const t = this.fitted;
    const leaves = this.apply(X);
    const k = t.classes.length;
    const out = new Float64Array(leaves.length * k);
    for (let r = 0; r < leaves.length; r++) {
      for (let c = 0; c < k; c++) out[r * k + c] = t.value[leaves[r] * k + c];
    }
    return { rows: leaves.length, cols: k, data: out };
  }

  predict(X: Matrix): Int32Array {
    const t = this.fitted;
    const p = this.predictProba(X);
    const k = t.classes.length;
    const out = new Int32Array(p.rows);
    for (let r = 0; r < p.rows; r++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (p.data[r * k + c] > p.data[r * k + best]) best = c;
      out[r] = t.classes[best];
    }
    return out;
  }

  static fromJSON(a: ModelArtifact<DecisionTreeClassifierParams, unknown>): DecisionTreeClassifier {
    const m = new DecisionTreeClassifier(a.params);
    m.restore(a);
    return m;
  }
}

export class DecisionTreeRegressor
  extends DecisionTreeBase<DecisionTreeRegressorParams>
  implements Regressor<DecisionTreeRegressorParams, DecisionTreeFitted>
{
  protected readonly kind = 'DecisionTreeRegressor';

  constructor(params: Partial<DecisionTreeRegressorParams> = {}) {
    super({
      criterion: 'squared_error',
      maxDepth: null,
      minSamplesSplit: 2,
      minSamplesLeaf: 1,
      maxLeafNodes: null,
      ...params,
    });
  }

  fit(X: Matrix, y: Labels, _o?: FitOptions): this {
    validateParams(this.kind, this.params, DECISION_TREE_REGRESSOR_PARAM_TABLE);
    this.state = undefined;
    const d = this.checkX(X);
    checkY(y, d.rows);
    const grown = growTree(d, Float64Array.from(y as ArrayLike<number>), 0, 'squared_error', this.params);
    this.state = { ...grown, classes: [] };
    return this;
  }

  predict(X: Matrix): Float64Array {
    const t = this.fitted;
    const leaves = this.apply(X);
    return Float64Array.from(leaves, (l) => t.value[l]);
  }

  static fromJSON(a: ModelArtifact<DecisionTreeRegressorParams, unknown>): DecisionTreeRegressor {
    const m = new DecisionTreeRegressor(a.params);
    m.restore(a);
    return m;
  }
}
