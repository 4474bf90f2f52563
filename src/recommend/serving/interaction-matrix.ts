import type { Csr } from '../../ml/matrix.js';
import { csrFromCoo, transposeCsr } from '../../ml/matrix.js';
import type { InteractionRow } from '../../store/store.js';
import { DEFAULT_WEIGHTING, type InteractionWeighting, interactionWeight } from '../interaction-weights.js';

/** The user × item matrix the recommenders fit on, with the ids behind each row and column. */
export interface InteractionMatrix {
  /** profiles × items, summed weights (event type × recency decay) */
  matrix: Csr;
  /** row → profileId */
  profiles: number[];
  /** column → itemId */
  items: string[];
  profileRow: Map<number, number>;
  itemColumn: Map<string, number>;
}

/**
 * Build the matrix from stored interactions. Weights come from `interactionWeight` (view < add to cart <
 * purchase, optional half-life decay seen from `now`); repeated (user, item) pairs are summed.
 */
export function buildInteractionMatrix(
  rows: readonly InteractionRow[],
  o: { now: number; weighting?: InteractionWeighting },
): InteractionMatrix {
  const weighting = o.weighting ?? DEFAULT_WEIGHTING;
  const profileRow = new Map<number, number>();
  const itemColumn = new Map<string, number>();
  const profiles: number[] = [];
  const items: string[] = [];
  const r = new Int32Array(rows.length);
  const c = new Int32Array(rows.length);
  const v = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    let u = profileRow.get(row.profileId);
    if (u === undefined) {
      u = profiles.length;
      profileRow.set(row.profileId, u);
      profiles.push(row.profileId);
    }
    let i = itemColumn.get(row.itemId);
    if (i === undefined) {
      i = items.length;
      itemColumn.set(row.itemId, i);
      items.push(row.itemId);
    }
    r[k] = u;
    c[k] = i;
    v[k] = interactionWeight(row.event, row.timestamp, o.now, weighting);
  }
  const matrix = csrFromCoo(Math.max(1, profiles.length), Math.max(1, items.length), r, c, v);
  return { matrix, profiles, items, profileRow, itemColumn };
}

/**
 * Cosine similarity of two items' user columns, from the item × user transpose: used to say which item
 * of a user's history a recommendation comes from ("because you bought X").
 */
export function itemCosine(itemUser: Csr, norms: Float64Array, a: number, b: number): number {
  let p = itemUser.indptr[a];
  const pe = itemUser.indptr[a + 1];
  let q = itemUser.indptr[b];
  const qe = itemUser.indptr[b + 1];
  let dot = 0;
  while (p < pe && q < qe) {
    const x = itemUser.indices[p];
    const y = itemUser.indices[q];
    if (x === y) {
      dot += itemUser.data[p++] * itemUser.data[q++];
    } else if (x < y) p++;
    else q++;
  }
  const den = norms[a] * norms[b];
  return den > 0 ? dot / den : 0;
}

/** Item × user transpose (columns sorted per row) and each item's Euclidean norm. */
export function itemColumns(matrix: Csr): { itemUser: Csr; norms: Float64Array } {
  const itemUser = transposeCsr(matrix);
  const norms = new Float64Array(itemUser.rows);
  for (let i = 0; i < itemUser.rows; i++) {
    let s = 0;
    for (let p = itemUser.indptr[i]; p < itemUser.indptr[i + 1]; p++) s += itemUser.data[p] ** 2;
    norms[i] = Math.sqrt(s);
  }
  return { itemUser, norms };
}
