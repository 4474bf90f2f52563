import { invalidInput } from '../core/errors.js';
import type { Csr } from '../ml/matrix.js';

/** Side-by-side concatenation of CSR matrices with equal row counts (scipy.sparse.hstack). */
export function hstackCsr(blocks: readonly Csr[]): Csr {
  if (blocks.length === 0) throw invalidInput('hstackCsr needs at least one block');
  const rows = blocks[0].rows;
  let cols = 0;
  let nnz = 0;
  for (const [i, b] of blocks.entries()) {
    if (b.rows !== rows) throw invalidInput(`block ${i} has ${b.rows} rows, expected ${rows}`);
    cols += b.cols;
    nnz += b.indptr[b.rows];
  }
  const indptr = new Int32Array(rows + 1);
  const indices = new Int32Array(nnz);
  const data = new Float64Array(nnz);
  let w = 0;
  for (let r = 0; r < rows; r++) {
    let offset = 0;
    for (const b of blocks) {
      for (let k = b.indptr[r]; k < b.indptr[r + 1]; k++, w++) {
        indices[w] = b.indices[k] + offset;
        data[w] = b.data[k];
      }
      offset += b.cols;
    }
    indptr[r + 1] = w;
  }
  return { rows, cols, indptr, indices, data };
}
