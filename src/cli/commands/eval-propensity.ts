import type { Command } from 'commander';
import {
  CLV_EVAL_MODELS,
  evaluateClv,
  evaluatePropensity,
  PROPENSITY_EVAL_MODELS,
} from '../../predict/index.js';
import { withContext } from '../context.js';
import { action, intOption, printJson, UsageError } from '../output.js';
import { fractionBar } from './progress-bar.js';

function cutoffOption(s: string | undefined): number {
  if (s === undefined) throw new UsageError('--cutoff is required (a date, e.g. 2011-09-09)');
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
  if (Number.isNaN(t)) throw new UsageError(`--cutoff '${s}' is not a date (use YYYY-MM-DD or an ISO time)`);
  return t;
}

interface ProtocolCli {
  cutoff?: string;
  horizon?: string;
  folds?: string;
  seed?: string;
  model?: string;
  json?: boolean;
}

/**
 * `osprey eval propensity` and `osprey eval clv`: issue 4's fixed protocol on the store (customers with an
 * order before the cut-off, labels from the horizon after it, stratified k-fold CV). JSON shapes are a
 * contract: {customers, positive_rate, auc, lift_at_10pct, logloss, model} and {customers, rmse,
 * naive_rmse, model}.
 */
export function registerEvalPropensity(evalCmd: Command): void {
  evalCmd
    .command('propensity')
    .description(
      'cross-validated purchase propensity on the store: will each customer buy within the horizon?',
    )
    .option('--cutoff <date>', 'cut-off date: features before it, labels after it')
    .option('--horizon <days>', 'label window in days', '90')
    .option('--folds <k>', 'stratified folds', '5')
    .option('--seed <n>', 'fold seed', '42')
    .option('--model <name>', `one of ${PROPENSITY_EVAL_MODELS.join(', ')} (blend = gbdt + logistic)`, 'gbdt')
    .option('--json', 'print JSON on stdout')
    .action(
      action(async (opts: ProtocolCli, cmd: Command) => {
        const protocol = protocolOptions(opts);
        const model = modelOption(opts.model, PROPENSITY_EVAL_MODELS);
        await withContext(cmd, async (c) => {
          const bar = fractionBar();
          const r = await evaluatePropensity({
            store: c.store,
            ...protocol,
            model,
            onProgress: (f, m) => bar.update(f, m),
          }).finally(() => bar.stop());
          if (opts.json) printJson(r);
          else {
            process.stdout.write(
              `customers ${r.customers}, positive rate ${r.positive_rate.toFixed(3)}\n` +
                `AUC ${r.auc.toFixed(4)}, lift@10% ${r.lift_at_10pct.toFixed(3)}, log loss ${r.logloss.toFixed(4)} (${r.model})\n`,
            );
          }
        });
      }),
    );

  evalCmd
    .command('clv')
    .description('cross-validated spend over the horizon (RMSE) against the naive "same as the last horizon"')
    .option('--cutoff <date>', 'cut-off date: features before it, spend after it')
    .option('--horizon <days>', 'spend window in days', '90')
    .option('--folds <k>', 'folds (stratified on buying at all)', '5')
    .option('--seed <n>', 'fold seed', '42')
    .option('--model <name>', `one of ${CLV_EVAL_MODELS.join(', ')}`, 'spend-linear')
    .option('--json', 'print JSON on stdout')
    .action(
      action(async (opts: ProtocolCli, cmd: Command) => {
        const protocol = protocolOptions(opts);
        const model = modelOption(opts.model, CLV_EVAL_MODELS);
        await withContext(cmd, async (c) => {
          const bar = fractionBar();
          const r = await evaluateClv({
            store: c.store,
            ...protocol,
            model,
            onProgress: (f, m) => bar.update(f, m),
          }).finally(() => bar.stop());
          if (opts.json) printJson(r);
          else {
            process.stdout.write(
              `customers ${r.customers}: RMSE ${r.rmse.toFixed(2)} (${r.model}), naive ${r.naive_rmse.toFixed(2)}\n`,
            );
          }
        });
      }),
    );
}

/** The evaluation protocol's options shared by `eval propensity` and `eval clv`. */
function protocolOptions(opts: ProtocolCli) {
  return {
    cutoff: cutoffOption(opts.cutoff),
    horizonDays: intOption('horizon', opts.horizon, 90),
    folds: intOption('folds', opts.folds, 5, 2),
    seed: intOption('seed', opts.seed, 42, 0),
  };
}

function modelOption<M extends string>(value: string | undefined, allowed: readonly M[]): M {
  if (!(allowed as readonly (string | undefined)[]).includes(value)) {
    throw new UsageError(`--model must be one of ${allowed.join(', ')}`);
  }
  return value as M;
}
