import { Command, CommanderError } from 'commander';
import { registerEvalSentiment } from './commands/eval-sentiment.js';

/**
 * `osprey` — the command adapter. Each verb lives in src/cli/commands/<verb>.ts and only parses
 * options, calls domain modules and prints; no business logic here.
 */
const program = new Command();
program
  .name('osprey')
  .description('Osprey — self-hosted AI marketing engine')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

const evalCmd = program
  .command('eval')
  .description('measure Osprey models on your own files (cross-validated, reproducible with --seed)');
registerEvalSentiment(evalCmd);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version exit 0; anything else commander rejects is a usage error.
    process.exit(err.exitCode === 0 ? 0 : 2);
  }
  throw err;
}
