/** Opens the storage the configuration names: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR. */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openPostgresStorage } from './postgres.ts';
import { openSqliteStorage } from './sqlite.ts';
import type { ServerStorage } from './types.ts';

export interface StorageConfig {
  dataDir: string;
  databaseUrl?: string;
}

/** DATA_DIR (default ./data) and DATABASE_URL, as the server reads them (config.ts), for the CLI. */
export function storageConfigFromEnv(env: Record<string, string | undefined>): StorageConfig {
  const url = env.DATABASE_URL;
  return { dataDir: resolve(env.DATA_DIR ?? './data'), ...(url === undefined || url === '' ? {} : { databaseUrl: url }) };
}

/** Where the data lives, for logs: the SQLite file, or the PostgreSQL host and database (no password). */
export function describeStorage(config: StorageConfig): string {
  if (config.databaseUrl === undefined) return join(config.dataDir, 'lotho.sqlite');
  try {
    const url = new URL(config.databaseUrl);
    return `postgres://${url.host}${url.pathname}`;
  } catch {
    return 'postgres';
  }
}

/** The storage, not yet migrated. `now` stamps what it stores (tools that load history move it). */
export function openStorage(config: StorageConfig, now?: () => Date): ServerStorage {
  const clock = now === undefined ? {} : { now };
  if (config.databaseUrl !== undefined) return openPostgresStorage({ connectionString: config.databaseUrl, ...clock });
  mkdirSync(config.dataDir, { recursive: true });
  // The server's and the CLI's: a commit never waits for a checkpoint (sqlite/checkpointer.ts).
  return openSqliteStorage({ path: join(config.dataDir, 'lotho.sqlite'), backgroundCheckpoints: true, ...clock });
}
