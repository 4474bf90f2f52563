import { OspreyError } from '../core/errors.js';

/** Parse an ISO-8601 time or epoch-ms string from a query parameter; INVALID_INPUT names the parameter. */
export function parseTime(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = /^-?\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new OspreyError('INVALID_INPUT', `${name} is not a time`, [
      { path: name, message: `not a date: '${value}' (use ISO-8601 or epoch ms)` },
    ]);
  }
  return ms;
}

export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
