import type { Command } from 'commander';
import { withContext } from '../context.js';
import { action, intOption, log, printJson, UsageError } from '../output.js';
import { loadDemoShop } from '../runtime.js';

/** `osprey demo-data`: generate the synthetic shop deterministically and load it into the store. */
export function registerDemoData(program: Command): void {
  program
    .command('demo-data')
    .description(
      'generate a realistic synthetic shop (catalogue, users, sessions, orders, reviews) and load it',
    )
    .option('--users <n>', 'number of customers', '2000')
    .option('--seed <s>', 'random seed: the same seed and --now give the same shop', '42')
    .option('--now <iso-time>', 'when the history ends (default: now)')
    .option('--json', 'print {"users","items","events","truth","seconds"} as one JSON line')
    .addHelpText(
      'after',
      '\nThe hidden ground truth (taste cluster, churn time, next-90-day purchases per user) is written to\n<data folder>/demo-truth.jsonl, never ingested, so models can be checked against it.\n',
    )
    .action(
      action(async (opts: { users: string; seed: string; now?: string; json?: boolean }, cmd: Command) => {
        const users = intOption('users', opts.users, 2000);
        const seed = intOption('seed', opts.seed, 42, 0);
        const now = opts.now === undefined ? Date.now() : Date.parse(opts.now);
        if (!Number.isFinite(now)) throw new UsageError(`--now must be an ISO time; got '${opts.now}'`);
        const started = Date.now();
        const r = await withContext(cmd, (c) =>
          loadDemoShop({ ...c, users, seed, now, onProgress: (m) => log(m) }),
        );
        const seconds = (Date.now() - started) / 1000;
        if (opts.json) return printJson({ ...r, seconds });
        process.stdout.write(
          `demo shop: ${r.users} users, ${r.items} items, ${r.events} events in ${seconds.toFixed(1)} s; truth in ${r.truth}\n`,
        );
      }),
    );
}
