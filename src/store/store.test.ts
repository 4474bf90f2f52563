import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
    // WAL mode: the write went to the -wal file beside the database (folded back in at close).
    expect(existsSync(`${path}-wal`)).toBe(true);
    await a.close();
    const b = await openStore(`sqlite:${path}`);
    expect(await b.meta.get('k')).toBe('v');
    expect(b.driver).toBe('sqlite');
    await b.close();
  });

  it('serialises read-then-write transactions of two processes on one SQLite file', async () => {
    const path = join(dir, 'two-processes', 'osprey.db');
    const first = await openStore(`sqlite:${path}`); // create and migrate before the race
    await first.close();
    const script = fileURLToPath(new URL('./test-support/sqlite-counter-writer.ts', import.meta.url));
    const run = () =>
      new Promise<string>((resolve, reject) => {
        execFile(process.execPath, ['--import', 'tsx', script, path, '100'], (err, _out, stderr) =>
          err ? reject(new Error(`${err.message}: ${stderr}`)) : resolve(stderr),
        );
      });
    await Promise.all([run(), run()]);
    const store = await openStore(`sqlite:${path}`);
    expect(await store.meta.get('counter')).toBe('200'); // no lost update, no SQLITE_BUSY
    await store.close();
  });

  it('reports an unreachable PostgreSQL as UNAVAILABLE, naming the host without the password', async () => {
    const err = await openStore('postgres://osprey:s3cret@127.0.0.1:1/test').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OspreyError);
    expect((err as OspreyError).code).toBe('UNAVAILABLE');
    expect((err as OspreyError).message).toContain(
      'cannot reach PostgreSQL at postgres://osprey:***@127.0.0.1:1/test',
    );
    expect((err as OspreyError).message).not.toContain('s3cret');
  });

  it('reports a SQLite path that cannot be created as UNAVAILABLE, naming the path', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    const err = await openStore(`sqlite:${join(file, 'osprey.db')}`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OspreyError);
    expect((err as OspreyError).code).toBe('UNAVAILABLE');
    expect((err as OspreyError).message).toContain(
      `cannot open the SQLite database at ${join(file, 'osprey.db')}`,
    );
  });

  it('rejects an unknown scheme naming the variable', async () => {
    const err = await openStore('mysql://x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OspreyError);
    expect((err as OspreyError).code).toBe('INVALID_INPUT');
    expect((err as OspreyError).message).toContain('OSPREY_DATABASE_URL');
  });
});
