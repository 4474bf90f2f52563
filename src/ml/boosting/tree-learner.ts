import { buildHistogram, subtractHistogram } from './histogram.js';
import {
  CategoricalScratch,
  type FeatureLayout,
  findBestSplit,
  SplitInfo,
  type SplitRules,
} from './split-finder.js';
import { type BoostedTree, CAT_WORDS } from './tree-model.js';

export interface TreeGrowthRules extends SplitRules {
  numLeaves: number;
  /** 0 = no depth limit. */
  maxDepth: number;
  minSplitGain: number;
}

/** Binned training data as the tree learner sees it. */
export interface TrainingBins extends FeatureLayout {
  readonly bins: Uint8Array;
  readonly nRows: number;
  readonly nFeatures: number;
}

/**
 * Leaf-wise tree growth with a depth limit (LightGBM `serial_tree_learner.cpp`): always split the leaf
 * whose best split gains most. Rows of each leaf are a contiguous range of `rowIdx` (LightGBM's
 * DataPartition); only the smaller child's histogram is built, the larger one is parent − smaller.
 * All buffers are allocated once and reused for every tree.
 */
export class TreeLearner {
  private readonly rowIdx: Int32Array;
  private readonly tmpIdx: Int32Array;
  private readonly orderedGrad: Float64Array;
  private readonly orderedHess: Float64Array;
  private readonly hists: Float64Array[];
  private readonly histOf: Int32Array;
  private readonly leafBegin: Int32Array;
  private readonly leafCount: Int32Array;
  private readonly leafG: Float64Array;
  private readonly leafH: Float64Array;
  private readonly leafDepth: Int32Array;
  private readonly leafParent: Int32Array;
  private readonly leafIsLeft: Uint8Array;
  private readonly splits: SplitInfo[];
  private readonly scratch = new CategoricalScratch();

  constructor(
    private readonly data: TrainingBins,
    private readonly rules: TreeGrowthRules,
  ) {
    const L = rules.numLeaves;
    const totalBins = data.offsets[data.nFeatures];
    this.rowIdx = new Int32Array(data.nRows);
    this.tmpIdx = new Int32Array(data.nRows);
    this.orderedGrad = new Float64Array(data.nRows);
    this.orderedHess = new Float64Array(data.nRows);
    this.hists = Array.from({ length: L }, () => new Float64Array(totalBins * 3));
    this.histOf = new Int32Array(L);
    this.leafBegin = new Int32Array(L);
    this.leafCount = new Int32Array(L);
    this.leafG = new Float64Array(L);
    this.leafH = new Float64Array(L);
    this.leafDepth = new Int32Array(L);
    this.leafParent = new Int32Array(L);
    this.leafIsLeft = new Uint8Array(L);
    this.splits = Array.from({ length: L }, () => new SplitInfo());
  }

