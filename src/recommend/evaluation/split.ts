import { invalidInput } from '../../core/errors.js';
import type { InteractionLog } from './interactions.js';
import { NumpyRandomState } from './mt19937.js';

export interface Split {
  /** Row indices of the log in each part, ascending. */
  train: Int32Array;
  test: Int32Array;
}

export type SplitSpec =
  | { kind: 'stratified-item'; ratio: number }
  | { kind: 'stratified-user'; ratio: number }
  | { kind: 'time'; ratio: number };

/** Parse `stratified-item:0.75`, `stratified-user:0.75` or `time:0.8`. */
export function parseSplitSpec(text: string): SplitSpec {
  const m = /^(stratified-item|stratified-user|time):([0-9.]+)$/.exec(text);
  const ratio = m ? Number(m[2]) : Number.NaN;
  if (!m || !(ratio > 0 && ratio < 1)) {
    throw invalidInput(
      `split '${text}' must be stratified-item:R, stratified-user:R or time:R with 0 < R < 1 (e.g. stratified-item:0.75)`,
    );
  }
  return { kind: m[1] as SplitSpec['kind'], ratio };
}

/**
 * Microsoft Recommenders' `python_stratified_split` (recommenders/datasets/python_splitters.py,
 * `_do_stratification` with is_random=True), row for row: `np.random.seed(seed)`, one
 * `np.random.rand()` per row in file order, rows sorted by random value within each group (item for
 * filter_by="item", user for "user"), and a row goes to train when rank/count ≤ ratio — so a group of
 * n rows keeps ⌊ratio·n⌋ in train and an item seen once lands in test only.
 */
export function stratifiedSplit(
  log: InteractionLog,
  by: 'item' | 'user',
  ratio: number,
  seed: number,
): Split {
  const n = log.user.length;
  const key = by === 'item' ? log.item : log.user;
  const rs = new NumpyRandomState(seed);
  const rand = new Float64Array(n);
  for (let r = 0; r < n; r++) rand[r] = rs.randomSample();
  const groups = new Map<number, number[]>();
  for (let r = 0; r < n; r++) {
    let g = groups.get(key[r]);
    if (!g) groups.set(key[r], (g = []));
    g.push(r);
  }
  const isTrain = new Uint8Array(n);
  for (const rows of groups.values()) {
    rows.sort((a, b) => rand[a] - rand[b] || a - b);
    const count = rows.length;
    for (let k = 0; k < count; k++) if ((k + 1) / count <= ratio) isTrain[rows[k]] = 1;
  }
  return fromMask(isTrain);
}

/**
 * Global temporal split: the earliest `ratio` of all interactions (by timestamp, ties in file order)
 * train, the rest test — "train on the past, recommend the future".
 */
export function timeSplit(log: InteractionLog, ratio: number): Split {
  const n = log.user.length;
  for (let r = 0; r < n; r++) {
    if (Number.isNaN(log.timestamp[r]))
      throw invalidInput(`row ${r + 1} has no timestamp: the time split needs one on every row`);
  }
  const order = Array.from({ length: n }, (_, r) => r);
  order.sort((a, b) => log.timestamp[a] - log.timestamp[b] || a - b);
  const cut = Math.round(ratio * n);
  const isTrain = new Uint8Array(n);
  for (let k = 0; k < cut; k++) isTrain[order[k]] = 1;
  return fromMask(isTrain);
}

export function splitLog(log: InteractionLog, spec: SplitSpec, seed: number): Split {
  if (spec.kind === 'time') return timeSplit(log, spec.ratio);
  return stratifiedSplit(log, spec.kind === 'stratified-item' ? 'item' : 'user', spec.ratio, seed);
}

function fromMask(isTrain: Uint8Array): Split {
  let nTrain = 0;
  for (const v of isTrain) nTrain += v;
  const train = new Int32Array(nTrain);
  const test = new Int32Array(isTrain.length - nTrain);
  let a = 0;
  let b = 0;
  for (let r = 0; r < isTrain.length; r++) {
    if (isTrain[r]) train[a++] = r;
    else test[b++] = r;
  }
  return { train, test };
}
