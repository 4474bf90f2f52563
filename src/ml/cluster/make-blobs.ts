import { invalidInput } from '../../core/errors.js';
import type { Dense } from '../matrix.js';
import { Rng } from '../random.js';

/**
 * Synthetic Gaussian blobs (like sklearn.datasets.make_blobs): k centres drawn N(0, centerSpread²) per
 * coordinate, rows assigned round-robin, unit-variance noise × `std`. `shared` puts the data on a
 * SharedArrayBuffer so worker threads can read it without a copy. For tests and benchmarks.
 */
export function makeBlobs(o: {
  rows: number;
  cols: number;
  k: number;
  seed?: number;
  centerSpread?: number;
  std?: number;
  shared?: boolean;
}): { X: Dense; truth: Int32Array } {
  const { rows, cols, k } = o;
  if (!(rows >= 1 && cols >= 1 && k >= 1)) throw invalidInput('makeBlobs needs rows, cols and k >= 1');
  const rng = new Rng(o.seed ?? 42);
  const spread = o.centerSpread ?? 10;
  const std = o.std ?? 1;
  const centers = Array.from({ length: k * cols }, () => rng.normal() * spread);
  const data = o.shared
    ? new Float64Array(new SharedArrayBuffer(rows * cols * 8))
    : new Float64Array(rows * cols);
  const truth = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const c = i % k;
    truth[i] = c;
    for (let t = 0; t < cols; t++) data[i * cols + t] = centers[c * cols + t] + std * rng.normal();
  }
  return { X: { rows, cols, data }, truth };
}