  /** Grow one tree on rows `bag[0..bagCount)` using `features[0..nFeatures)`; leaf values are Newton steps. */
  grow(
    grad: Float64Array,
    hess: Float64Array,
    bag: Int32Array,
    bagCount: number,
    features: Int32Array,
    nFeatures: number,
  ): BoostedTree {
    const { rules } = this;
    const L = rules.numLeaves;
    const splitFeature = new Int32Array(L - 1);
    const thresholdBin = new Int32Array(L - 1);
    const defaultLeft = new Uint8Array(L - 1);
    const isCategorical = new Uint8Array(L - 1);
    const catBits = new Uint32Array((L - 1) * CAT_WORDS);
    const left = new Int32Array(L - 1);
    const right = new Int32Array(L - 1);
    const gainOut = new Float64Array(L - 1);
    const internalCount = new Float64Array(L - 1);

    this.rowIdx.set(bag.subarray(0, bagCount));
    let sg = 0;
    let sh = 0;
    for (let i = 0; i < bagCount; i++) {
      sg += grad[bag[i]];
      sh += hess[bag[i]];
    }
    for (let l = 0; l < L; l++) this.histOf[l] = l;
    this.leafBegin[0] = 0;
    this.leafCount[0] = bagCount;
    this.leafG[0] = sg;
    this.leafH[0] = sh;
    this.leafDepth[0] = 0;
    this.leafParent[0] = -1;
    this.buildLeafHistogram(0, grad, hess, features, nFeatures);
    this.findSplit(0, features, nFeatures);

    let nLeaves = 1;
    while (nLeaves < L) {
      let best = -1;
      let bestGain = rules.minSplitGain;
      for (let l = 0; l < nLeaves; l++) {
        const s = this.splits[l];
        if (s.feature >= 0 && s.gain > bestGain) {
          best = l;
          bestGain = s.gain;
        }
      }
      if (best < 0 || bestGain <= 0) break;
      const s = this.splits[best];
      const node = nLeaves - 1;
      const newLeaf = nLeaves;
      splitFeature[node] = s.feature;
      thresholdBin[node] = s.thresholdBin;
      defaultLeft[node] = s.defaultLeft ? 1 : 0;
      isCategorical[node] = s.categorical ? 1 : 0;
      if (s.categorical) catBits.set(s.catBits, node * CAT_WORDS);
      gainOut[node] = s.gain;
      internalCount[node] = this.leafCount[best];
      left[node] = ~best;
      right[node] = ~newLeaf;
      const parent = this.leafParent[best];
      if (parent >= 0) {
        if (this.leafIsLeft[best] === 1) left[parent] = node;
        else right[parent] = node;
      }

      const leftCount = this.partition(best, s);
      const begin = this.leafBegin[best];
      const total = this.leafCount[best];
      const depth = this.leafDepth[best] + 1;
      this.leafBegin[newLeaf] = begin + leftCount;
      this.leafCount[newLeaf] = total - leftCount;
      this.leafCount[best] = leftCount;
      this.leafG[newLeaf] = this.leafG[best] - s.leftG;
      this.leafH[newLeaf] = this.leafH[best] - s.leftH;
      this.leafG[best] = s.leftG;
      this.leafH[best] = s.leftH;
      this.leafDepth[best] = depth;
      this.leafDepth[newLeaf] = depth;
      this.leafParent[best] = node;
      this.leafParent[newLeaf] = node;
      this.leafIsLeft[best] = 1;
      this.leafIsLeft[newLeaf] = 0;

      // Smaller child gets a fresh histogram; the parent's buffer becomes the larger child's by subtraction.
      const parentSlot = this.histOf[best];
      const freeSlot = this.histOf[newLeaf];
      const smaller = leftCount <= total - leftCount ? best : newLeaf;
      const larger = smaller === best ? newLeaf : best;
      this.histOf[smaller] = freeSlot;
      this.histOf[larger] = parentSlot;
      this.buildLeafHistogram(smaller, grad, hess, features, nFeatures);
      subtractHistogram(this.hists[parentSlot], this.hists[freeSlot], features, nFeatures, this.data.offsets);
      nLeaves++;
      this.findSplit(best, features, nFeatures);
      this.findSplit(newLeaf, features, nFeatures);
    }

    const leafValue = new Float64Array(nLeaves);
    const leafCount = new Float64Array(nLeaves);
    for (let l = 0; l < nLeaves; l++) {
      leafValue[l] = -this.leafG[l] / (this.leafH[l] + rules.lambda);
      leafCount[l] = this.leafCount[l];
    }
    const n = nLeaves - 1;
    return {
      nInternal: n,
      splitFeature: splitFeature.slice(0, n),
      thresholdBin: thresholdBin.slice(0, n),
      defaultLeft: defaultLeft.slice(0, n),
      isCategorical: isCategorical.slice(0, n),
      catBits: catBits.slice(0, n * CAT_WORDS),
      left: left.slice(0, n),
      right: right.slice(0, n),
      gain: gainOut.slice(0, n),
      internalCount: internalCount.slice(0, n),
      leafValue,
      leafCount,
    };
  }

