import type { Command } from 'commander';
import { isOspreyError } from '../../core/errors.js';
import {
  ALGORITHM_KINDS,
  ContentBased,
  createRecommender,
  evaluateRecommender,
  formatFromFileName,
  type InteractionFormat,
  parseSplitSpec,
  prepareEvaluation,
  type RecommenderEvaluation,
  readInteractions,
  readMovieLensItemTexts,
  splitLog,
} from '../../recommend/index.js';
import { action, intOption, log, printJson, UsageError } from '../output.js';

interface EvalRecommendOptions {
  interactions: string;
  format?: string;
  algorithms?: string;
  k?: string;
  split: string;
  seed?: string;
  json?: boolean;
}

/** Algorithms that take a seed: the CLI's --seed is passed to them. */
const SEEDED = new Set(['als', 'bpr']);

/** `osprey eval recommend`: offline ranking evaluation of every recommender on an interaction file. */
export function registerEvalRecommend(evalCmd: Command): void {
  evalCmd
    .command('recommend')
    .description(
      'rank-evaluate recommenders on an interaction file (Microsoft Recommenders protocol by default)',
    )
    .requiredOption(
      '--interactions <file>',
      'CSV with header user,item[,rating][,timestamp], or MovieLens u.data',
    )
    .option('--format <format>', 'csv or movielens (default: movielens for a file named u.data, else csv)')
    .option(
      '--algorithms <list>',
      `comma-separated subset of ${Object.keys(ALGORITHM_KINDS).join(',')} (default: all available)`,
    )
    .option('--k <n>', 'list length for the @k metrics', '10')
    .option('--split <spec>', 'stratified-item:R, stratified-user:R or time:R', 'stratified-item:0.75')
    .option('--seed <n>', 'random seed for the split and seeded algorithms', '42')
    .option('--json', 'one JSON line per algorithm on stdout')
    .action(
      action(async (o: EvalRecommendOptions) => {
        const k = intOption('k', o.k, 10);
        const seed = intOption('seed', o.seed, 42, 0);
        if (o.format !== undefined && o.format !== 'csv' && o.format !== 'movielens') {
          throw new UsageError(`--format must be csv or movielens; got '${o.format}'`);
        }
        let split: ReturnType<typeof parseSplitSpec>;
        try {
          split = parseSplitSpec(o.split);
        } catch (e) {
          throw new UsageError(isOspreyError(e) ? e.message : String(e));
        }
        const names = (o.algorithms ?? Object.keys(ALGORITHM_KINDS).join(','))
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        for (const name of names) {
          if (!(name in ALGORITHM_KINDS)) {
            throw new UsageError(
              `--algorithms: unknown algorithm '${name}'; available: ${Object.keys(ALGORITHM_KINDS).join(', ')}`,
            );
          }
        }
        log(`reading ${o.interactions}`);
        const format = (o.format as InteractionFormat | undefined) ?? formatFromFileName(o.interactions);
        const interactions = readInteractions(o.interactions, format);
        // Content-based needs item texts: MovieLens' u.item beside u.data; CSV input has none yet.
        const itemTexts =
          format === 'movielens' ? readMovieLensItemTexts(o.interactions, interactions.itemIds) : undefined;
        if (!itemTexts) {
          if (o.algorithms !== undefined && names.includes('content')) {
            throw new UsageError(
              "--algorithms: 'content' needs item texts (MovieLens u.item beside u.data); none were found",
            );
          }
          names.splice(0, names.length, ...names.filter((n) => n !== 'content'));
        }
        const split_ = splitLog(interactions, split, seed);
        const data = prepareEvaluation(interactions, split_);
        log(
          `${interactions.user.length} interactions, ${interactions.userIds.length} users, ${interactions.itemIds.length} items; ` +
            `split ${o.split}: ${split_.train.length} train / ${split_.test.length} test; ${data.users.length} test users`,
        );
        const rows: { algorithm: string; r: RecommenderEvaluation }[] = [];
        for (const name of names) {
          const kind = ALGORITHM_KINDS[name];
          const model =
            kind === 'content' && itemTexts
              ? new ContentBased().withItemTexts(itemTexts)
              : createRecommender(kind, SEEDED.has(kind) ? { seed } : {});
          log(`${name}: fitting and evaluating`);
          const r = evaluateRecommender(model, data, k, {
            onProgress: (f, msg) =>
              process.stderr.isTTY &&
              process.stderr.write(`\r${name}: ${(f * 100).toFixed(0)}% ${msg ?? ''}   `),
          });
          if (process.stderr.isTTY) process.stderr.write('\n');
          rows.push({ algorithm: name, r });
          if (o.json) {
            printJson({
              algorithm: name,
              precision: r.precision,
              recall: r.recall,
              ndcg: r.ndcg,
              map: r.map,
              coverage: r.coverage,
              train_seconds: r.trainSeconds,
              recommend_ms_per_user: r.recommendMsPerUser,
              users: r.users,
              items: r.items,
            });
          }
        }
        if (!o.json) printTable(rows, k);
      }),
    );
}

function printTable(rows: { algorithm: string; r: RecommenderEvaluation }[], k: number): void {
  const header = [
    'algorithm',
    `P@${k}`,
    `R@${k}`,
    `nDCG@${k}`,
    `MAP@${k}`,
    'coverage',
    'train s',
    'ms/user',
    'users',
    'items',
  ];
  const body = rows.map(({ algorithm, r }) => [
    algorithm,
    r.precision.toFixed(4),
    r.recall.toFixed(4),
    r.ndcg.toFixed(4),
    r.map.toFixed(4),
    r.coverage.toFixed(4),
    r.trainSeconds.toFixed(2),
    r.recommendMsPerUser.toFixed(3),
    String(r.users),
    String(r.items),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((row) => row[c].length)));
  const line = (cells: string[]) =>
    cells.map((s, c) => (c === 0 ? s.padEnd(widths[c]) : s.padStart(widths[c]))).join('  ');
  process.stdout.write(`${line(header)}\n${body.map(line).join('\n')}\n`);
}
