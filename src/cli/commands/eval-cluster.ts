import type { Command } from 'commander';
import { readTabularCsv } from '../../ingest/tabular-csv.js';
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
        const { X, columns } = await readNumericCsv(o.data!, drop);
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
 * Numeric columns of a CSV (through the shared tabular reader: `,`/`;`, quotes, BOM, CRLF, gzip), minus
 * `drop`; blanks stay NaN (imputed by the caller). Categorical columns are left out.
 */
export async function readNumericCsv(
  path: string,
  drop: ReadonlySet<string>,
): Promise<{ X: Dense; columns: string[] }> {
  const t = await readTabularCsv(path);
  const names = t.columns.map((c) => c.name);
  for (const d of drop) if (!names.includes(d)) throw new UsageError(`--drop: no column '${d}' in ${path}`);
  const keep: number[] = [];
  t.columns.forEach((c, j) => {
    if (c.kind === 'numeric' && !drop.has(c.name) && c.missing < t.rows) keep.push(j);
  });
  if (keep.length === 0) throw new UsageError(`${path} has no numeric columns to cluster`);
  if (t.rows === 0) throw new UsageError(`${path} has no data rows`);
  const p = t.columns.length;
  const data = new Float64Array(t.rows * keep.length);
  for (let r = 0; r < t.rows; r++)
    for (let j = 0; j < keep.length; j++) data[r * keep.length + j] = t.values[r * p + keep[j]];
  return { X: { rows: t.rows, cols: keep.length, data }, columns: keep.map((j) => names[j]) };
}
