import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OspreyError } from '../core/errors.js';
import { openStore } from './open-store.js';
import { runStoreSuite } from './store-suite.js';
import { postgresTestUrl, randomSchema, serviceUnavailable } from './test-services.js';

const dir = mkdtempSync(join(tmpdir(), 'osprey-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
runStoreSuite('sqlite', () => openStore(`sqlite:${join(dir, `s${n++}`, 'osprey.db')}`));

const pgUrl = postgresTestUrl();
const pgDown = await serviceUnavailable('PostgreSQL', pgUrl);
describe.skipIf(pgDown)('postgres', () => {
  runStoreSuite('postgres', () => openStore(pgUrl, { schema: randomSchema(), dropSchemaOnClose: true }));
});

describe('openStore', () => {
  it('creates the SQLite folder and file on first open and keeps data across reopen', async () => {
    const path = join(dir, 'nested', 'deeper', 'osprey.db');
    const a = await openStore(`sqlite:${path}`);
    await a.meta.set('k', 'v');
    await a.close();
    const b = await openStore(`sqlite:${path}`);
    expect(await b.meta.get('k')).toBe('v');
    expect(b.driver).toBe('sqlite');
    await b.close();
  });

  it('rejects an unknown scheme naming the variable', async () => {
    const err = await openStore('mysql://x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OspreyError);
    expect((err as OspreyError).code).toBe('INVALID_INPUT');
    expect((err as OspreyError).message).toContain('OSPREY_DATABASE_URL');
  });
});
