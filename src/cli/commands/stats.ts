import type { Command } from 'commander';
import type { StatsOverview } from '../../store/store.js';
import { withContext } from '../context.js';
import { action, printJson, UsageError } from '../output.js';

const DAY = 86_400_000;

function timeOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw new UsageError(`--${name} must be an ISO date or time; got '${value}'`);
  return ms;
}

const money = (n: number) => n.toFixed(2);
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

function printHuman(s: StatsOverview): void {
  const out: string[] = [];
  out.push(`from ${new Date(s.from).toISOString()} to ${new Date(s.to).toISOString()}`);
  out.push(`users            ${s.users}`);
  out.push(`events           ${s.events}`);
  out.push(`orders           ${s.orders}`);
  out.push(`revenue          ${money(s.revenue)}`);
  out.push(`avg order value  ${money(s.averageOrderValue)}`);
  out.push(`DAU / WAU / MAU  ${s.dau} / ${s.wau} / ${s.mau}`);
  out.push(`view → purchase  ${pct(s.viewToPurchase)}`);
  if (s.topItems.length) {
    out.push('top items');
    for (const i of s.topItems)
      out.push(`  ${i.itemId}\t${i.orders} orders\t${money(i.revenue)}\t${i.title ?? ''}`);
  }
  if (s.topCategories.length) {
    out.push('top categories');
    for (const c of s.topCategories) out.push(`  ${c.category}\t${c.orders} orders\t${money(c.revenue)}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

/** `osprey stats`: the overview figures the dashboard shows, for a time range. */
export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('overview figures: users, events, orders, revenue, DAU/WAU/MAU, conversion, top items')
    .option('--from <time>', 'start of the range (ISO date/time; default: 30 days before --to)')
    .option('--to <time>', 'end of the range (ISO date/time; default: now)')
    .option('--top <n>', 'how many top items and categories', '10')
    .option('--json', 'print the figures as one JSON line')
    .addHelpText('after', '\nExample:\n  osprey stats --from 2011-01-01 --to 2011-12-31 --json\n')
    .action(
      action(async (opts: { from?: string; to?: string; top: string; json?: boolean }, cmd: Command) => {
        const to = timeOption('to', opts.to) ?? Date.now();
        const from = timeOption('from', opts.from) ?? to - 30 * DAY;
        if (from > to) throw new UsageError('--from must be before --to');
        const topN = Number(opts.top);
        if (!Number.isInteger(topN) || topN < 1) throw new UsageError(`--top must be a positive integer`);
        const s = await withContext(cmd, (c) => c.store.stats.overview({ from, to, topN }));
        if (opts.json)
          return printJson({ ...s, from: new Date(s.from).toISOString(), to: new Date(s.to).toISOString() });
        printHuman(s);
      }),
    );
}
