import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Test helpers for the shared services (DESIGN.md "Services in tests"): a test needing PostgreSQL skips
 * with a printed reason when it is unreachable, except under CI=true, where that is a failure.
 */
export function postgresTestUrl(): string {
  return process.env.OSPREY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

/** A fresh schema name per store instance, so concurrent test runs on one database never collide. */
export function randomSchema(prefix = 't'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** Resolves true (skip) when the service is down and CI is not set; throws under CI=true. */
export async function serviceUnavailable(service: string, url: string): Promise<boolean> {
  try {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
    await client.connect();
    await client.end();
    return false;
  } catch (err) {
    const reason = `${service} unreachable at ${url}: ${err instanceof Error ? err.message : String(err)}`;
    if (process.env.CI === 'true') throw new Error(`${reason} (CI=true: services are required)`);
    console.warn(`skipping ${service} tests: ${reason}`);
    return true;
  }
}
