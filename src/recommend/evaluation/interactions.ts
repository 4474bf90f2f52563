import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { invalidInput } from '../../core/errors.js';
import type { Csr } from '../../ml/matrix.js';
import { csrFromCoo } from '../../ml/matrix.js';

/**
 * An interaction log in file order: one row per (user, item) event, ids mapped to dense indices in
 * order of first appearance. Row order matters: the Recommenders split draws one random number per row.
 */
export interface InteractionLog {
  user: Int32Array;
  item: Int32Array;
  /** Rating or event weight; 1 when the file has none. */
  rating: Float64Array;
  /** Seconds (or any monotone time); NaN when the file has none. */
  timestamp: Float64Array;
  userIds: string[];
  itemIds: string[];
}

export type InteractionFormat = 'csv' | 'movielens';

/** `movielens` for a file named like MovieLens' u.data, else csv. */
export function formatFromFileName(file: string): InteractionFormat {
  return /u\.data$/.test(file) ? 'movielens' : 'csv';
}

class LogBuilder {
  private readonly users = new Map<string, number>();
  private readonly items = new Map<string, number>();
  readonly u: number[] = [];
  readonly i: number[] = [];
  readonly r: number[] = [];
  readonly t: number[] = [];

  add(user: string, item: string, rating: number, ts: number): void {
    let uu = this.users.get(user);
    if (uu === undefined) this.users.set(user, (uu = this.users.size));
    let ii = this.items.get(item);
    if (ii === undefined) this.items.set(item, (ii = this.items.size));
    this.u.push(uu);
    this.i.push(ii);
    this.r.push(rating);
    this.t.push(ts);
  }

  build(): InteractionLog {
    return {
      user: Int32Array.from(this.u),
      item: Int32Array.from(this.i),
      rating: Float64Array.from(this.r),
      timestamp: Float64Array.from(this.t),
      userIds: [...this.users.keys()],
      itemIds: [...this.items.keys()],
    };
  }
}

function number(value: string, line: number, column: string): number {
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v)) {
    throw invalidInput(`line ${line}, column '${column}': '${value}' is not a number`);
  }
  return v;
}

/** MovieLens u.data: tab-separated `user item rating timestamp`, no header. */
export function parseMovieLens(text: string): InteractionLog {
  const b = new LogBuilder();
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    if (line === '') continue;
    const f = line.split('\t');
    if (f.length < 4) throw invalidInput(`line ${n + 1}: expected 4 tab-separated fields, got ${f.length}`);
    b.add(f[0], f[1], number(f[2], n + 1, 'rating'), number(f[3], n + 1, 'timestamp'));
  }
  return b.build();
}

/**
 * CSV with a header naming columns user, item and optionally rating, timestamp (extra columns are
 * ignored). Timestamps may be numbers or ISO dates (stored as seconds).
 */
export function parseInteractionsCsv(text: string): InteractionLog {
  const rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<
    string,
    string
  >[];
  const b = new LogBuilder();
  if (rows.length === 0) return b.build();
  const cols = Object.keys(rows[0]);
  for (const need of ['user', 'item']) {
    if (!cols.includes(need))
      throw invalidInput(`column '${need}' is missing from the header (${cols.join(',')})`);
  }
  const hasRating = cols.includes('rating');
  const hasTs = cols.includes('timestamp');
  for (let n = 0; n < rows.length; n++) {
    const row = rows[n];
    const line = n + 2;
    if (!row.user) throw invalidInput(`line ${line}, column 'user': empty`);
    if (!row.item) throw invalidInput(`line ${line}, column 'item': empty`);
    const rating = hasRating && row.rating !== '' ? number(row.rating, line, 'rating') : 1;
    let ts = Number.NaN;
    if (hasTs && row.timestamp !== '') {
      ts = Number(row.timestamp);
      if (!Number.isFinite(ts)) {
        const ms = Date.parse(row.timestamp);
        if (Number.isNaN(ms))
          throw invalidInput(`line ${line}, column 'timestamp': '${row.timestamp}' is not a time`);
        ts = ms / 1000;
      }
    }
    b.add(row.user, row.item, rating, ts);
  }
  return b.build();
}

export function readInteractions(
  file: string,
  format: InteractionFormat = formatFromFileName(file),
): InteractionLog {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw invalidInput(
      code === 'ENOENT' ? `interaction file ${file} does not exist` : `cannot read ${file}: ${String(e)}`,
    );
  }
  const log = format === 'movielens' ? parseMovieLens(text) : parseInteractionsCsv(text);
  if (log.user.length === 0) throw invalidInput(`${file} holds no interactions`);
  return log;
}

/**
 * User × item matrix of the selected rows. Weight per row: 1 (implicit feedback: every interaction
 * counts the same, as in the Recommenders benchmark) or the rating; repeated pairs are summed.
 */
export function interactionMatrix(
  log: InteractionLog,
  rows: Int32Array,
  weight: 'binary' | 'rating' = 'binary',
): Csr {
  const u = new Int32Array(rows.length);
  const i = new Int32Array(rows.length);
  const v = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    u[k] = log.user[rows[k]];
    i[k] = log.item[rows[k]];
    v[k] = weight === 'rating' ? log.rating[rows[k]] : 1;
  }
  const X = csrFromCoo(log.userIds.length, log.itemIds.length, u, i, v);
  if (weight === 'binary') X.data.fill(1);
  return X;
}
