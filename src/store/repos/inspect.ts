import { sql } from 'kysely';
import { invalidInput } from '../../core/errors.js';
import type { StoreInspector } from '../store.js';
import type { RepoContext } from './context.js';

export function storeInspector(ctx: RepoContext): StoreInspector {
  async function tables(): Promise<string[]> {
    const all = await ctx.db.introspection.getTables({ withInternalKyselyTables: true });
    let names = all.filter((t) => !t.isView);
    if (ctx.driver === 'postgres') {
      // Only this store's schema (tests run many stores side by side in one database).
      const current = await sql<{ schema: string }>`select current_schema() as schema`.execute(ctx.db);
      names = names.filter((t) => t.schema === current.rows[0]?.schema);
    }
    return names.map((t) => t.name).sort();
  }
  return {
    tables,
    async dump(table) {
      if (!(await tables()).includes(table)) {
        throw invalidInput(`table: '${table}' is not a table of this store`, [
          { path: 'table', message: 'unknown table' },
        ]);
      }
      const res = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(ctx.db);
      return res.rows;
    },
  };
}
