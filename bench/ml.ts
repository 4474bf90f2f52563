/**
 * `npm run bench:ml` — Osprey's tree/boosting/neural/linear estimators side by side with scikit-learn,
 * XGBoost and the ml.js packages, in one run, on the same data and the same folds (issue 3, item 11).
 *
 * UCI Bank Marketing (bank-full, target y = yes, `duration` dropped), StratifiedKFold(5, shuffle,
 * random_state=42) from scikit-learn so both sides train on identical rows. Python peers run through
 * bench/ml_peers.py (needs: apt-get install -y python3-sklearn python3-xgboost python3-pandas).
 * Prints one table of quality and time ratios (Osprey / peer) and writes it to bench/RESULTS.md,
 * section "ML". Timings are wall-clock fit seconds summed over folds.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readTabularCsv } from '../src/ingest/tabular-csv.js';
import {
  applyEncoding,
  binaryTrainer,
  type ClassificationReport,
  crossValidateBinary,
  fitEncoding,
  foldIndices,
  rocAuc,
  stratifiedFolds,
  type TabularModelName,
  TREE_EVAL_PARAMS,
} from '../src/ml/evaluation/index.js';
import type { Dense } from '../src/ml/matrix.js';
import { DecisionTreeClassifier } from '../src/ml/tree/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const datasets = resolve(root, process.env.OSPREY_DATASETS ?? '../shared/data');
const bankFile = join(datasets, 'bank-marketing/bank-full.csv');
const PY_INSTALL = 'apt-get install -y python3-sklearn python3-xgboost python3-pandas';
const only = process.env.BENCH_ONLY?.split(',');

interface PeerResult {
  auc: number;
  auc_std: number;
  logloss: number;
  fit_seconds: number;
  fit_cpu_seconds?: number;
  error?: string;
}
interface Row {
  task: string;
  osprey: string;
  peer: string;
  ospreyQuality: number;
  peerQuality: number;
  metric: string;
  ospreySeconds: number;
  peerSeconds: number;
  ospreyCpu?: number;
  peerCpu?: number;
  note?: string;
}

const log = (m: string) => process.stderr.write(`${m}\n`);
const want = (name: string) => !only || only.includes(name);

function runPeers(): { folds?: number[]; models: Record<string, PeerResult> } {
  const py = process.env.PYTHON ?? '/usr/bin/python3';
  log(
    `python peers: ${py} bench/ml_peers.py (XGBoost, HistGradientBoosting, LogisticRegression, CART, MLP)...`,
  );
  const peerOf: Record<string, string[]> = {
    gbdt: ['xgboost', 'hgb'],
    logreg: ['logreg'],
    tree: ['cart'],
    mlp: ['mlp'],
  };
  const args = [join(here, 'ml_peers.py'), bankFile];
  if (only) args.push('--only', only.flatMap((m) => peerOf[m] ?? []).join(',') || 'none');
  const r = spawnSync(py, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 || !r.stdout) {
    log(
      `python peers failed (${r.error?.message ?? r.stderr.trim().split('\n').pop()}); install them with: ${PY_INSTALL}`,
    );
    return { models: {} };
  }
  const out = JSON.parse(r.stdout);
  if (out.error) {
    log(`python peers unavailable: ${out.error}`);
    return { models: {} };
  }
  for (const [k, v] of Object.entries(out.models as Record<string, PeerResult>)) {
    if (v.error) log(`peer ${k} unavailable: ${v.error}`);
  }
  return out;
}

async function main(): Promise<void> {
  if (!existsSync(bankFile)) {
    log(`bench:ml skipped: ${bankFile} not found (set OSPREY_DATASETS to the shared data folder)`);
    return;
  }
  const started = new Date();
  const peers = runPeers();
  const data = await readTabularCsv(bankFile);
  const names = data.columns.map((c) => c.name);
  const t = names.indexOf('y');
  const keep = names.map((_, i) => i).filter((i) => names[i] !== 'y' && names[i] !== 'duration');
  const cols = keep.length;
  const all = names.length;
  const X: Dense = { rows: data.rows, cols, data: new Float64Array(data.rows * cols) };
  const y = new Int32Array(data.rows);
  const yes = data.columns[t].categories.indexOf('yes');
  for (let r = 0; r < data.rows; r++) {
    for (let j = 0; j < cols; j++) X.data[r * cols + j] = data.values[r * all + keep[j]];
    y[r] = data.values[r * all + t] === yes ? 1 : 0;
  }
  const categorical = new Set(
    keep.map((c, j) => (data.columns[c].kind === 'categorical' ? j : -1)).filter((j) => j >= 0),
  );
  const folds = peers.folds ? Int32Array.from(peers.folds) : stratifiedFolds(y, 5, 42);
  log(
    `bank-full: ${data.rows} rows, ${cols} columns (${categorical.size} categorical), folds from ${peers.folds ? 'scikit-learn' : 'Osprey'}`,
  );

  const problem = { X, categorical, seed: 42 };
  const osprey: Partial<Record<TabularModelName, ClassificationReport>> = {};
  for (const model of ['gbdt', 'logreg', 'tree', 'mlp'] as TabularModelName[]) {
    if (!want(model)) continue;
    log(`osprey ${model}...`);
    osprey[model] = crossValidateBinary(y, folds, 5, binaryTrainer(model, problem, y), {
      now: () => performance.now(),
      cpuNow: () => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1000;
      },
      onFold: (k, n) => log(`  fold ${k}/${n}`),
    });
  }

  const rows: Row[] = [];
  const pair = (task: string, model: TabularModelName, peerKey: string, peerName: string, note?: string) => {
    const o = osprey[model];
    const p = peers.models[peerKey];
    if (!o) return;
    rows.push({
      task,
      osprey: model,
      peer: p && !p.error ? peerName : `${peerName} (missing)`,
      metric: 'AUC',
      ospreyQuality: o.auc,
      peerQuality: p && !p.error ? p.auc : Number.NaN,
      ospreySeconds: o.fitSeconds,
      peerSeconds: p && !p.error ? p.fit_seconds : Number.NaN,
      ospreyCpu: o.fitCpuSeconds,
      peerCpu: p && !p.error ? (p.fit_cpu_seconds ?? Number.NaN) : Number.NaN,
      note,
    });
  };
  pair(
    'bank 5-fold',
    'gbdt',
    'xgboost',
    'XGBoost hist',
    '300 trees, depth 6, lr 0.05, 0.8/0.8; Osprey native categoricals',
  );
  pair(
    'bank 5-fold',
    'gbdt',
    'hgb',
    'sklearn HistGradientBoosting',
    'HGB defaults (early stopping auto: on above 10k rows)',
  );
  pair(
    'bank 5-fold',
    'logreg',
    'logreg',
    'sklearn LogisticRegression lbfgs',
    'C=1; Osprey fits the one-hot matrix as CSR',
  );
  pair('bank 5-fold', 'tree', 'cart', 'sklearn DecisionTreeClassifier', 'max_depth 8, min_samples_leaf 20');
  pair('bank 5-fold', 'mlp', 'mlp', 'sklearn MLPClassifier', '(64, 32), Adam, batch 256, early stopping');

  // ml.js peers are far too slow for the full folds: fold 0 only, on a training subsample for ml-cart.
  if (want('mljs')) rows.push(...(await mljsRows(X, y, categorical, folds)));

  // K-Means rows come from ml-core's bench/ml-kmeans.ts (Osprey KMeans vs sklearn and ml-kmeans).
  const kmeans = join(here, 'ml-kmeans.ts');
  if (existsSync(kmeans) && want('kmeans')) {
    log('k-means bench from bench/ml-kmeans.ts...');
    const mod = (await import(pathToFileURL(kmeans).href)) as {
      runKMeansBench?: () => Promise<(Row & { peerName?: string })[]>;
    };
    for (const r of (await mod.runKMeansBench?.()) ?? [])
      rows.push({ ...r, osprey: 'kmeans', peer: r.peerName ?? r.peer });
  }

  const table = renderTable(rows);
  process.stdout.write(`${table}\n`);
  writeResults(table, started);
}

async function mljsRows(
  X: Dense,
  y: Int32Array,
  categorical: Set<number>,
  folds: Int32Array,
): Promise<Row[]> {
  const out: Row[] = [];
  const { train, test } = foldIndices(folds, 0);
  const yte = Int32Array.from(test, (r) => y[r]);
  const asRows = (D: Dense) =>
    Array.from({ length: D.rows }, (_, i) => Array.from(D.data.subarray(i * D.cols, (i + 1) * D.cols)));

  // ml-cart: ~4,000 training rows (it is superlinear: 2k rows ≈ 1 s, 8k rows ≈ 30 s on this machine).
  try {
    const { DecisionTreeClassifier: MlCart } = await import('ml-cart');
    // Every 9th training row (~4,000): a spread sample, because bank-full is ordered by call date.
    const sub = train.filter((_, i) => i % 9 === 0);
    const plan = fitEncoding(X, sub, categorical, false);
    const tr = applyEncoding(plan, X, sub, false);
    const te = applyEncoding(plan, X, test, false);
    const ysub = Array.from(sub, (r) => y[r]);
    log(`ml-cart on ${sub.length} rows of fold 0...`);
    let t0 = performance.now();
    const c = new MlCart({
      gainFunction: 'gini',
      maxDepth: TREE_EVAL_PARAMS.maxDepth,
      minNumSamples: TREE_EVAL_PARAMS.minSamplesLeaf,
    });
    c.train(asRows(tr), ysub);
    const peerSeconds = (performance.now() - t0) / 1000;
    const ps = asRows(te).map((row) => {
      const dist = c.root.classify(row);
      return dist.columns > 1 ? dist.get(0, 1) : 0;
    });
    t0 = performance.now();
    const m = new DecisionTreeClassifier(TREE_EVAL_PARAMS).fit(tr, Int32Array.from(ysub));
    const ospreySeconds = (performance.now() - t0) / 1000;
    const po = m.predictProba(te);
    out.push({
      task: `bank fold 0, ${sub.length} train rows`,
      osprey: 'tree',
      peer: 'ml-cart',
      metric: 'AUC',
      ospreyQuality: rocAuc(
        yte,
        Float64Array.from({ length: te.rows }, (_, i) => po.data[2 * i + 1]),
      ),
      peerQuality: rocAuc(yte, ps),
      ospreySeconds,
      peerSeconds,
      note: 'every 9th training row of fold 0 (ml-cart is superlinear in rows)',
    });
  } catch (e) {
    log(`ml-cart skipped: ${(e as Error).message}`);
  }

  // ml-logistic-regression: batch gradient descent; 100 steps on fold 0 (its default is 50,000).
  try {
    const { default: MlLogReg } = await import('ml-logistic-regression');
    const { Matrix } = await import('ml-matrix');
    const plan = fitEncoding(X, train, categorical, true);
    const tr = applyEncoding(plan, X, train, true);
    const te = applyEncoding(plan, X, test, true);
    log('ml-logistic-regression, 100 steps, fold 0...');
    let t0 = performance.now();
    const lr = new MlLogReg({ numSteps: 100, learningRate: 5e-4 });
    lr.train(new Matrix(asRows(tr)), Matrix.columnVector(Array.from(train, (r) => y[r])));
    const peerSeconds = (performance.now() - t0) / 1000;
    const ps = lr.classifiers[0].testScores(new Matrix(asRows(te))) as number[];
    const { LogisticRegression } = await import('../src/ml/linear/logistic-regression.js');
    t0 = performance.now();
    const m = new LogisticRegression({ penalty: 'l2', C: 1, maxIter: 1000 }).fit(
      tr,
      Int32Array.from(train, (r) => y[r]),
    );
    const ospreySeconds = (performance.now() - t0) / 1000;
    const po = m.predictProba(te);
    out.push({
      task: 'bank fold 0',
      osprey: 'logreg',
      peer: 'ml-logistic-regression',
      metric: 'AUC',
      ospreyQuality: rocAuc(
        yte,
        Float64Array.from({ length: te.rows }, (_, i) => po.data[2 * i + 1]),
      ),
      peerQuality: rocAuc(yte, ps),
      ospreySeconds,
      peerSeconds,
      note: 'ml.js: 100 gradient steps (default 50,000 would take hours)',
    });
  } catch (e) {
    log(`ml-logistic-regression skipped: ${(e as Error).message}`);
  }
  return out;
}

const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '—');
const f4 = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : '—');

function renderTable(rows: Row[]): string {
  const head =
    '| task | Osprey | peer | metric | Osprey | peer | Δ (O − p) | Osprey fit s | peer fit s | time ratio O/p | CPU s O / p | note |\n' +
    '| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |';
  const body = rows.map(
    (r) =>
      `| ${r.task} | ${r.osprey} | ${r.peer} | ${r.metric} | ${f4(r.ospreyQuality)} | ${f4(r.peerQuality)} | ${f4(
        r.ospreyQuality - r.peerQuality,
      )} | ${f3(r.ospreySeconds)} | ${f3(r.peerSeconds)} | ${f3(r.ospreySeconds / r.peerSeconds)} | ${
        r.ospreyCpu !== undefined ? `${f3(r.ospreyCpu)} / ${f3(r.peerCpu ?? Number.NaN)}` : ''
      } | ${r.note ?? ''} |`,
  );
  return [head, ...body].join('\n');
}

function writeResults(table: string, started: Date): void {
  const file = join(here, 'RESULTS.md');
  const cpu = cpus();
  const section = [
    '## ML',
    '',
    `- command: \`npm run bench:ml\`${only ? ` (BENCH_ONLY=${only.join(',')})` : ''}`,
    `- date: ${started.toISOString()}`,
    `- machine: ${cpu.length} × ${cpu[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}; shared with other jobs while measuring, so seconds are noisy`,
    '- data: UCI bank-full (45,211 rows; target y=yes; duration dropped), StratifiedKFold(5, shuffle=True, random_state=42); AUC is the mean over folds, fit seconds the wall-clock total; CPU s is process CPU time during fit (all threads; XGBoost uses 2)',
    '',
    table,
    '',
  ].join('\n');
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n\n';
  const start = text.indexOf('## ML\n');
  if (start >= 0) {
    const next = text.indexOf('\n## ', start + 1);
    const tail = next >= 0 ? text.slice(next + 1) : '';
    // Keep hand-written findings that follow the generated block (### subsections of ML).
    const manual = text.slice(start, next >= 0 ? next + 1 : text.length);
    const keepIdx = manual.indexOf('\n### ');
    const kept = keepIdx >= 0 ? manual.slice(keepIdx + 1) : '';
    text = text.slice(0, start) + section + (kept ? `\n${kept}` : '') + (tail ? `\n${tail}` : '');
  } else {
    text = `${text.trimEnd()}\n\n${section}`;
  }
  writeFileSync(file, text);
  log(`wrote ${file}`);
}

await main();
