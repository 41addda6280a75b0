/**
 * The PostgreSQL storage (`pg` Pool), used when DATABASE_URL is set: several stateless server
 * processes behind a load balancer share one database. Same semantics as sqlite.ts; how the
 * concurrency is handled is said in postgres/drafts.ts. Migrations run under a session advisory
 * lock, so processes starting at once apply them once.
 */
import pg from 'pg';
import * as v from 'valibot';
import { POSTGRES_MIGRATIONS } from './migrations/postgres/index.ts';
import type { Migration } from './migrations/types.ts';
import { postgresAccounts } from './postgres/accounts.ts';
import { postgresDrafts } from './postgres/drafts.ts';
import { postgresHierarchy } from './postgres/hierarchy.ts';
import { postgresKiosks } from './postgres/kiosks.ts';
import { watchers } from './postgres/publications.ts';
import { postgresReports } from './postgres/reports.ts';
import { postgresReviews } from './postgres/reviews.ts';
import { intColumn, parseRow } from './rows.ts';
import { StorageError, type MigrationOutcome, type SchemaVersion, type ServerStorage } from './types.ts';

export interface PostgresStorageOptions {
  /** postgres://user@host:port/database (may carry ?options=-c search_path=…). */
  connectionString: string;
  /** Schema to use (search_path); tests give each run its own. Must already exist. */
  schema?: string;
  /** Pool size per process (default 10). */
  maxConnections?: number;
  now?: () => Date;
  migrations?: readonly Migration[];
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/u;
const LOCK_KEY = `hashtextextended('lotho.migrate:' || current_setting('search_path'), 0)`;

async function runMigrations(pool: pg.Pool, migrations: readonly Migration[]): Promise<MigrationOutcome> {
  const client = await pool.connect();
  try {
    // A session lock around the whole run: a second process waits here, then finds nothing to do.
    await client.query(`SELECT pg_advisory_lock(${LOCK_KEY})`);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version    INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        applied_at TIMESTAMPTZ NOT NULL
      )`);
      const { rows } = await client.query('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations');
      const current = parseRow(v.object({ v: intColumn }), 'schema_migrations', rows[0]).v;
      const latest = migrations.at(-1)?.version ?? 0;
      if (current > latest) {
        throw new StorageError('schema_too_new', `database is at version ${current}, this server knows ${latest}`);
      }
      const pending = migrations.filter((m) => m.version > current);
      if (pending.length > 0) {
        await client.query('BEGIN');
        try {
          for (const m of pending) {
            await client.query(m.sql);
            await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [m.version, m.name]);
          }
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
      return { applied: pending.map((m) => ({ version: m.version, name: m.name })), version: Math.max(current, latest) };
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`);
    }
  } finally {
    client.release();
  }
}

async function schemaVersion(pool: pg.Pool, migrations: readonly Migration[]): Promise<SchemaVersion> {
  const latest = migrations.at(-1)?.version ?? 0;
  const exists = await pool.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS e");
  if (exists.rows[0]?.e !== true) return { current: 0, latest };
  const { rows } = await pool.query('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations');
  return { current: parseRow(v.object({ v: intColumn }), 'schema_migrations', rows[0]).v, latest };
}

/** Opens a pool on a PostgreSQL database. Call `migrate()` before anything else. */
export function openPostgresStorage(options: PostgresStorageOptions): ServerStorage {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new StorageError('invalid_document', `schema ${JSON.stringify(options.schema)} is not a plain identifier`);
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  // An idle connection dropped by the server must not crash the process: the next query reconnects.
  pool.on('error', () => undefined);
  const now = options.now ?? (() => new Date());
  const migrations = options.migrations ?? POSTGRES_MIGRATIONS;
  let closed = false;
  const publications = watchers({ connectionString: options.connectionString, ...(options.schema === undefined ? {} : { schema: options.schema }) });
  return {
    kind: 'postgres',
    migrate: () => runMigrations(pool, migrations),
    schemaVersion: () => schemaVersion(pool, migrations),
    close: async () => {
      if (closed) return;
      closed = true;
      await publications.stopAll();
      await pool.end();
    },
    ...postgresReports(pool, now),
    watchPublications: (listener) => publications.watch(listener),
    ...postgresAccounts(pool, now),
    ...postgresDrafts(pool, now),
    ...postgresKiosks(pool, now),
    ...postgresHierarchy(pool, now),
    ...postgresReviews(pool, now),
    watchReviews: (listener) => publications.watchReviews(listener),
  };
}
