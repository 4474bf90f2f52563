import {
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  type Kysely,
  PostgresDialect,
  type SchemaMetadata,
  sql,
  type TableMetadata,
} from 'kysely';

/**
 * Kysely's PostgreSQL dialect with an introspector that only looks at the connection's own schema.
 * Kysely's Migrator asks the introspector whether its tables exist, and the stock introspector reads
 * the catalogue of every schema through functions that fail ("schema ... does not exist") when another
 * session drops a schema mid-query — which parallel test runs, each with its own schema, do all the time.
 * information_schema restricted to current_schema() cannot race like that and is all Osprey needs.
 */
export class OspreyPostgresDialect extends PostgresDialect {
  // biome-ignore lint/suspicious/noExplicitAny: Kysely's own signature
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}

class CurrentSchemaIntrospector implements DatabaseIntrospector {
  // biome-ignore lint/suspicious/noExplicitAny: introspection is schema-agnostic
  constructor(private readonly db: Kysely<any>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const res = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace`.execute(
      this.db,
    );
    return res.rows;
  }

  async getTables(_o?: DatabaseMetadataOptions): Promise<TableMetadata[]> {
    const res = await sql<{ schema: string; name: string; type: string }>`
      select table_schema as schema, table_name as name, table_type as type
      from information_schema.tables where table_schema = current_schema()`.execute(this.db);
    return res.rows.map((r) => ({ name: r.name, schema: r.schema, isView: r.type === 'VIEW', columns: [] }));
  }

  async getMetadata(o?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(o) };
  }
}
