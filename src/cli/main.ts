import { Command, CommanderError } from 'commander';
import { registerDemoData } from './commands/demo-data.js';
import { registerEvalClassify } from './commands/eval-classify.js';
import { registerEvalCluster } from './commands/eval-cluster.js';
import { registerEvalPropensity } from './commands/eval-propensity.js';
import { registerEvalRecommend } from './commands/eval-recommend.js';
import { registerEvalSentiment } from './commands/eval-sentiment.js';
import { registerImport } from './commands/import.js';
import { registerInit } from './commands/init.js';
import { registerKeys } from './commands/keys.js';
import { registerProfile } from './commands/profile.js';
import { registerServe } from './commands/serve.js';
import { registerStats } from './commands/stats.js';
import { registerTrain } from './commands/train.js';
import { registerWorker } from './commands/worker.js';

/**
 * `osprey` — the command adapter. Each verb lives in src/cli/commands/<verb>.ts and only parses
 * options, calls domain modules and prints; no business logic here.
 */
const program = new Command();
program
  .name('osprey')
  .description(
    'Osprey — self-hosted AI marketing engine. Collects customer events (Segment-compatible), keeps them ' +
      'private and durable, and serves them through an HTTP API and this command line.',
  )
  .version('0.1.0')
  .option(
    '--data-dir <path>',
    'data folder (SQLite database, secret key, uploads); default: $OSPREY_HOME or ./osprey-data',
  )
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride()
  .addHelpText(
    'after',
    '\nFirst steps:\n  osprey serve --demo            start the API with a synthetic demo shop (same as npm start)\n' +
      '  osprey keys create --role write  a key for your Segment SDK (the Basic-auth username)\n' +
      '  osprey import orders.csv --mapping online-retail\n\nRun `osprey <command> --help` for each command.\n',
  );

registerInit(program);
registerServe(program);
registerWorker(program);
registerImport(program);
registerDemoData(program);
registerKeys(program);
registerStats(program);
registerTrain(program);
registerProfile(program);

const evalCmd = program
  .command('eval')
  .description('measure Osprey models on your own files (cross-validated, reproducible with --seed)');
registerEvalCluster(evalCmd);
registerEvalClassify(evalCmd);
registerEvalRecommend(evalCmd);
registerEvalSentiment(evalCmd);
registerEvalPropensity(evalCmd);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version exit 0; anything else commander rejects is a usage error.
    process.exit(err.exitCode === 0 ? 0 : 2);
  }
  throw err;
}
