import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { withContext } from '../context.js';
import { action, log, printJson, UsageError } from '../output.js';
import { type ImportProgress, importFile } from '../runtime.js';

const KINDS = ['users', 'items', 'events'];

/** A progress bar on stderr (stdout stays clean for --json): share of bytes read, rows and rows/s. */
function progressBar(): { update(p: ImportProgress): void; stop(): void } {
  if (!process.stderr.isTTY) {
    // Not a terminal (CI, pipes): one line every few seconds instead of redrawing.
    let last = 0;
    return {
      update(p) {
        const now = Date.now();
        if (now - last < 5000 || p.read === 0) return;
        last = now;
        log(`imported ${p.read} rows (${Math.round(p.rowsPerSecond)} rows/s)`);
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: ' {bar} {percentage}% | {rows} rows | {rate} rows/s | {eta_formatted} left',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      const total = p.totalBytes ?? 0;
      if (!started) {
        bar.start(total || 1, 0, { rows: 0, rate: 0 });
        started = true;
      }
      bar.update(total ? p.bytes : 0, { rows: p.read, rate: Math.round(p.rowsPerSecond) });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** `osprey import FILE`: stream a CSV/JSONL file (gzip accepted) of users, items or events into the store. */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import users, items or events from a CSV or JSONL file (.gz accepted), streaming')
    .argument('<file>', 'the file to import (.csv, .jsonl, optionally .gz)')
    .option('--kind <kind>', 'users, items or events (default: guessed from the file name and columns)')
    .option(
      '--mapping <mapping>',
      'column mapping: \'online-retail\' (UCI Online Retail layout) or a JSON file {"osprey field": "column"}',
    )
    .option('--json', 'print one JSON line {"read","accepted","rejected","rejections":[...],"seconds"}')
    .addHelpText(
      'after',
      '\nEvery row is accounted for: read = accepted + rejected; the first 20 rejections name row, field and reason.\n' +
        'A file with rejected rows still succeeds (exit 0).\n\nExamples:\n' +
        '  osprey import ../shared/data/online-retail/online_retail.csv --mapping online-retail\n' +
        '  osprey import users.jsonl --kind users\n',
    )
    .action(
      action(
        async (file: string, opts: { kind?: string; mapping?: string; json?: boolean }, cmd: Command) => {
          const path = resolve(file);
          if (!existsSync(path)) throw new UsageError(`file not found: ${file}`);
          if (opts.kind !== undefined && !KINDS.includes(opts.kind))
            throw new UsageError(`--kind must be users, items or events; got '${opts.kind}'`);
          const bar = progressBar();
          const result = await withContext(cmd, async (c) => {
            try {
              return await importFile({
                ...c,
                file: path,
                kind: opts.kind as 'users' | 'items' | 'events' | undefined,
                mapping: opts.mapping,
                onProgress: (p) => bar.update(p),
              });
            } finally {
              bar.stop();
            }
          });
          if (opts.json) return printJson(result);
          process.stdout.write(
            `read ${result.read} rows: ${result.accepted} accepted, ${result.rejected} rejected in ${result.seconds.toFixed(1)} s\n`,
          );
          for (const r of result.rejections)
            process.stdout.write(`  row ${r.row}: ${r.field}: ${r.reason}\n`);
        },
      ),
    );
}
