/**
 * `npm run bench:mlp-tfjs` — the issue asks to compare @tensorflow/tfjs (wasm backend) with Osprey's
 * typed-array MLP and keep the one that measures better. Same data (bank-full, fold 0 of
 * StratifiedKFold-like folds, one-hot + standardised numerics), same network (64-32 ReLU, Adam 1e-3,
 * batch 256), a fixed number of epochs and no early stopping, so seconds per epoch compare directly.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { readTabularCsv } from '../src/ingest/tabular-csv.js';
import {
  applyEncoding,
  fitEncoding,
  foldIndices,
  rocAuc,
  stratifiedFolds,
} from '../src/ml/evaluation/index.js';
import { MlpClassifier } from '../src/ml/neural/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const bankFile = join(
  resolve(root, process.env.OSPREY_DATASETS ?? '../shared/data'),
  'bank-marketing/bank-full.csv',
);
const EPOCHS = Number(process.env.EPOCHS ?? 5);

async function main(): Promise<void> {
  if (!existsSync(bankFile)) {
    process.stderr.write(`bench:mlp-tfjs skipped: ${bankFile} not found\n`);
    return;
  }
  const data = await readTabularCsv(bankFile);
  const names = data.columns.map((c) => c.name);
  const t = names.indexOf('y');
  const keep = names.map((_, i) => i).filter((i) => names[i] !== 'y' && names[i] !== 'duration');
  const all = names.length;
  const cols = keep.length;
  const X = { rows: data.rows, cols, data: new Float64Array(data.rows * cols) };
  const y = new Int32Array(data.rows);
  const yes = data.columns[t].categories.indexOf('yes');
  for (let r = 0; r < data.rows; r++) {
    for (let j = 0; j < cols; j++) X.data[r * cols + j] = data.values[r * all + keep[j]];
    y[r] = data.values[r * all + t] === yes ? 1 : 0;
  }
  const cats = new Set(
    keep.map((c, j) => (data.columns[c].kind === 'categorical' ? j : -1)).filter((j) => j >= 0),
  );
  const { train, test } = foldIndices(stratifiedFolds(y, 5, 42), 0);
  const plan = fitEncoding(X, train, cats, true);
  const tr = applyEncoding(plan, X, train, true);
  const te = applyEncoding(plan, X, test, true);
  const ytr = Int32Array.from(train, (r) => y[r]);
  const yte = Int32Array.from(test, (r) => y[r]);
  const results: string[] = [];

  // Osprey typed-array MLP.
  let t0 = performance.now();
  const m = new MlpClassifier({
    hiddenLayers: [64, 32],
    batchSize: 256,
    learningRate: 1e-3,
    maxEpochs: EPOCHS,
    earlyStopping: false,
    patience: EPOCHS + 1,
    seed: 42,
  }).fit(tr, ytr);
  const oSec = (performance.now() - t0) / 1000;
  const po = m.predictProba(te);
  const oAuc = rocAuc(
    yte,
    Float64Array.from({ length: te.rows }, (_, i) => po.data[2 * i + 1]),
  );
  results.push(
    `| Osprey typed-array MLP | ${EPOCHS} | ${oSec.toFixed(2)} | ${(oSec / EPOCHS).toFixed(2)} | ${oAuc.toFixed(4)} |`,
  );

  // tfjs, wasm backend (.wasm files ship in the package's dist folder).
  setWasmPaths(`${join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
  await tf.setBackend('wasm');
  await tf.ready();
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [tr.cols], units: 64, activation: 'relu' }),
      tf.layers.dense({ units: 32, activation: 'relu' }),
      tf.layers.dense({ units: 1, activation: 'sigmoid' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'binaryCrossentropy' });
  const xs = tf.tensor2d(Float32Array.from(tr.data), [tr.rows, tr.cols]);
  const ys = tf.tensor2d(Float32Array.from(ytr), [tr.rows, 1]);
  t0 = performance.now();
  await model.fit(xs, ys, { epochs: EPOCHS, batchSize: 256, shuffle: true, verbose: 0 });
  const tSec = (performance.now() - t0) / 1000;
  const pt = model.predict(tf.tensor2d(Float32Array.from(te.data), [te.rows, te.cols])) as tf.Tensor;
  const tAuc = rocAuc(yte, Float64Array.from(await pt.data()));
  results.push(
    `| tfjs ${tf.version.tfjs} wasm backend (${tf.getBackend()}) | ${EPOCHS} | ${tSec.toFixed(2)} | ${(tSec / EPOCHS).toFixed(2)} | ${tAuc.toFixed(4)} |`,
  );

  process.stdout.write(
    `| MLP 64-32, bank-full fold 0 (${tr.rows} × ${tr.cols}) | epochs | fit s | s / epoch | AUC |\n| --- | ---: | ---: | ---: | ---: |\n${results.join('\n')}\n`,
  );
}

await main();
