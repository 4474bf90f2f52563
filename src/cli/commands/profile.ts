import type { Command } from 'commander';
import { OspreyError } from '../../core/errors.js';
import { predictionsForProfile } from '../../predict/index.js';
import { withContext } from '../context.js';
import { action, printJson } from '../output.js';

/** `osprey profile USER_ID [--json]`: the user's predictions with their reasons in words. */
export function registerProfile(program: Command): void {
  program
    .command('profile')
    .description("a user's predictions (churn, propensity, CLV) with the reasons behind each")
    .argument('<userId>', "the customer's own userId")
    .option('--json', 'print JSON on stdout')
    .action(
      action(async (userId: string, opts: { json?: boolean }, cmd: Command) => {
        await withContext(cmd, async (c) => {
          const profile = await c.store.users.findByIdentity('userId', userId);
          if (!profile) throw new OspreyError('NOT_FOUND', `no user with userId '${userId}'`);
          const predictions = await predictionsForProfile(c.store, profile.profileId, Date.now());
          if (opts.json) {
            printJson({ userId, predictions: Object.fromEntries(predictions.map((p) => [p.kind, p])) });
            return;
          }
          const lines = [`user ${userId}`];
          if (predictions.length === 0) lines.push('  no trained models yet: run `osprey train`');
          for (const p of predictions) {
            const value = p.kind === 'clv' ? p.value.toFixed(2) : `${(p.value * 100).toFixed(1)}%`;
            lines.push(
              `  ${p.kind} (next ${p.horizonDays} days, ${p.algorithm} v${p.modelVersion}): ${value}`,
            );
            for (const r of p.reasons) lines.push(`    - ${r.text}`);
          }
          process.stdout.write(`${lines.join('\n')}\n`);
        });
      }),
    );
}
