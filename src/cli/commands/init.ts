import type { Command } from 'commander';
import { createApiKey } from '../../server/api-keys.js';
import { describeDatabase, withContext } from '../context.js';
import { action, log, printJson } from '../output.js';

/**
 * `osprey init`: create the data folder, the store (migrated) and the secret key, and an admin key if
 * there is none yet. Safe to run again: it changes nothing that exists.
 */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description(
      'create the data folder, the database and the secret key, and a first admin API key (printed once)',
    )
    .option('--json', 'print {"dataDir","database","driver","adminKey"} as one JSON line')
    .addHelpText(
      'after',
      '\nRunning it again is harmless. Where things go: --data-dir, else OSPREY_HOME, else ./osprey-data;\nOSPREY_DATABASE_URL=postgres://... puts the data in PostgreSQL instead of SQLite.\n',
    )
    .action(
      action(async (opts: { json?: boolean }, cmd: Command) => {
        const r = await withContext(cmd, async (c) => {
          const existing = await c.store.keys.list();
          const minted =
            existing.length === 0
              ? await createApiKey(c.store, { role: 'admin', label: 'created by osprey init' })
              : null;
          return {
            dataDir: c.config.dataDir,
            database: describeDatabase(c.config),
            driver: c.store.driver,
            minted,
          };
        });
        if (opts.json) {
          return printJson({
            dataDir: r.dataDir,
            database: r.database,
            driver: r.driver,
            adminKey: r.minted ? { key: r.minted.key, id: r.minted.id } : null,
          });
        }
        log(`data folder  ${r.dataDir}`);
        log(`database     ${r.database} (${r.driver})`);
        if (r.minted) {
          log('admin key (shown once; keep it):');
          process.stdout.write(`${r.minted.key}\n`);
        } else log('API keys already exist: `osprey keys create --role admin` makes another');
      }),
    );
}
