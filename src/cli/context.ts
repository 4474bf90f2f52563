import type { Command } from 'commander';
import { loadConfig, type OspreyConfig } from '../core/config.js';
import { type PiiKeys, piiKeysFor } from '../governance/index.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/store.js';

/** Global options every verb understands (declared once on the program in main.ts). */
export interface GlobalOptions {
  dataDir?: string;
}

export function configFor(cmd: Command): OspreyConfig {
  const g = cmd.optsWithGlobals<GlobalOptions>();
  return loadConfig({ dataDir: g.dataDir });
}

export interface CliContext {
  config: OspreyConfig;
  store: Store;
  secrets: PiiKeys;
}

/**
 * Open the store exactly as DESIGN.md says (OSPREY_DATABASE_URL, else the SQLite file in --data-dir /
 * OSPREY_HOME / ./osprey-data), creating and migrating it on first open, and load the PII keys.
 */
export async function openContext(cmd: Command): Promise<CliContext> {
  const config = configFor(cmd);
  const store = await openStore(config.databaseUrl);
  try {
    return { config, store, secrets: piiKeysFor(config) };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** Run `fn` with an open context and always close the store, so the process can exit on its own. */
export async function withContext<T>(cmd: Command, fn: (c: CliContext) => Promise<T>): Promise<T> {
  const c = await openContext(cmd);
  try {
    return await fn(c);
  } finally {
    await c.store.close();
  }
}

/** Where the store is, for humans: never a password. */
export function describeDatabase(config: OspreyConfig): string {
  return config.databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
