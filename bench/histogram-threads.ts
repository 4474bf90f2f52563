/**
 * `npm run bench:histogram-threads` — does a worker thread pay for GBDT histogram building?
 * Measures (a) one leaf histogram on bank-full-like shapes (the work a worker would take over) and
 * (b) the synchronous hand-off a worker needs per histogram (Atomics.notify → wait → answer).
 * Building in a worker only pays when (a)/2 saved exceeds (b) on the machine at hand.
 */
import { Worker } from 'node:worker_threads';
import { buildHistogram } from '../src/ml/boosting/histogram.js';
import { Rng } from '../src/ml/random.js';

const rng = new Rng(1);
const nRows = 36_000;
const nFeatures = 15;
const binsPer = [78, 12, 3, 4, 2, 255, 2, 2, 3, 32, 12, 49, 255, 42, 4];
const offsets = new Int32Array(nFeatures + 1);
for (let f = 0; f < nFeatures; f++) offsets[f + 1] = offsets[f] + binsPer[f];
const bins = new Uint8Array(nRows * nFeatures);
for (let f = 0; f < nFeatures; f++) for (let r = 0; r < nRows; r++) bins[f * nRows + r] = rng.int(binsPer[f]);
const grad = Float64Array.from({ length: nRows }, () => rng.normal());
const hess = Float64Array.from({ length: nRows }, () => rng.next());
const hist = new Float64Array(offsets[nFeatures] * 3);
const features = Int32Array.from({ length: 12 }, (_, i) => i);

for (const leafRows of [29_000, 3_600, 450]) {
  const rows = Int32Array.from(rng.permutation(nRows).subarray(0, leafRows)).sort();
  const reps = Math.ceil(2_000_000 / leafRows);
  const t0 = performance.now();
  for (let k = 0; k < reps; k++)
    buildHistogram(bins, nRows, features, 12, offsets, rows, 0, leafRows, grad, hess, hist);
  const us = ((performance.now() - t0) * 1000) / reps;
  process.stdout.write(`histogram of a ${leafRows}-row leaf, 12 features: ${us.toFixed(1)} µs\n`);
}

const sab = new SharedArrayBuffer(8);
const ctl = new Int32Array(sab);
const w = new Worker(new URL('./worker-roundtrip-worker.mjs', import.meta.url), { workerData: { sab } });
await new Promise((r) => w.once('online', r));
const rounds = 20_000;
const t0 = performance.now();
for (let g = 1; g <= rounds; g++) {
  Atomics.store(ctl, 0, g);
  Atomics.notify(ctl, 0);
  while (Atomics.load(ctl, 1) !== g) Atomics.wait(ctl, 1, g - 1, 10);
}
const rt = ((performance.now() - t0) * 1000) / rounds;
process.stdout.write(`synchronous hand-off to a worker and back: ${rt.toFixed(1)} µs per round trip\n`);
Atomics.store(ctl, 0, -1);
Atomics.notify(ctl, 0);
await w.terminate();
