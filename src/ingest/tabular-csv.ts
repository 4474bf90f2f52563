import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { invalidInput, notFound } from '../core/errors.js';

/**
 * CSV reader for evaluators and importers of tabular data: detects `,` or `;`, quotes, a UTF-8 BOM,
 * CRLF and gzip (by magic bytes, whatever the file name); classifies every column as numeric (blanks
 * become NaN) or categorical (codes index `categories`, sorted so codes never depend on row order).
 */
export interface TabularColumn {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical';
  /** Categorical: label of code i. */
  readonly categories: string[];
  /** Blank cells in this column. */
  readonly missing: number;
}

export interface TabularData {
  readonly columns: TabularColumn[];
  readonly rows: number;
  /** Row-major rows × columns: numbers, or category codes; NaN where the cell was blank. */
  readonly values: Float64Array;
  readonly delimiter: ',' | ';';
}

export interface ReadTabularOptions {
  /** Force a delimiter instead of detecting it from the header line. */
  delimiter?: ',' | ';';
}

const GZIP_MAGIC = [0x1f, 0x8b];

async function peek(path: string, bytes: number): Promise<Buffer> {
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw notFound(`data file '${path}' does not exist`);
    throw invalidInput(`cannot read data file '${path}': ${(e as Error).message}`);
  }
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function openText(path: string, gz: boolean): Readable {
  const raw = createReadStream(path);
  return gz ? raw.pipe(createGunzip()) : raw;
}

async function headerLine(path: string, gz: boolean): Promise<string> {
  const stream = openText(path, gz);
  let text = '';
  for await (const chunk of stream) {
    text += (chunk as Buffer).toString('utf8');
    if (text.includes('\n') || text.length > 1 << 20) break;
  }
  stream.destroy();
  const nl = text.indexOf('\n');
  return nl >= 0 ? text.slice(0, nl) : text;
}

/** The delimiter that occurs more often outside quotes on the header line (`,` on a tie). */
export function detectDelimiter(header: string): ',' | ';' {
  let comma = 0;
  let semi = 0;
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') comma++;
    else if (!quoted && ch === ';') semi++;
  }
  return semi > comma ? ';' : ',';
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export async function readTabularCsv(path: string, o: ReadTabularOptions = {}): Promise<TabularData> {
  const head = await peek(path, 2);
  const gz = head.length === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  const delimiter = o.delimiter ?? detectDelimiter(await headerLine(path, gz));
  const parser = openText(path, gz).pipe(
    parse({ delimiter, bom: true, relax_column_count: false, skip_empty_lines: true, trim: true }),
  );
  let names: string[] | undefined;
  let cells: string[][] = [];
  let rows = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!names) {
        names = record.map((n, i) => n || `column_${i}`);
        const dup = names.find((n, i) => names?.indexOf(n) !== i);
        if (dup !== undefined) throw invalidInput(`${path}: column '${dup}' appears twice in the header`);
        cells = names.map(() => []);
        continue;
      }
      for (let c = 0; c < names.length; c++) cells[c].push(record[c]);
      rows++;
    }
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith('CSV_')) {
      throw invalidInput(`${path}: ${(e as Error).message}`);
    }
    throw e;
  }
  if (!names) throw invalidInput(`${path} is empty: a header line is required`);
  if (rows === 0) throw invalidInput(`${path} has a header but no data rows`);

  const cols = names.length;
  const values = new Float64Array(rows * cols);
  const columns: TabularColumn[] = [];
  for (let c = 0; c < cols; c++) {
    const col = cells[c];
    let missing = 0;
    let numeric = true;
    for (const s of col) {
      if (s === '') missing++;
      else if (numeric && !NUMBER.test(s)) numeric = false;
    }
    if (numeric && missing < rows) {
      for (let r = 0; r < rows; r++) values[r * cols + c] = col[r] === '' ? Number.NaN : Number(col[r]);
      columns.push({ name: names[c], kind: 'numeric', categories: [], missing });
      continue;
    }
    const labels = [...new Set(col.filter((s) => s !== ''))].sort();
    const code = new Map(labels.map((l, i) => [l, i]));
    for (let r = 0; r < rows; r++) {
      values[r * cols + c] = col[r] === '' ? Number.NaN : (code.get(col[r]) as number);
    }
    columns.push({ name: names[c], kind: 'categorical', categories: labels, missing });
  }
  return { columns, rows, values, delimiter };
}
