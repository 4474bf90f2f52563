import type { Command } from 'commander';
import { invalidInput } from '../../core/errors.js';
import { readTabularCsv, type TabularData } from '../../ingest/tabular-csv.js';
import {
  binaryTrainer,
  crossValidateBinary,
  crossValidateRegression,
  regressionTrainer,
  shuffledFolds,
  stratifiedFolds,
  TABULAR_MODELS,
  type TabularModelName,
} from '../../ml/evaluation/index.js';
import type { Dense } from '../../ml/matrix.js';
import { action, intOption, log, printJson, UsageError } from '../output.js';

/**
 * `osprey eval classify` and `osprey eval regress`: cross-validate a model on any CSV. The JSON shapes
 * are a contract (issue 3): later issues and users' scripts parse them.
 */
interface EvalOptions {
  data: string;
  target: string;
  positive?: string;
  drop?: string;
  model: string;
  folds?: string;
  seed?: string;
  json?: boolean;
}

interface Features {
  X: Dense;
  categorical: Set<number>;
  names: string[];
  /** Source column of the target. */
  target: number;
}

function selectFeatures(d: TabularData, target: string, drop: string | undefined): Features {
  const names = d.columns.map((c) => c.name);
  const t = names.indexOf(target);
  if (t < 0)
    throw invalidInput(`--target column '${target}' is not in the file; columns: ${names.join(', ')}`);
  const dropped = new Set<string>();
  for (const raw of (drop ?? '').split(',')) {
    const name = raw.trim();
    if (name === '') continue;
    if (!names.includes(name)) {
      throw invalidInput(`--drop column '${name}' is not in the file; columns: ${names.join(', ')}`);
    }
    dropped.add(name);
  }
  const keep: number[] = [];
  for (let c = 0; c < names.length; c++) if (c !== t && !dropped.has(names[c])) keep.push(c);
  if (keep.length === 0) throw invalidInput('no feature columns left after --target and --drop');
  const cols = keep.length;
  const X = new Float64Array(d.rows * cols);
  const all = d.columns.length;
  for (let r = 0; r < d.rows; r++)
    for (let j = 0; j < cols; j++) X[r * cols + j] = d.values[r * all + keep[j]];
  const categorical = new Set<number>();
  keep.forEach((c, j) => {
    if (d.columns[c].kind === 'categorical') categorical.add(j);
  });
  return { X: { rows: d.rows, cols, data: X }, categorical, names: keep.map((c) => names[c]), target: t };
}

/** 0/1 target; rows with a blank target are an error naming the first such row. */
function binaryTarget(d: TabularData, t: number, positive: string | undefined): Int32Array {
  const col = d.columns[t];
  const all = d.columns.length;
  const label = (r: number): string => {
    const v = d.values[r * all + t];
    if (Number.isNaN(v)) throw invalidInput(`target '${col.name}' is blank in data row ${r + 1}`);
    return col.kind === 'categorical' ? col.categories[v] : String(v);
  };
  const distinct = new Set<string>();
  for (let r = 0; r < d.rows && distinct.size <= 2; r++) distinct.add(label(r));
  const values = [...distinct];
  const shown = values.slice(0, 2).join(', ') + (values.length > 2 ? ', ...' : '');
  if (values.length > 2) {
    throw invalidInput(`target '${col.name}' is not binary: it has more than two values (${shown})`);
  }
  if (values.length < 2)
    throw invalidInput(`target '${col.name}' has a single value (${shown}): nothing to classify`);
  let pos: string;
  if (positive !== undefined) {
    if (!values.includes(positive)) {
      throw new UsageError(`--positive '${positive}' is not a value of '${col.name}' (values: ${shown})`);
    }
    pos = positive;
  } else {
    const lower = values.map((v) => v.toLowerCase()).sort();
    if (lower[0] === '0' && lower[1] === '1') pos = values.find((v) => v === '1') as string;
    else if (lower[0] === 'false' && lower[1] === 'true')
      pos = values.find((v) => v.toLowerCase() === 'true') as string;
    else {
      throw new UsageError(
        `target '${col.name}' has values ${shown}: pass --positive with the one to predict`,
      );
    }
  }
  return Int32Array.from({ length: d.rows }, (_, r) => (label(r) === pos ? 1 : 0));
}

