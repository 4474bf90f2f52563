import { invalidInput } from '../../core/errors.js';

/** Metric inputs: equal, non-zero lengths and finite values, named in the error. */
export function checkPair(a: ArrayLike<number>, b: ArrayLike<number>, an: string, bn: string): number {
  if (a.length !== b.length) throw invalidInput(`${an} has ${a.length} entries but ${bn} has ${b.length}`);
  if (a.length === 0) throw invalidInput(`${an} is empty`);
  checkFinite(a, an);
  checkFinite(b, bn);
  return a.length;
}

export function checkFinite(a: ArrayLike<number>, name: string): void {
  for (let i = 0; i < a.length; i++)
    if (!Number.isFinite(a[i])) throw invalidInput(`${name} row ${i}: value ${a[i]} is not finite`);
}

/** Binary labels must be 0/1 (after the caller maps its positive class to 1). */
export function checkBinary(y: ArrayLike<number>, name = 'yTrue'): void {
  for (let i = 0; i < y.length; i++)
    if (y[i] !== 0 && y[i] !== 1) throw invalidInput(`${name} row ${i}: value ${y[i]} is not 0 or 1`);
}
