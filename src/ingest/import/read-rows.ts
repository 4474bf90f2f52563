import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { invalidInput, OspreyError } from '../../core/errors.js';

export type ImportFormat = 'csv' | 'jsonl';

/** csv / jsonl from the file name, `.gz` after either. */
export function formatOf(path: string): { format: ImportFormat; gzip: boolean } {
  const lower = path.toLowerCase();
  const gzip = lower.endsWith('.gz');
  const base = gzip ? lower.slice(0, -3) : lower;
  if (base.endsWith('.csv')) return { format: 'csv', gzip };
  if (base.endsWith('.jsonl') || base.endsWith('.ndjson')) return { format: 'jsonl', gzip };
  throw invalidInput(
    `${path}: cannot tell the format from the name: use .csv, .jsonl (optionally .gz) or --format`,
    [{ path: 'file', message: 'unknown format (expected .csv, .jsonl, .csv.gz or .jsonl.gz)' }],
  );
}

/** Bytes of the file read so far (compressed bytes for .gz), for progress. */
export interface ByteCounter {
  read: number;
  total: number;
}

/** The file's text stream, gunzipped when needed, counting raw bytes read into `bytes`. */
export function openText(path: string, gzip: boolean, bytes: ByteCounter): Readable {
  bytes.total = statSync(path).size;
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  raw.on('data', (chunk) => {
    bytes.read += chunk.length;
  });
  if (!gzip) return raw;
  const gunzip = createGunzip();
  raw.on('error', (e) => gunzip.destroy(e));
  return raw.pipe(gunzip);
}

/**
 * Errors of reading the file itself (missing, unreadable, corrupt gzip, malformed CSV quoting) are the
 * user's input problem: INVALID_INPUT naming the file, never a crash with a stack trace.
 */
export function fileError(path: string, e: unknown): unknown {
  if (e instanceof OspreyError) return e;
  const err = e as NodeJS.ErrnoException & { code?: string };
  const code = typeof err?.code === 'string' ? err.code : '';
  if (code.startsWith('Z_'))
    return invalidInput(`${path}: not a valid gzip file (${err.message})`, [
      { path: 'file', message: 'not a valid gzip file' },
    ]);
  if (code === 'ENOENT')
    return invalidInput(`${path}: no such file`, [{ path: 'file', message: 'no such file' }]);
  if (code === 'EACCES')
    return invalidInput(`${path}: permission denied`, [{ path: 'file', message: 'permission denied' }]);
  if (code.startsWith('CSV_'))
    return invalidInput(`${path}: ${err.message}`, [{ path: 'file', message: 'malformed CSV' }]);
  return e;
}

/** One data record: its 1-based number (CSV: data row after the header; JSONL: line) and its fields. */
export type CsvRecord = { row: number; header: string[]; values: string[] };
export type JsonlRecord = { row: number; value: unknown; error?: string };

/**
 * Stream CSV records with constant memory. Ragged rows are passed through (the caller rejects them with
 * the column count) rather than aborting the whole import; a BOM is stripped.
 */
export async function* readCsv(stream: Readable): AsyncGenerator<CsvRecord> {
  const parser = stream.pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: false }),
  );
  stream.on('error', (e) => parser.destroy(e));
  let header: string[] | undefined;
  let row = 0;
  for await (const values of parser as AsyncIterable<string[]>) {
    if (!header) {
      header = values.map((h) => h.trim());
      continue;
    }
    row++;
    yield { row, header, values };
  }
}

/** Stream JSONL records; a line that is not JSON is yielded with `error` so it is counted and rejected. */
export async function* readJsonl(stream: Readable): AsyncGenerator<JsonlRecord> {
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  // readline does not forward input errors to its async iterator; emitting on the interface rejects it.
  let failure: unknown;
  stream.on('error', (e) => {
    failure = e;
    if (lines.listenerCount('error') > 0) lines.emit('error', e);
    else lines.close();
  });
  let row = 0;
  for await (const line of lines) {
    if (failure) throw failure;
    row++;
    if (line.trim() === '') continue;
    try {
      yield { row, value: JSON.parse(line) };
    } catch {
      yield { row, value: undefined, error: 'not valid JSON' };
    }
  }
  if (failure) throw failure;
}