function realTarget(d: TabularData, t: number): Float64Array {
  const col = d.columns[t];
  if (col.kind !== 'numeric')
    throw invalidInput(`target '${col.name}' is not numeric: eval regress needs numbers`);
  const all = d.columns.length;
  return Float64Array.from({ length: d.rows }, (_, r) => {
    const v = d.values[r * all + t];
    if (Number.isNaN(v)) throw invalidInput(`target '${col.name}' is blank in data row ${r + 1}`);
    return v;
  });
}

function modelOption(value: string): TabularModelName {
  if (!(TABULAR_MODELS as readonly string[]).includes(value)) {
    throw new UsageError(`--model must be one of ${TABULAR_MODELS.join(', ')}; got '${value}'`);
  }
  return value as TabularModelName;
}

const round = (v: number, digits = 6): number => Number(v.toFixed(digits));

export function registerEvalClassify(evalCmd: Command): void {
  const common = (cmd: Command): Command =>
    cmd
      .requiredOption('--data <file>', 'CSV file (, or ; separated, optionally gzipped)')
      .requiredOption('--target <column>', 'column to predict')
      .option('--drop <columns>', 'comma-separated columns to leave out (e.g. leaky ones)')
      .option('--model <name>', `model: ${TABULAR_MODELS.join('|')}`, 'gbdt')
      .option('--folds <k>', 'cross-validation folds', '5')
      .option('--seed <n>', 'random seed for folds and models', '42')
      .option('--json', 'print one JSON line on stdout');

  common(
    evalCmd
      .command('classify')
      .description('cross-validated binary classification: AUC, logloss, accuracy, F1 (stratified k-fold)')
      .option('--positive <value>', 'target value that counts as positive (needed unless 0/1 or true/false)'),
  ).action(
    action(async (o: EvalOptions) => {
      const model = modelOption(o.model);
      const folds = intOption('folds', o.folds, 5, 2);
      const seed = intOption('seed', o.seed, 42, 0);
      const data = await readTabularCsv(o.data);
      const f = selectFeatures(data, o.target, o.drop);
      const y = binaryTarget(data, f.target, o.positive);
      const trainer = binaryTrainer(model, { X: f.X, categorical: f.categorical, seed }, y);
      log(`eval classify: ${model} on ${data.rows} rows × ${f.names.length} features, ${folds} folds`);
      const r = crossValidateBinary(y, stratifiedFolds(y, folds, seed), folds, trainer, {
        now: () => performance.now(),
        onFold: (k, n) => log(`  fold ${k}/${n} done`),
      });
      const out = {
        model,
        folds,
        rows: data.rows,
        features: f.names.length,
        auc: round(r.auc),
        auc_std: round(r.aucStd),
        logloss: round(r.logloss),
        accuracy: round(r.accuracy),
        f1: round(r.f1),
        fit_seconds: round(r.fitSeconds, 3),
      };
      if (o.json) printJson(out);
      else for (const [k, v] of Object.entries(out)) process.stdout.write(`${k.padEnd(12)} ${v}\n`);
    }),
  );

  common(
    evalCmd.command('regress').description('cross-validated regression: RMSE, MAE, R² (shuffled k-fold)'),
  ).action(
    action(async (o: EvalOptions) => {
      const model = modelOption(o.model);
      if (model === 'logreg')
        throw new UsageError('--model logreg is a classifier; use it with eval classify');
      const folds = intOption('folds', o.folds, 5, 2);
      const seed = intOption('seed', o.seed, 42, 0);
      const data = await readTabularCsv(o.data);
      const f = selectFeatures(data, o.target, o.drop);
      const y = realTarget(data, f.target);
      const trainer = regressionTrainer(model, { X: f.X, categorical: f.categorical, seed }, y);
      log(`eval regress: ${model} on ${data.rows} rows × ${f.names.length} features, ${folds} folds`);
      const r = crossValidateRegression(y, shuffledFolds(y.length, folds, seed), folds, trainer, {
        now: () => performance.now(),
        onFold: (k, n) => log(`  fold ${k}/${n} done`),
      });
      const out = {
        model,
        folds,
        rows: data.rows,
        rmse: round(r.rmse),
        mae: round(r.mae),
        r2: round(r.r2),
        fit_seconds: round(r.fitSeconds, 3),
      };
      if (o.json) printJson(out);
      else for (const [k, v] of Object.entries(out)) process.stdout.write(`${k.padEnd(12)} ${v}\n`);
    }),
  );
}
