/**
 * Best split of one leaf from its histogram (LightGBM `feature_histogram.hpp`). Gains follow Chen &
 * Guestrin 2016, eq. 7: ½[G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)].
 */
export interface SplitRules {
  minDataInLeaf: number;
  minChildWeight: number;
  lambda: number;
  maxCatToOnehot: number;
  catSmooth: number;
  catL2: number;
  minDataPerGroup: number;
  maxCatThreshold: number;
}

/** Mutable result record, one per leaf, reused across trees. */
export class SplitInfo {
  feature = -1;
  gain = Number.NEGATIVE_INFINITY;
  thresholdBin = 0;
  defaultLeft = false;
  categorical = false;
  readonly catBits = new Uint32Array(8);
  leftG = 0;
  leftH = 0;
  leftCount = 0;

  reset(): void {
    this.feature = -1;
    this.gain = Number.NEGATIVE_INFINITY;
  }
}

export interface FeatureLayout {
  readonly offsets: Int32Array;
  readonly numBins: Int32Array;
  readonly isCategorical: Uint8Array;
}

/** Scratch buffers for the categorical sort (no allocation per call). */
export class CategoricalScratch {
  readonly order = new Int32Array(256);
  readonly key = new Float64Array(256);
}

const score = (g: number, h: number, l2: number): number => (g * g) / (h + l2);

export function findBestSplit(
  hist: Float64Array,
  layout: FeatureLayout,
  features: Int32Array,
  nFeatures: number,
  sumG: number,
  sumH: number,
  count: number,
  rules: SplitRules,
  scratch: CategoricalScratch,
  out: SplitInfo,
): void {
  out.reset();
  const { minDataInLeaf, minChildWeight, lambda } = rules;
  const parent = score(sumG, sumH, lambda);
  for (let k = 0; k < nFeatures; k++) {
    const f = features[k];
    const nb = layout.numBins[f];
    if (nb <= 2 && layout.isCategorical[f] === 0) continue; // constant: only missing + one value bin
    const off = layout.offsets[f] * 3;
    if (layout.isCategorical[f] === 1) {
      categoricalSplit(hist, off, nb, f, sumG, sumH, count, rules, scratch, out);
      continue;
    }
    const missG = hist[off];
    const missH = hist[off + 1];
    const missC = hist[off + 2];
    let accG = 0;
    let accH = 0;
    let accC = 0;
    // Split after bin t: bins 1..t left. Missing rows are tried on both sides when there are any.
    for (let t = 0; t < nb - 1; t++) {
      if (t > 0) {
        const o = off + t * 3;
        accG += hist[o];
        accH += hist[o + 1];
        accC += hist[o + 2];
      }
      for (let side = 0; side < 2; side++) {
        if (side === 1 && missC === 0) break;
        const lg = side === 1 ? accG + missG : accG;
        const lh = side === 1 ? accH + missH : accH;
        const lc = side === 1 ? accC + missC : accC;
        const rc = count - lc;
        if (lc < minDataInLeaf || rc < minDataInLeaf) continue;
        const rh = sumH - lh;
        if (lh < minChildWeight || rh < minChildWeight) continue;
        const gain = 0.5 * (score(lg, lh, lambda) + score(sumG - lg, rh, lambda) - parent);
        if (gain > out.gain) {
          out.gain = gain;
          out.feature = f;
          out.categorical = false;
          out.thresholdBin = t;
          // With no missing rows in training, unseen missing values follow the larger child.
          out.defaultLeft = side === 1 || (missC === 0 && lc >= rc);
          out.leftG = lg;
          out.leftH = lh;
          out.leftCount = lc;
        }
      }
    }
  }
}

/**
 * LightGBM categorical split: one-vs-rest for few categories; otherwise categories sorted by
 * G/(H + cat_smooth) and scanned from both ends (Fisher 1958: for a convex loss the best binary
 * partition of sorted categories is a prefix), with extra L2 (cat_l2) against overfitting.
 */
function categoricalSplit(
  hist: Float64Array,
  off: number,
  nb: number,
  f: number,
  sumG: number,
  sumH: number,
  count: number,
  rules: SplitRules,
  scratch: CategoricalScratch,
  out: SplitInfo,
): void {
  const { minDataInLeaf, minChildWeight, lambda } = rules;
  if (nb - 1 <= rules.maxCatToOnehot) {
    const parent = score(sumG, sumH, lambda);
    for (let b = 0; b < nb; b++) {
      const o = off + b * 3;
      const lc = hist[o + 2];
      const rc = count - lc;
      if (lc < minDataInLeaf || rc < minDataInLeaf) continue;
      const lg = hist[o];
      const lh = hist[o + 1];
      if (lh < minChildWeight || sumH - lh < minChildWeight) continue;
      const gain = 0.5 * (score(lg, lh, lambda) + score(sumG - lg, sumH - lh, lambda) - parent);
      if (gain > out.gain) {
        setCategorical(out, f, gain, lg, lh, lc);
        out.catBits[b >>> 5] |= 1 << (b & 31);
      }
    }
    return;
  }
  const l2 = lambda + rules.catL2;
  const parent = score(sumG, sumH, l2);
  const { order, key } = scratch;
  let used = 0;
  for (let b = 0; b < nb; b++) {
    const o = off + b * 3;
    if (hist[o + 2] >= rules.catSmooth) {
      order[used] = b;
      key[b] = hist[o] / (hist[o + 1] + rules.catSmooth);
      used++;
    }
  }
  // Insertion sort by key (at most 256 bins; ties by bin so the result is deterministic).
  for (let i = 1; i < used; i++) {
    const b = order[i];
    let j = i - 1;
    while (j >= 0 && (key[order[j]] > key[b] || (key[order[j]] === key[b] && order[j] > b))) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = b;
  }
  const maxCats = Math.min(rules.maxCatThreshold, (used + 1) >> 1);
  for (let dir = 0; dir < 2; dir++) {
    let lg = 0;
    let lh = 0;
    let lc = 0;
    for (let i = 0; i < maxCats; i++) {
      const b = order[dir === 0 ? i : used - 1 - i];
      const o = off + b * 3;
      lg += hist[o];
      lh += hist[o + 1];
      lc += hist[o + 2];
      const rc = count - lc;
      if (lc < minDataInLeaf || lh < minChildWeight) continue;
      if (rc < minDataInLeaf || rc < rules.minDataPerGroup || sumH - lh < minChildWeight) break;
      if (lc < rules.minDataPerGroup) continue;
      const gain = 0.5 * (score(lg, lh, l2) + score(sumG - lg, sumH - lh, l2) - parent);
      if (gain > out.gain) {
        setCategorical(out, f, gain, lg, lh, lc);
        for (let j = 0; j <= i; j++) {
          const bj = order[dir === 0 ? j : used - 1 - j];
          out.catBits[bj >>> 5] |= 1 << (bj & 31);
        }
      }
    }
  }
}

function setCategorical(out: SplitInfo, f: number, gain: number, lg: number, lh: number, lc: number): void {
  out.gain = gain;
  out.feature = f;
  out.categorical = true;
  out.thresholdBin = 0;
  out.defaultLeft = false;
  out.catBits.fill(0);
  out.leftG = lg;
  out.leftH = lh;
  out.leftCount = lc;
}
