/**
 * The one error type of Osprey. Every module throws `OspreyError` with a code from a small closed set;
 * adapters (HTTP, CLI) map codes to statuses / exit codes in one table each.
 * This file is a leaf: it imports nothing, so `src/ml` may depend on it.
 */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FITTED'
  | 'UNSUPPORTED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export interface FieldIssue {
  /** Path of the offending field, e.g. `batch[3].timestamp` or `row 12, column 'CustomerID'`. */
  path: string;
  /** What is wrong, in words a user can act on: `not a date`. */
  message: string;
}

export class OspreyError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];

  constructor(code: ErrorCode, message: string, issues: FieldIssue[] = []) {
    super(message);
    this.name = 'OspreyError';
    this.code = code;
    this.issues = issues;
  }
}

export const invalidInput = (message: string, issues: FieldIssue[] = []): OspreyError =>
  new OspreyError('INVALID_INPUT', message, issues);

export const notFound = (message: string): OspreyError => new OspreyError('NOT_FOUND', message);

export const notFitted = (what: string): OspreyError =>
  new OspreyError('NOT_FITTED', `${what} is not fitted yet: call fit() first`);

export const isOspreyError = (e: unknown): e is OspreyError => e instanceof OspreyError;