  /**
   * Add each leaf's value to the score of the rows the last tree was grown on (the partition already
   * knows their leaves, so no traversal is needed). */
  addLeafValues(tree: BoostedTree, score: Float64Array): void {
    const { rowIdx, leafBegin, leafCount } = this;
    for (let l = 0; l < tree.leafValue.length; l++) {
      const v = tree.leafValue[l];
      const end = leafBegin[l] + leafCount[l];
      for (let i = leafBegin[l]; i < end; i++) score[rowIdx[i]] += v;
    }
  }

  private buildLeafHistogram(
    leaf: number,
    grad: Float64Array,
    hess: Float64Array,
    features: Int32Array,
    nFeatures: number,
  ): void {
    const begin = this.leafBegin[leaf];
    const count = this.leafCount[leaf];
    const { rowIdx, orderedGrad, orderedHess } = this;
    for (let i = 0; i < count; i++) {
      const r = rowIdx[begin + i];
      orderedGrad[i] = grad[r];
      orderedHess[i] = hess[r];
    }
    buildHistogram(
      this.data.bins,
      this.data.nRows,
      features,
      nFeatures,
      this.data.offsets,
      rowIdx,
      begin,
      begin + count,
      orderedGrad,
      orderedHess,
      this.hists[this.histOf[leaf]],
    );
  }

  private findSplit(leaf: number, features: Int32Array, nFeatures: number): void {
    const s = this.splits[leaf];
    const { maxDepth } = this.rules;
    if (
      (maxDepth > 0 && this.leafDepth[leaf] >= maxDepth) ||
      this.leafCount[leaf] < 2 * this.rules.minDataInLeaf
    ) {
      s.reset();
      return;
    }
    findBestSplit(
      this.hists[this.histOf[leaf]],
      this.data,
      features,
      nFeatures,
      this.leafG[leaf],
      this.leafH[leaf],
      this.leafCount[leaf],
      this.rules,
      this.scratch,
      s,
    );
  }

  /** Stable partition of the leaf's rows: left rows stay in place, right rows follow. Returns the left count. */
  private partition(leaf: number, s: SplitInfo): number {
    const begin = this.leafBegin[leaf];
    const count = this.leafCount[leaf];
    const { bins, nRows } = this.data;
    return s.categorical
      ? partitionCategorical(this.rowIdx, this.tmpIdx, bins, s.feature * nRows, begin, count, s.catBits)
      : partitionNumeric(
          this.rowIdx,
          this.tmpIdx,
          bins,
          s.feature * nRows,
          begin,
          count,
          s.thresholdBin,
          s.defaultLeft,
        );
  }
}

// Partition kernels as free functions: each stays monomorphic and keeps its arrays in registers.
function partitionNumeric(
  rowIdx: Int32Array,
  tmpIdx: Int32Array,
  bins: Uint8Array,
  base: number,
  begin: number,
  count: number,
  threshold: number,
  missingLeft: boolean,
): number {
  // Bin 0 (missing) goes left iff missingLeft: fold that into one comparison on a shifted bin.
  const missBin = missingLeft ? 0 : 256;
  let nl = 0;
  let nr = 0;
  const end = begin + count;
  for (let i = begin; i < end; i++) {
    const r = rowIdx[i];
    const b = bins[base + r];
    if ((b === 0 ? missBin : b) <= threshold) rowIdx[begin + nl++] = r;
    else tmpIdx[nr++] = r;
  }
  rowIdx.set(tmpIdx.subarray(0, nr), begin + nl);
  return nl;
}

function partitionCategorical(
  rowIdx: Int32Array,
  tmpIdx: Int32Array,
  bins: Uint8Array,
  base: number,
  begin: number,
  count: number,
  bits: Uint32Array,
): number {
  let nl = 0;
  let nr = 0;
  const end = begin + count;
  for (let i = begin; i < end; i++) {
    const r = rowIdx[i];
    const b = bins[base + r];
    if (((bits[b >>> 5] >>> (b & 31)) & 1) === 1) rowIdx[begin + nl++] = r;
    else tmpIdx[nr++] = r;
  }
  rowIdx.set(tmpIdx.subarray(0, nr), begin + nl);
  return nl;
}
