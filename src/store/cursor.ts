import { invalidInput } from '../core/errors.js';

/**
 * Opaque keyset-pagination cursors: the sort key of the last row of a page, base64url-encoded JSON.
 * Keyset (not OFFSET) pagination stays fast on deep pages and is stable while new rows arrive.
 */
export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, shape: ('string' | 'number')[]): (string | number)[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidInput(`cursor: not a cursor returned by this API`, [
      { path: 'cursor', message: 'not a valid cursor' },
    ]);
  }
  if (
    !Array.isArray(key) ||
    key.length !== shape.length ||
    key.some((v, i) => typeof v !== shape[i] || (typeof v === 'number' && !Number.isFinite(v)))
  ) {
    throw invalidInput(`cursor: not a cursor returned by this API`, [
      { path: 'cursor', message: 'not a valid cursor' },
    ]);
  }
  return key as (string | number)[];
}

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 1000;

/** Page size from a caller's `limit`: default 50, at most 1000, INVALID_INPUT when not a positive integer. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1) {
    throw invalidInput(`limit: must be a positive integer; got ${limit}`, [
      { path: 'limit', message: 'must be a positive integer' },
    ]);
  }
  return Math.min(limit, MAX_PAGE);
}
