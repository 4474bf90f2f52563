import type { Command } from 'commander';
import { trainSegments } from '../../profiles/index.js';
import { withContext } from '../context.js';
import { action, log, printJson, UsageError } from '../output.js';

type Row = { id: string; name: string; size: number; description?: string; descriptionZh?: string };

/**
 * `osprey segments train|list`: train clusters, RFM segments and tags (then refresh rule segments), and
 * list every segment with its size and description. `osprey train segments` (src/predict's command)
 * calls the same `trainSegments`.
 */
export function registerSegments(program: Command): void {
  const seg = program
    .command('segments')
    .description('customer segments: clusters, RFM segments, tags, rules');
  seg
    .command('train')
    .description('train clusters (k chosen automatically unless --k), RFM segments and tags')
    .option('--k <n>', 'number of clusters (default: chosen by sampled silhouette, 3-8)')
    .option('--method <name>', 'kmeans (default) or agglomerative (Ward)')
    .option('--json', 'print the summary as one JSON line')
    .addHelpText('after', '\nExample:\n  osprey segments train --k 6 --json\n')
    .action(
      action(async (opts: { k?: string; method?: string; json?: boolean }, cmd: Command) => {
        const k = opts.k === undefined ? undefined : Number(opts.k);
        if (k !== undefined && !(Number.isInteger(k) && k >= 2 && k <= 50)) {
          throw new UsageError(`--k must be a whole number from 2 to 50; got '${opts.k}'`);
        }
        if (opts.method !== undefined && opts.method !== 'kmeans' && opts.method !== 'agglomerative') {
          throw new UsageError(`--method must be kmeans or agglomerative; got '${opts.method}'`);
        }
        let shown = -1;
        const summary = await withContext(cmd, (c) =>
          trainSegments(c.store, {
            k,
            method: opts.method as 'kmeans' | 'agglomerative' | undefined,
            onProgress: (f, m) => {
              const pct = Math.floor(f * 100);
              if (pct >= shown + 10 || f === 1) {
                shown = pct;
                log(`segments: ${pct}% ${m ?? ''}`);
              }
            },
          }),
        );
        if (opts.json) return printJson(summary);
        const out = [`${summary.customers} customers as of ${summary.asOf}; k = ${summary.k}`];
        for (const c of summary.clusters as Row[])
          out.push(`  ${c.id}\t${c.size}\t${c.description}\t${c.descriptionZh}`);
        for (const r of [...(summary.rfm as Row[]), ...(summary.tags as Row[])])
          out.push(`  ${r.id}\t${r.size}\t${r.name}`);
        process.stdout.write(`${out.join('\n')}\n`);
      }),
    );
  seg
    .command('list')
    .description('every segment with its size and description')
    .option('--json', 'print the list as one JSON line')
    .action(
      action(async (opts: { json?: boolean }, cmd: Command) => {
        const list = await withContext(cmd, (c) => c.store.segments.list());
        if (opts.json) return printJson({ segments: list });
        const lines = list.map((s) => `${s.id}\t${s.kind}\t${s.size}\t${s.description || s.name}`);
        process.stdout.write(`${lines.join('\n')}${lines.length ? '\n' : ''}`);
      }),
    );
}
