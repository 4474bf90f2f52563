import { resolve } from 'node:path';

/**
 * Runtime configuration, resolved the same way by every CLI verb and the server (DESIGN.md):
 * the store is `OSPREY_DATABASE_URL` if set, else the SQLite file in the data folder named by
 * `--data-dir`, else `OSPREY_HOME`, else `./osprey-data` in the current directory.
 * Every environment variable Osprey reads is listed in `ENVIRONMENT` (the README's table is made from it).
 */
export interface OspreyConfig {
  /** Folder for the SQLite file, the generated secret key, demo truth, uploads. */
  dataDir: string;
  /** `sqlite:<path>` or `postgres://...` */
  databaseUrl: string;
  /** Redis URL for BullMQ jobs; null = store-backed queue in process. */
  redisUrl: string | null;
  port: number;
  host: string;
  /** Secret for PII encryption/hashing; null = read or generate `<dataDir>/secret.key`. */
  secretKey: string | null;
  logLevel: string;
  datasetsDir: string;
}

export const ENVIRONMENT: { name: string; default: string; meaning: string }[] = [
  {
    name: 'OSPREY_HOME',
    default: './osprey-data',
    meaning: 'data folder (SQLite file, secret key, demo truth) when --data-dir is not given',
  },
  {
    name: 'OSPREY_DATABASE_URL',
    default: '(SQLite in the data folder)',
    meaning: 'postgres://user@host:5432/db to use PostgreSQL instead of SQLite',
  },
  {
    name: 'OSPREY_REDIS_URL',
    default: '(none: jobs run in-process from the store)',
    meaning: 'redis://host:6379 to run jobs on BullMQ with separate `osprey worker` processes',
  },
  { name: 'OSPREY_PORT', default: '8080', meaning: 'HTTP port of the API and dashboard' },
  { name: 'OSPREY_HOST', default: '0.0.0.0', meaning: 'interface the HTTP server binds to' },
  {
    name: 'OSPREY_SECRET_KEY',
    default: '(generated into <data folder>/secret.key)',
    meaning: 'secret for PII encryption (AES-256-GCM) and lookup hashes; share it across all nodes',
  },
  { name: 'OSPREY_LOG_LEVEL', default: 'info', meaning: 'fatal, error, warn, info, debug or trace' },
  { name: 'OSPREY_DATASETS', default: '../shared/data', meaning: 'public datasets for tests and benchmarks' },
];

export function loadConfig(
  o: { dataDir?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): OspreyConfig {
  const env = o.env ?? process.env;
  const cwd = o.cwd ?? process.cwd();
  const dataDir = resolve(cwd, o.dataDir ?? env.OSPREY_HOME ?? 'osprey-data');
  const port = Number(env.OSPREY_PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`OSPREY_PORT must be a port number (0-65535); got '${env.OSPREY_PORT}'`);
  }
  return {
    dataDir,
    databaseUrl: env.OSPREY_DATABASE_URL || `sqlite:${resolve(dataDir, 'osprey.db')}`,
    redisUrl: env.OSPREY_REDIS_URL || null,
    port,
    host: env.OSPREY_HOST ?? '0.0.0.0',
    secretKey: env.OSPREY_SECRET_KEY || null,
    logLevel: env.OSPREY_LOG_LEVEL ?? 'info',
    datasetsDir: resolve(cwd, env.OSPREY_DATASETS ?? '../shared/data'),
  };
}
