/**
 * One boosted regression tree in LightGBM's layout (`tree.h`): internal nodes 0..nInternal-1, a child
 * index >= 0 is an internal node and a negative one is the leaf ~child. Splits test bins, never raw
 * values, so training and prediction take the very same path through the binned data.
 */
export interface BoostedTree {
  readonly nInternal: number;
  readonly splitFeature: Int32Array;
  /** Numeric split: bins 1..threshold go left, bins above go right. */
  readonly thresholdBin: Int32Array;
  /** Where bin 0 (missing, unseen category) goes on a numeric split. */
  readonly defaultLeft: Uint8Array;
  readonly isCategorical: Uint8Array;
  /** Categorical split: 8 words (256 bits) per node; bit b set → bin b goes left. */
  readonly catBits: Uint32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Loss reduction of each split (for gain importance). */
  readonly gain: Float64Array;
  /** Training rows that reached each node (the "cover" TreeSHAP weighs paths by). */
  readonly internalCount: Float64Array;
  readonly leafValue: Float64Array;
  readonly leafCount: Float64Array;
}

export const CAT_WORDS = 8;

export function goesLeft(t: BoostedTree, node: number, bin: number): boolean {
  if (t.isCategorical[node] === 1)
    return ((t.catBits[node * CAT_WORDS + (bin >>> 5)] >>> (bin & 31)) & 1) === 1;
  if (bin === 0) return t.defaultLeft[node] === 1;
  return bin <= t.thresholdBin[node];
}

/** Leaf index reached by row `r` of a column-major binned matrix with `nRows` rows. */
export function leafOf(t: BoostedTree, bins: Uint8Array, nRows: number, r: number): number {
  if (t.nInternal === 0) return 0;
  let node = 0;
  while (node >= 0) {
    const bin = bins[t.splitFeature[node] * nRows + r];
    node = goesLeft(t, node, bin) ? t.left[node] : t.right[node];
  }
  return ~node;
}

/** Plain-data form for toJSON (typed arrays become number arrays; everything round-trips exactly). */
export interface BoostedTreeJson {
  nInternal: number;
  splitFeature: number[];
  thresholdBin: number[];
  defaultLeft: number[];
  isCategorical: number[];
  catBits: number[];
  left: number[];
  right: number[];
  gain: number[];
  internalCount: number[];
  leafValue: number[];
  leafCount: number[];
}

export function treeToJson(t: BoostedTree): BoostedTreeJson {
  return {
    nInternal: t.nInternal,
    splitFeature: Array.from(t.splitFeature),
    thresholdBin: Array.from(t.thresholdBin),
    defaultLeft: Array.from(t.defaultLeft),
    isCategorical: Array.from(t.isCategorical),
    catBits: Array.from(t.catBits),
    left: Array.from(t.left),
    right: Array.from(t.right),
    gain: Array.from(t.gain),
    internalCount: Array.from(t.internalCount),
    leafValue: Array.from(t.leafValue),
    leafCount: Array.from(t.leafCount),
  };
}

export function treeFromJson(j: BoostedTreeJson): BoostedTree {
  return {
    nInternal: j.nInternal,
    splitFeature: Int32Array.from(j.splitFeature),
    thresholdBin: Int32Array.from(j.thresholdBin),
    defaultLeft: Uint8Array.from(j.defaultLeft),
    isCategorical: Uint8Array.from(j.isCategorical),
    catBits: Uint32Array.from(j.catBits),
    left: Int32Array.from(j.left),
    right: Int32Array.from(j.right),
    gain: Float64Array.from(j.gain),
    internalCount: Float64Array.from(j.internalCount),
    leafValue: Float64Array.from(j.leafValue),
    leafCount: Float64Array.from(j.leafCount),
  };
}
