import { isOspreyError } from '../core/errors.js';

/**
 * CLI conventions (DESIGN.md): with --json stdout carries only JSON; logs and progress go to stderr;
 * exit 0 on success, 1 on a runtime error, 2 on a usage error; an error is one line on stderr.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Print one JSON document as one line on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Human-oriented log line: always stderr, so stdout stays clean for --json consumers. */
export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Map any thrown value to the exit code and the one-line message the CLI prints. */
export function exitFor(err: unknown): { code: number; message: string } {
  if (err instanceof UsageError) return { code: 2, message: err.message };
  if (isOspreyError(err)) {
    const detail = err.issues.length
      ? `: ${err.issues
          .slice(0, 5)
          .map((i) => `${i.path}: ${i.message}`)
          .join('; ')}`
      : '';
    return { code: err.code === 'INVALID_INPUT' ? 1 : 1, message: `${err.message}${detail}` };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 1, message };
}

/** Wrap a command action: runs it and turns errors into a one-line stderr message and exit code. */
export function action<A extends unknown[]>(
  fn: (...args: A) => Promise<void> | void,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      const { code, message } = exitFor(err);
      process.stderr.write(`osprey: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
      if (process.env.OSPREY_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
      process.exit(code);
    }
  };
}

/** Parse a positive integer option or throw a usage error naming the option. */
export function intOption(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`--${name} must be an integer >= ${min}; got '${value}'`);
  return n;
}
