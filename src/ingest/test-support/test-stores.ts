import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { createMemoryStore } from './memory-store.js';

export interface TestStore {
  store: Store;
  /** Every row of every table, read raw from the database (not through the Store), for "no trace" scans. */
  dump(): Promise<Record<string, unknown[]>>;
  close(): Promise<void>;
}

const PG_URL = process.env.OSPREY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Probe PostgreSQL by opening (and dropping) a throw-away store: reachability and a working driver. */
async function postgresProblem(): Promise<string | null> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
  } catch (e) {
    return `unreachable (${e instanceof Error ? e.message : String(e)})`;
  }
  try {
    const schema = `t_probe_${randomBytes(6).toString('hex')}`;
    const s = await openStore(PG_URL, { schema, dropSchemaOnClose: true, poolSize: 1 });
    await s.close();
    return null;
  } catch (e) {
    return `the postgres driver failed to open a store (${e instanceof Error ? e.message : String(e)})`;
  }
}

const pgProblem = await postgresProblem();
if (pgProblem) {
  if (process.env.CI === 'true') throw new Error(`PostgreSQL at ${PG_URL} in CI: ${pgProblem}`);
  console.warn(`[ingest tests] skipping PostgreSQL runs: ${PG_URL}: ${pgProblem}`);
}

/** The stores ingest/governance tests run on: a memory double (fast, driver-free), SQLite and PostgreSQL. */
export const TEST_STORES: { name: string; open(): Promise<TestStore> }[] = [
  {
    name: 'memory',
    async open() {
      const store = createMemoryStore();
      return { store, dump: async () => store.rows(), close: async () => {} };
    },
  },
  {
    name: 'sqlite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'osprey-ingest-'));
      const file = join(dir, 'osprey.db');
      const store = await openStore(`sqlite:${file}`);
      return {
        store,
        async dump() {
          const raw = new BetterSqlite3(file, { readonly: true });
          try {
            const tables = raw
              .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
              .all() as { name: string }[];
            const out: Record<string, unknown[]> = {};
            for (const t of tables) out[t.name] = raw.prepare(`select * from "${t.name}"`).all();
            return out;
          } finally {
            raw.close();
          }
        },
        async close() {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  ...(pgProblem
    ? []
    : [
        {
          name: 'postgres',
          async open(): Promise<TestStore> {
            const schema = `t_ingest_${randomBytes(6).toString('hex')}`;
            const store = await openStore(PG_URL, { schema, dropSchemaOnClose: true, poolSize: 2 });
            return {
              store,
              async dump() {
                const c = new pg.Client({ connectionString: PG_URL });
                await c.connect();
                try {
                  const tables = await c.query(
                    'select table_name from information_schema.tables where table_schema = $1',
                    [schema],
                  );
                  const out: Record<string, unknown[]> = {};
                  for (const t of tables.rows as { table_name: string }[]) {
                    out[t.table_name] = (await c.query(`select * from "${schema}"."${t.table_name}"`)).rows;
                  }
                  return out;
                } finally {
                  await c.end();
                }
              },
              close: () => store.close(),
            };
          },
        },
      ]),
];
