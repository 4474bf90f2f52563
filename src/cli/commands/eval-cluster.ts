import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { chooseK } from '../../ml/cluster/choose-k.js';
import { KMeans } from '../../ml/cluster/k-means.js';
import type { Dense } from '../../ml/matrix.js';
import { sampledSilhouetteScore } from '../../ml/metrics/clustering.js';
import { SimpleImputer } from '../../ml/preprocessing/simple-imputer.js';
import { StandardScaler } from '../../ml/preprocessing/standard-scaler.js';
import { action, intOption, log, printJson, UsageError } from '../output.js';

interface EvalClusterOptions {
  data?: string;
  k?: string;
  drop?: string;
  seed?: string;
  json?: boolean;
}

/** Rows sampled for the reported silhouette (exact silhouette is O(n²)). */
const SILHOUETTE_SAMPLE = 5000;

/**
 * `osprey eval cluster`: K-Means on the numeric columns of a CSV (standard-scaled, blanks imputed with
 * the column mean), k given or chosen by sampled silhouette over 2..10.
 */
export function registerEvalCluster(evalCmd: Command): void {
  evalCmd
    .command('cluster')
    .description('cluster the numeric columns of a CSV with K-Means and report inertia and silhouette')
    .requiredOption('--data <file>', 'CSV file (, or ; separated, header row)')
    .option('--k <n|auto>', 'number of clusters, or auto (silhouette over 2..10)', 'auto')
    .option('--drop <a,b>', 'columns to leave out')
    .option('--seed <n>', 'random seed', '42')
    .option('--json', 'print one JSON line on stdout')
    .action(
      action(async (o: EvalClusterOptions) => {
        const seed = intOption('seed', o.seed, 42, 0);
        const auto = o.k === undefined || o.k === 'auto';
        const k = auto ? 0 : intOption('k', o.k, 8, 1);
        const drop = new Set(
          (o.drop ?? '')
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        );
        const { X, columns } = readNumericCsv(o.data!, drop);
        if (!o.json) log(`${X.rows} rows, ${columns.length} numeric columns: ${columns.join(', ')}`);
        const imputed = new SimpleImputer({ strategy: 'mean' }).fit(X).transform(X);
        const Z = new StandardScaler().fit(imputed).transform(imputed);
        const t0 = performance.now();
        let model: KMeans;
        if (auto) {
          model = chooseK(Z, { kMin: 2, kMax: Math.min(10, Z.rows - 1), seed }).model;
        } else {
          if (k > Z.rows) throw new UsageError(`--k ${k} exceeds the number of rows (${Z.rows})`);
          model = new KMeans({ k, seed }).fit(Z);
        }
        const seconds = (performance.now() - t0) / 1000;
        const f = model.fitted;
        const kFound = f.centers.length / f.cols;
        const silhouette =
          kFound >= 2 && new Set(model.labels).size >= 2
            ? sampledSilhouetteScore(Z, model.labels, { sampleSize: SILHOUETTE_SAMPLE, seed })
            : null;
        const result = { k: kFound, inertia: f.inertia, silhouette, sizes: f.sizes, seconds };
        if (o.json) printJson(result);
        else {
          log(
            `k = ${kFound}  inertia = ${f.inertia.toFixed(2)}  silhouette = ${silhouette?.toFixed(4) ?? 'n/a'}`,
          );
          log(`sizes: ${f.sizes.join(', ')}  (${seconds.toFixed(2)} s)`);
          log(`worker threads used: ${model.threadsUsed}`);
        }
      }),
    );
}

/**
 * Minimal CSV → numeric matrix reader (the shared tabular reader lives on another branch): detects `,`
 * or `;`, handles quotes, a BOM and CRLF; keeps columns whose non-blank cells are all numbers; blanks
 * become NaN (imputed later).
 */
export function readNumericCsv(path: string, drop: ReadonlySet<string>): { X: Dense; columns: string[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read --data ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows = parse(text, {
    bom: true,
    delimiter,
    relax_column_count: false,
    skip_empty_lines: true,
  }) as string[][];
  if (rows.length < 2) throw new UsageError(`${path} has no data rows`);
  const header = rows[0].map((h) => h.trim());
  for (const d of drop) if (!header.includes(d)) throw new UsageError(`--drop: no column '${d}' in ${path}`);
  const keep: number[] = [];
  for (let c = 0; c < header.length; c++) {
    if (drop.has(header[c])) continue;
    let numeric = true;
    let seen = 0;
    for (let r = 1; r < rows.length && numeric; r++) {
      const v = rows[r][c].trim();
      if (v === '') continue;
      seen++;
      if (!Number.isFinite(Number(v))) numeric = false;
    }
    if (numeric && seen > 0) keep.push(c);
  }
  if (keep.length === 0) throw new UsageError(`${path} has no numeric columns to cluster`);
  const n = rows.length - 1;
  const data = new Float64Array(n * keep.length);
  for (let r = 0; r < n; r++)
    for (let j = 0; j < keep.length; j++) {
      const v = rows[r + 1][keep[j]].trim();
      data[r * keep.length + j] = v === '' ? Number.NaN : Number(v);
    }
  return { X: { rows: n, cols: keep.length, data }, columns: keep.map((c) => header[c]) };
}
