import type { Command } from 'commander';
import type { JsonObject } from '../../core/types.js';
import { parseTrainRequest, runTraining } from '../../predict/index.js';
import { withContext } from '../context.js';
import { action, log, printJson, UsageError } from '../output.js';
import { fractionBar } from './progress-bar.js';

const TARGETS = ['churn', 'propensity', 'clv', 'segments', 'all'];

/**
 * Hook for src/profiles (issue 4, segments): when it exists, `osprey train segments` (and `all`) call its
 * clustering here. Until then `segments` says so and `all` trains the predictions only.
 */
export async function trainSegments(): Promise<JsonObject | null> {
  return null;
}

/** `osprey train [churn|propensity|clv|segments|all]`: train in this process with a progress bar. */
export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('train prediction models (time-validated), activate them and score every user')
    .argument('[target]', `what to train: ${TARGETS.join(', ')}`, 'all')
    .option('--horizon <days>', 'outcome window in days (default 90)')
    .option('--algorithm <name>', 'churn/propensity: gbdt (default) or logistic (interpretable)')
    .option('--churn-on <what>', 'churn means no purchase (default) or no activity: purchase|activity')
    .option('--category <name>', 'propensity to buy in this category')
    .option('--json', 'print the result as JSON on stdout')
    .action(
      action(
        async (
          target: string,
          opts: { horizon?: string; algorithm?: string; churnOn?: string; category?: string; json?: boolean },
          cmd: Command,
        ) => {
          if (!TARGETS.includes(target)) {
            throw new UsageError(`unknown target '${target}'; use one of ${TARGETS.join(', ')}`);
          }
          const body: JsonObject = {};
          if (opts.horizon !== undefined) {
            const h = Number(opts.horizon);
            if (!Number.isFinite(h))
              throw new UsageError(`--horizon must be a number of days; got '${opts.horizon}'`);
            body.horizonDays = h;
          }
          if (opts.algorithm !== undefined) body.algorithm = opts.algorithm;
          if (opts.churnOn !== undefined) body.churnOn = opts.churnOn;
          if (opts.category !== undefined) body.category = opts.category;
          await withContext(cmd, async (c) => {
            const result: JsonObject = {};
            if (target === 'segments' || target === 'all') {
              const seg = await trainSegments();
              if (seg) result.segments = seg;
              else if (target === 'segments')
                throw new UsageError('segments are not available in this build yet');
            }
            if (target !== 'segments') {
              const req = parseTrainRequest(target, body);
              const bar = fractionBar();
              try {
                Object.assign(result, await runTraining(c.store, req, (f, m) => bar.update(f, m)));
              } finally {
                bar.stop();
              }
            }
            if (opts.json) printJson(result);
            else {
              for (const [kind, r] of Object.entries(result)) {
                const o = r as JsonObject;
                if (o.error) log(`${kind}: not trained: ${o.error}`);
                else {
                  const m = (o.metrics ?? {}) as JsonObject;
                  const figure =
                    typeof m.auc === 'number'
                      ? `validation AUC ${m.auc.toFixed(3)}, lift@10% ${(m.liftAtTopDecile as number).toFixed(2)}`
                      : typeof m.rmse === 'number'
                        ? `validation RMSE ${m.rmse.toFixed(2)} (naive ${(m.naiveRmse as number).toFixed(2)})`
                        : '';
                  process.stdout.write(`${kind} v${o.version}: ${figure}; ${o.scored} users scored\n`);
                }
              }
            }
          });
        },
      ),
    );
}
