import { invalidInput } from '../core/errors.js';

/** Dense row-major matrix. `data[r * cols + c]`. */
export interface Dense {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array | Float32Array;
}

/** Compressed sparse row matrix (scipy.sparse.csr_matrix layout). */
export interface Csr {
  readonly rows: number;
  readonly cols: number;
  /** length rows + 1; row r occupies [indptr[r], indptr[r+1]) */
  readonly indptr: Int32Array;
  /** column index of each stored value; sorted ascending within a row */
  readonly indices: Int32Array;
  readonly data: Float64Array | Float32Array;
}

export type Matrix = Dense | Csr;

export const isCsr = (m: Matrix): m is Csr => (m as Csr).indptr !== undefined;

export function dense(rows: number, cols: number, data?: Float64Array | Float32Array): Dense {
  const d = data ?? new Float64Array(rows * cols);
  if (d.length !== rows * cols) {
    throw invalidInput(`dense matrix data has length ${d.length}, expected rows*cols = ${rows * cols}`);
  }
  return { rows, cols, data: d };
}

/** Build a dense matrix from an array of equal-length rows. */
export function fromRows(rows: ArrayLike<number>[]): Dense {
  const n = rows.length;
  const m = n === 0 ? 0 : rows[0].length;
  const data = new Float64Array(n * m);
  for (let r = 0; r < n; r++) {
    const row = rows[r];
    if (row.length !== m) throw invalidInput(`row ${r} has ${row.length} columns, expected ${m}`);
    for (let c = 0; c < m; c++) data[r * m + c] = row[c];
  }
  return { rows: n, cols: m, data };
}

export function toRows(m: Dense): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < m.rows; r++) out.push(Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols)));
  return out;
}

/** Select rows (in the given order) of a dense or CSR matrix. */
export function takeRows<M extends Matrix>(m: M, idx: ArrayLike<number>): M {
  if (isCsr(m)) {
    let nnz = 0;
    for (let i = 0; i < idx.length; i++) nnz += m.indptr[idx[i] + 1] - m.indptr[idx[i]];
    const indptr = new Int32Array(idx.length + 1);
    const indices = new Int32Array(nnz);
    const data = new Float64Array(nnz);
    let p = 0;
    for (let i = 0; i < idx.length; i++) {
      const r = idx[i];
      for (let k = m.indptr[r]; k < m.indptr[r + 1]; k++, p++) {
        indices[p] = m.indices[k];
        data[p] = m.data[k];
      }
      indptr[i + 1] = p;
    }
    return { rows: idx.length, cols: m.cols, indptr, indices, data } as M;
  }
  const d = m as Dense;
  const out = new Float64Array(idx.length * d.cols);
  for (let i = 0; i < idx.length; i++) {
    out.set(d.data.subarray(idx[i] * d.cols, (idx[i] + 1) * d.cols), i * d.cols);
  }
  return { rows: idx.length, cols: d.cols, data: out } as M;
}

/** Build CSR from coordinate triplets; duplicates are summed, columns sorted within rows. */
export function csrFromCoo(
  rows: number,
  cols: number,
  r: ArrayLike<number>,
  c: ArrayLike<number>,
  v?: ArrayLike<number>,
): Csr {
  const n = r.length;
  const start = new Int32Array(rows + 1);
  for (let i = 0; i < n; i++) {
    if (!(r[i] >= 0 && r[i] < rows)) throw invalidInput(`entry ${i}: row ${r[i]} out of range [0, ${rows})`);
    if (!(c[i] >= 0 && c[i] < cols))
      throw invalidInput(`entry ${i}: column ${c[i]} out of range [0, ${cols})`);
    start[r[i] + 1]++;
  }
  for (let i = 0; i < rows; i++) start[i + 1] += start[i];
  const pos = start.slice(0, rows);
  const idx = new Int32Array(n);
  const val = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = pos[r[i]]++;
    idx[p] = c[i];
    val[p] = v ? v[i] : 1;
  }
  // Sort each row by column and merge duplicates, compacting in place (write cursor never passes read).
  const indptr = new Int32Array(rows + 1);
  const order: number[] = [];
  const sortedI: number[] = [];
  const sortedV: number[] = [];
  let w = 0;
  for (let row = 0; row < rows; row++) {
    order.length = 0;
    for (let k = start[row]; k < start[row + 1]; k++) order.push(k);
    order.sort((a, b) => idx[a] - idx[b]);
    sortedI.length = 0;
    sortedV.length = 0;
    for (const k of order) {
      if (sortedI.length > 0 && sortedI[sortedI.length - 1] === idx[k]) sortedV[sortedV.length - 1] += val[k];
      else {
        sortedI.push(idx[k]);
        sortedV.push(val[k]);
      }
    }
    for (let j = 0; j < sortedI.length; j++, w++) {
      idx[w] = sortedI[j];
      val[w] = sortedV[j];
    }
    indptr[row + 1] = w;
  }
  return { rows, cols, indptr, indices: idx.slice(0, w), data: val.slice(0, w) };
}

export function transposeCsr(m: Csr): Csr {
  const counts = new Int32Array(m.cols + 1);
  const nnz = m.indptr[m.rows];
  for (let k = 0; k < nnz; k++) counts[m.indices[k] + 1]++;
  for (let c = 0; c < m.cols; c++) counts[c + 1] += counts[c];
  const pos = counts.slice(0, m.cols);
  const indices = new Int32Array(nnz);
  const data = new Float64Array(nnz);
  for (let r = 0; r < m.rows; r++) {
    for (let k = m.indptr[r]; k < m.indptr[r + 1]; k++) {
      const p = pos[m.indices[k]]++;
      indices[p] = r;
      data[p] = m.data[k];
    }
  }
  return { rows: m.cols, cols: m.rows, indptr: counts, indices, data };
}

export function csrToDense(m: Csr): Dense {
  const out = new Float64Array(m.rows * m.cols);
  for (let r = 0; r < m.rows; r++) {
    for (let k = m.indptr[r]; k < m.indptr[r + 1]; k++) out[r * m.cols + m.indices[k]] += m.data[k];
  }
  return { rows: m.rows, cols: m.cols, data: out };
}

/**
 * Reject NaN / ±Infinity and empty input, naming the first offending row and column.
 * `what` names the argument in the message (e.g. "X").
 */
export function assertFinite(m: Matrix, what = 'X'): void {
  if (m.rows === 0) throw invalidInput(`${what} is empty: at least one row is required`);
  if (m.cols === 0) throw invalidInput(`${what} has no columns`);
  if (isCsr(m)) {
    for (let r = 0; r < m.rows; r++) {
      for (let k = m.indptr[r]; k < m.indptr[r + 1]; k++) {
        if (!Number.isFinite(m.data[k])) {
          throw invalidInput(`${what} row ${r}, column ${m.indices[k]}: value ${m.data[k]} is not finite`);
        }
      }
    }
    return;
  }
  const { data, cols } = m;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw invalidInput(
        `${what} row ${Math.floor(i / cols)}, column ${i % cols}: value ${data[i]} is not finite`,
      );
    }
  }
}
