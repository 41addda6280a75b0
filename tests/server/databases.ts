/**
 * The two databases the server tests run on: SQLite (a temporary file) and PostgreSQL (a fresh
 * schema `lotho_test_<random>` in TEST_DATABASE_URL, default the local `test` database, dropped
 * afterwards). PostgreSQL must be reachable: the tests fail with a message saying how to start it,
 * they are never skipped (CI starts it).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openPostgresStorage } from '../../src/server/storage/postgres.ts';
import { openSqliteStorage } from '../../src/server/storage/sqlite.ts';
import type { Migration } from '../../src/server/storage/migrations/types.ts';
import type { ServerStorage } from '../../src/server/storage/types.ts';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface OpenOptions {
  now?: () => Date;
  /** The migrations the storage knows (default all): an older server's. */
  migrations?: readonly Migration[];
  /** Default true. */
  migrate?: boolean;
}

/** One test database; `open` gives another storage on it, as a second server process would. */
export interface TestDatabase {
  readonly kind: 'sqlite' | 'postgres';
  /** The environment that points the server or the CLI at this database. */
  readonly env: Record<string, string>;
  open(options?: OpenOptions): Promise<ServerStorage>;
  /** Rows of a raw query on a connection of its own, for checks the storage interface does not offer. */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  dispose(): Promise<void>;
}

async function adminClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(
      `PostgreSQL is not reachable at ${PG_URL} (${detail}). The server tests run on SQLite and PostgreSQL: ` +
        'start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set TEST_DATABASE_URL.',
    );
  }
  return client;
}

async function sqliteDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'lotho-db-'));
  const path = join(dir, 'lotho.sqlite');
  const opened: ServerStorage[] = [];
  return Promise.resolve({
    kind: 'sqlite' as const,
    env: { DATA_DIR: dir, DATABASE_URL: '' },
    async open(options: OpenOptions = {}) {
      const storage = openSqliteStorage({
        path,
        ...(options.now === undefined ? {} : { now: options.now }),
        ...(options.migrations === undefined ? {} : { migrations: options.migrations }),
      });
      opened.push(storage);
      if (options.migrate !== false) await storage.migrate();
      return storage;
    },
    rows: (sql: string) =>
      Promise.resolve().then(() => {
        const db = new Database(path, { timeout: 5_000 });
        try {
          return db.prepare(sql).all() as Record<string, unknown>[];
        } finally {
          db.close();
        }
      }),
    async dispose() {
      await Promise.all(opened.map((s) => s.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

async function postgresDatabase(): Promise<TestDatabase> {
  const schema = `lotho_test_${randomBytes(6).toString('hex')}`;
  const admin = await adminClient();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  const opened: ServerStorage[] = [];
  const url = new URL(PG_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    kind: 'postgres',
    env: { DATABASE_URL: url.toString() },
    async open(options: OpenOptions = {}) {
      const storage = openPostgresStorage({
        connectionString: PG_URL,
        schema,
        maxConnections: 4,
        ...(options.now === undefined ? {} : { now: options.now }),
        ...(options.migrations === undefined ? {} : { migrations: options.migrations }),
      });
      opened.push(storage);
      if (options.migrate !== false) await storage.migrate();
      return storage;
    },
    async rows(sql: string) {
      const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
      await client.connect();
      try {
        return (await client.query(sql)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    },
    async dispose() {
      await Promise.all(opened.map((s) => s.close()));
      const client = await adminClient();
      try {
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Both databases, for `describe.each(DATABASES)('… on $kind', …)`. */
export const DATABASES = [
  { kind: 'sqlite', create: sqliteDatabase },
  { kind: 'postgres', create: postgresDatabase },
] as const;

/**
 * Registers `dispose` of every database made through the returned function after each test:
 * `const db = useDatabases(afterEach)` then `await db(create)`.
 */
export function useDatabases(afterEach: (fn: () => Promise<void>) => void): (create: () => Promise<TestDatabase>) => Promise<TestDatabase> {
  const made: TestDatabase[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((d) => d.dispose()));
  });
  return async (create) => {
    const database = await create();
    made.push(database);
    return database;
  };
}
