import type { Command } from 'commander';
import type { KeyRole } from '../../core/types.js';
import { createApiKey, describeKey } from '../../server/api-keys.js';
import { withContext } from '../context.js';
import { action, log, printJson, UsageError } from '../output.js';

/** `osprey keys create|list|revoke`: API keys for the HTTP API (write = ingestion only, admin = all). */
export function registerKeys(program: Command): void {
  const keys = program
    .command('keys')
    .description(
      'manage API keys: `write` keys may only send events (/v1/*), `admin` keys may call everything',
    );

  keys
    .command('create')
    .description('create an API key and print its secret (shown this once: it is stored only as a hash)')
    .requiredOption('--role <role>', 'write (ingestion only) or admin (everything)')
    .option('--label <text>', 'a note to recognise the key by, e.g. "web shop"')
    .option('--json', 'print {"key","role","id"} as one JSON line')
    .addHelpText('after', '\nExample:\n  osprey keys create --role write --label "web shop"\n')
    .action(
      action(async (opts: { role: string; label?: string; json?: boolean }, cmd: Command) => {
        if (opts.role !== 'write' && opts.role !== 'admin')
          throw new UsageError(`--role must be write or admin; got '${opts.role}'`);
        const minted = await withContext(cmd, (c) =>
          createApiKey(c.store, { role: opts.role as KeyRole, label: opts.label ?? null }),
        );
        if (opts.json) return printJson(minted);
        process.stdout.write(`${minted.key}\n`);
        log(`created ${minted.role} key ${minted.id}; the secret above is shown only once`);
      }),
    );

  keys
    .command('list')
    .description('list API keys (ids, roles, labels, dates — never secrets)')
    .option('--json', 'print the keys as one JSON line')
    .action(
      action(async (opts: { json?: boolean }, cmd: Command) => {
        const all = await withContext(cmd, async (c) => (await c.store.keys.list()).map(describeKey));
        if (opts.json) return printJson({ keys: all });
        if (all.length === 0) return log('no API keys yet: osprey keys create --role admin');
        for (const k of all) {
          const state = k.revokedAt ? `revoked ${k.revokedAt}` : 'active';
          process.stdout.write(`${k.id}\t${k.role}\t${state}\t${k.createdAt}\t${k.label ?? ''}\n`);
        }
      }),
    );

  keys
    .command('revoke')
    .description('revoke an API key by its id (see `osprey keys list`); requests using it get 401 at once')
    .argument('<id>', 'key id, e.g. key_3f2a9c0d1e4b')
    .option('--json', 'print {"revoked": id} as one JSON line')
    .action(
      action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
        const ok = await withContext(cmd, (c) => c.store.keys.revoke(id, Date.now()));
        if (!ok) throw new Error(`no active API key with id '${id}'`);
        if (opts.json) return printJson({ revoked: id });
        log(`revoked ${id}`);
      }),
    );
}
