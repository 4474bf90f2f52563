import { type BoostedTree, goesLeft } from './tree-model.js';

/**
 * Exact TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent Individualized Feature Attribution for Tree
 * Ensembles", Algorithm 2), following the reference `tree_shap_recursive` of the shap package. Node
 * covers are the training-row counts, so φ_0 (the expected value) is the cover-weighted mean leaf.
 * The path of unique features is kept in one flat scratch buffer: level d uses slots after level d−1.
 */
export class TreeShapScratch {
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  weight: Float64Array;

  constructor(maxDepth: number) {
    const size = ((maxDepth + 2) * (maxDepth + 3)) / 2;
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
  }
}

/** Depth of the deepest leaf (root = 0), to size the scratch buffer. */
export function treeDepth(t: BoostedTree): number {
  if (t.nInternal === 0) return 0;
  const walk = (node: number): number =>
    node < 0 ? 0 : 1 + Math.max(walk(t.left[node]), walk(t.right[node]));
  return walk(0);
}

const nodeCover = (t: BoostedTree, child: number): number =>
  child >= 0 ? t.internalCount[child] : t.leafCount[~child];

/** Cover-weighted mean of the leaves: what the tree predicts when no feature is known. */
export function treeExpectedValue(t: BoostedTree): number {
  let s = 0;
  let c = 0;
  for (let l = 0; l < t.leafValue.length; l++) {
    s += t.leafValue[l] * t.leafCount[l];
    c += t.leafCount[l];
  }
  return c > 0 ? s / c : 0;
}

/**
 * Add the SHAP values of one row (bins in a column-major matrix) for tree `t`, scaled by `scale`, to
 * `phi[0..nFeatures)`.
 */
export function treeShap(
  t: BoostedTree,
  bins: Uint8Array,
  nRows: number,
  row: number,
  scale: number,
  phi: Float64Array,
  s: TreeShapScratch,
): void {
  if (t.nInternal === 0) return;
  recurse(t, bins, nRows, row, scale, phi, s, 0, 0, 0, 1, 1, -1);
}

function recurse(
  t: BoostedTree,
  bins: Uint8Array,
  nRows: number,
  row: number,
  scale: number,
  phi: Float64Array,
  s: TreeShapScratch,
  node: number,
  pathStart: number,
  uniqueDepthIn: number,
  parentZero: number,
  parentOne: number,
  parentFeature: number,
): void {
  let uniqueDepth = uniqueDepthIn;
  // The path of this level is a copy of the parent's, placed right after it.
  const p = pathStart;
  if (uniqueDepth > 0) {
    const from = pathStart - uniqueDepth;
    s.feature.copyWithin(p, from, from + uniqueDepth);
    s.zero.copyWithin(p, from, from + uniqueDepth);
    s.one.copyWithin(p, from, from + uniqueDepth);
    s.weight.copyWithin(p, from, from + uniqueDepth);
  }
  extendPath(s, p, uniqueDepth, parentZero, parentOne, parentFeature);

  if (node < 0) {
    const value = t.leafValue[~node] * scale;
    for (let i = 1; i <= uniqueDepth; i++) {
      const w = unwoundPathSum(s, p, uniqueDepth, i);
      phi[s.feature[p + i]] += w * (s.one[p + i] - s.zero[p + i]) * value;
    }
    return;
  }

  const feature = t.splitFeature[node];
  const bin = bins[feature * nRows + row];
  const left = goesLeft(t, node, bin);
  const hot = left ? t.left[node] : t.right[node];
  const cold = left ? t.right[node] : t.left[node];
  const cover = t.internalCount[node];
  const hotZero = nodeCover(t, hot) / cover;
  const coldZero = nodeCover(t, cold) / cover;
  let incomingZero = 1;
  let incomingOne = 1;

  // A feature already on the path is unwound first, so each feature appears once (Algorithm 2, l. 19–22).
  let pathIndex = 0;
  for (; pathIndex <= uniqueDepth; pathIndex++) if (s.feature[p + pathIndex] === feature) break;
  if (pathIndex !== uniqueDepth + 1) {
    incomingZero = s.zero[p + pathIndex];
    incomingOne = s.one[p + pathIndex];
    unwindPath(s, p, uniqueDepth, pathIndex);
    uniqueDepth -= 1;
  }
  const next = p + uniqueDepth + 1;
  recurse(
    t,
    bins,
    nRows,
    row,
    scale,
    phi,
    s,
    hot,
    next,
    uniqueDepth + 1,
    hotZero * incomingZero,
    incomingOne,
    feature,
  );
  recurse(
    t,
    bins,
    nRows,
    row,
    scale,
    phi,
    s,
    cold,
    next,
    uniqueDepth + 1,
    coldZero * incomingZero,
    0,
    feature,
  );
}

function extendPath(
  s: TreeShapScratch,
  p: number,
  uniqueDepth: number,
  zero: number,
  one: number,
  feature: number,
): void {
  s.feature[p + uniqueDepth] = feature;
  s.zero[p + uniqueDepth] = zero;
  s.one[p + uniqueDepth] = one;
  s.weight[p + uniqueDepth] = uniqueDepth === 0 ? 1 : 0;
  for (let i = uniqueDepth - 1; i >= 0; i--) {
    s.weight[p + i + 1] += (one * s.weight[p + i] * (i + 1)) / (uniqueDepth + 1);
    s.weight[p + i] = (zero * s.weight[p + i] * (uniqueDepth - i)) / (uniqueDepth + 1);
  }
}

function unwindPath(s: TreeShapScratch, p: number, uniqueDepth: number, pathIndex: number): void {
  const one = s.one[p + pathIndex];
  const zero = s.zero[p + pathIndex];
  let nextOnePortion = s.weight[p + uniqueDepth];
  for (let i = uniqueDepth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = s.weight[p + i];
      s.weight[p + i] = (nextOnePortion * (uniqueDepth + 1)) / ((i + 1) * one);
      nextOnePortion = tmp - (s.weight[p + i] * zero * (uniqueDepth - i)) / (uniqueDepth + 1);
    } else {
      s.weight[p + i] = (s.weight[p + i] * (uniqueDepth + 1)) / (zero * (uniqueDepth - i));
    }
  }
  for (let i = pathIndex; i < uniqueDepth; i++) {
    s.feature[p + i] = s.feature[p + i + 1];
    s.zero[p + i] = s.zero[p + i + 1];
    s.one[p + i] = s.one[p + i + 1];
  }
}

function unwoundPathSum(s: TreeShapScratch, p: number, uniqueDepth: number, pathIndex: number): number {
  const one = s.one[p + pathIndex];
  const zero = s.zero[p + pathIndex];
  let nextOnePortion = s.weight[p + uniqueDepth];
  let total = 0;
  for (let i = uniqueDepth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = (nextOnePortion * (uniqueDepth + 1)) / ((i + 1) * one);
      total += tmp;
      nextOnePortion = s.weight[p + i] - (tmp * zero * (uniqueDepth - i)) / (uniqueDepth + 1);
    } else if (zero !== 0) {
      total += s.weight[p + i] / zero / ((uniqueDepth - i) / (uniqueDepth + 1));
    }
  }
  return total;
}
