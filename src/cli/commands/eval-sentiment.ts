import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { invalidInput } from '../../core/errors.js';
import { crossValidateSentiment, type EvaluatedModel } from '../../text/sentiment/cross-validate.js';
import type { LanguageOption } from '../../text/tokenize.js';
import { action, intOption, log, printJson, UsageError } from '../output.js';

interface EvalSentimentOptions {
  data: string;
  format: string;
  text: string;
  label: string;
  positive?: string;
  lang: string;
  model: string;
  folds?: string;
  seed?: string;
  json?: boolean;
}

const MODELS = ['lexicon', 'logreg', 'svm', 'nbsvm'] as const;
const LANGS = ['auto', 'en', 'zh'] as const;

/** Read a file, gunzipping it when it starts with the gzip magic bytes. */
function readMaybeGzip(path: string): string {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw invalidInput(`cannot read --data '${path}': ${(e as Error).message}`);
  }
  if (buf.length > 2 && buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipSync(buf);
  return buf.toString('utf8');
}

function columnIndex(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`--${name} must be a 0-based column index with --format tsv; got '${value}'`);
  return n;
}

/**
 * Labelled texts from a file. CSV: with a header; --text/--label are column names. TSV: header-less
 * `text<TAB>label` lines split on tab and \n only (imdb_labelled.txt contains U+0085 and unbalanced quotes),
 * --text/--label are 0-based column indexes.
 */
export function readLabelledTexts(o: {
  data: string;
  format: 'csv' | 'tsv';
  text: string;
  label: string;
  positive?: string;
}): { texts: string[]; labels: Int32Array } {
  const raw = readMaybeGzip(o.data);
  const rows: { text: string | undefined; label: string | undefined; line: number }[] = [];
  if (o.format === 'tsv') {
    const ti = columnIndex('text', o.text);
    const li = columnIndex('label', o.label);
    raw.split('\n').forEach((line, i) => {
      const l = line.endsWith('\r') ? line.slice(0, -1) : line;
      if (l.trim() === '') return;
      const cells = l.split('\t');
      rows.push({ text: cells[ti], label: cells[li]?.trim(), line: i + 1 });
    });
  } else {
    const records = parse(raw, {
      columns: true,
      skip_empty_lines: true,
      relax_column_count: true,
      bom: true,
    }) as Record<string, string>[];
    if (records.length > 0) {
      for (const col of [o.text, o.label]) {
        if (!(col in records[0])) {
          throw invalidInput(
            `column '${col}' is not in the header of ${o.data} (columns: ${Object.keys(records[0]).join(', ')})`,
          );
        }
      }
    }
    records.forEach((r, i) => {
      rows.push({ text: r[o.text], label: r[o.label]?.trim(), line: i + 2 });
    });
  }
  if (rows.length === 0) throw invalidInput(`${o.data} has no data rows`);
  const distinct = new Set(rows.map((r) => r.label));
  const positives = new Set(
    o.positive !== undefined
      ? o.positive.split(',').map((s) => s.trim())
      : distinct.has('1')
        ? ['1']
        : ['positive', 'pos'],
  );
  const texts: string[] = [];
  const labels = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    if (r.text === undefined) throw invalidInput(`line ${r.line}: the text column '${o.text}' is missing`);
    if (r.label === undefined || r.label === '')
      throw invalidInput(`line ${r.line}: the label column '${o.label}' is empty`);
    // The first review of online_shopping_10_cats starts with a stray U+FEFF.
    texts.push(r.text.replace(/^\uFEFF/, ''));
    labels[i] = positives.has(r.label) ? 1 : 0;
  });
  const pos = labels.reduce((s, v) => s + v, 0);
  if (pos === 0 || pos === labels.length) {
    throw invalidInput(
      `all ${labels.length} rows got the same label (labels seen: ${[...distinct].slice(0, 5).join(', ')}); set --positive to the value meaning positive`,
    );
  }
  return { texts, labels };
}

export function registerEvalSentiment(evalCmd: Command): void {
  evalCmd
    .command('sentiment')
    .description(
      'cross-validate a review sentiment model on a labelled file (CSV with header, or TSV text<TAB>label)',
    )
    .requiredOption('--data <file>', 'labelled file; .gz accepted')
    .option('--format <format>', 'csv (with a header) or tsv (header-less text<TAB>label)', 'csv')
    .requiredOption('--text <col>', 'text column: a name for csv, a 0-based index for tsv')
    .requiredOption('--label <col>', 'label column: a name for csv, a 0-based index for tsv')
    .option('--positive <value>', "label value(s) meaning positive, comma-separated (default '1')")
    .option('--lang <lang>', 'auto | en | zh', 'auto')
    .option('--model <model>', 'lexicon | logreg | svm | nbsvm', 'svm')
    .option('--folds <k>', 'stratified folds', '5')
    .option('--seed <n>', 'seed for the folds and the models', '42')
    .option('--json', 'print one JSON line on stdout')
    .action(
      action((o: EvalSentimentOptions) => {
        if (o.format !== 'csv' && o.format !== 'tsv')
          throw new UsageError(`--format must be csv or tsv; got '${o.format}'`);
        if (!(MODELS as readonly string[]).includes(o.model)) {
          throw new UsageError(`--model must be one of ${MODELS.join(', ')}; got '${o.model}'`);
        }
        if (!(LANGS as readonly string[]).includes(o.lang))
          throw new UsageError(`--lang must be one of ${LANGS.join(', ')}; got '${o.lang}'`);
        const folds = intOption('folds', o.folds, 5, 2);
        const seed = intOption('seed', o.seed, 42, 0);
        const { texts, labels } = readLabelledTexts({
          data: o.data,
          format: o.format,
          text: o.text,
          label: o.label,
          positive: o.positive,
        });
        log(`${texts.length} labelled texts; ${o.model}, ${folds}-fold, seed ${seed}`);
        const bar = new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format: '{bar} {percentage}% {step}',
            hideCursor: true,
            noTTYOutput: false,
          },
          cliProgress.Presets.shades_classic,
        );
        const useBar = process.stderr.isTTY === true;
        if (useBar) bar.start(100, 0, { step: '' });
        const result = crossValidateSentiment(texts, labels, {
          model: o.model as EvaluatedModel,
          lang: o.lang as LanguageOption,
          folds,
          seed,
          // Accuracy, F1 and AUC read the decision values, which calibration does not change.
          params: { calibration: 'none' },
          onProgress: (f, step) =>
            useBar ? bar.update(Math.round(f * 100), { step: step ?? '' }) : undefined,
        });
        if (useBar) bar.stop();
        if (o.json) printJson(result);
        else {
          process.stdout.write(
            `${result.model} (${result.lang}), ${result.folds}-fold on ${result.rows} rows: accuracy ${result.accuracy.toFixed(4)}, F1 ${result.f1.toFixed(4)}, AUC ${result.auc.toFixed(4)}, fit ${result.fit_seconds.toFixed(2)} s per fold\n`,
          );
        }
      }),
    );
}
