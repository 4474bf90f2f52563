import { invalidInput } from '../../core/errors.js';
import { isCsr, type Matrix } from '../matrix.js';
import { checkMatrix } from '../validation.js';

/** Calibrators take one column of scores (dense or CSR); returns it as a dense vector. */
export function scoreColumn(X: Matrix, kind: string): Float64Array {
  checkMatrix(X, { kind });
  if (X.cols !== 1) throw invalidInput(`${kind}: X must have exactly 1 column of scores; got ${X.cols}`);
  if (!isCsr(X)) return Float64Array.from(X.data);
  const out = new Float64Array(X.rows);
  for (let r = 0; r < X.rows; r++) for (let k = X.indptr[r]; k < X.indptr[r + 1]; k++) out[r] += X.data[k];
  return out;
}
