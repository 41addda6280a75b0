/**
 * Backups, restores and the move to PostgreSQL, for the `lotho` command (cli/commands/database.ts).
 * A backup is always a SQLite file: SQLite's online backup API copies a running server's database
 * page by page, consistently; a PostgreSQL database is copied into a new SQLite file from one
 * snapshot. A restore or a move to PostgreSQL is one transaction, verified table by table
 * (copy.ts) before it commits.
 */
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openPostgresStorage } from '../postgres.ts';
import { openSqliteStorage } from '../sqlite.ts';
import { SQLITE_MIGRATIONS } from '../migrations/sqlite/index.ts';
import { copyTables, type TableCopy } from './copy.ts';
import { DERIVED_TABLES, quoted, readPlan, type TablePlan } from './plan.ts';
import { postgresSide, sqliteSide } from './sides.ts';

export type { TableCopy } from './copy.ts';

/** The tables of this version's schema (from an empty SQLite database in memory). */
export function currentPlan(): TablePlan[] {
  const db = new Database(':memory:');
  try {
    for (const migration of SQLITE_MIGRATIONS) db.exec(migration.sql);
    return readPlan(db);
  } finally {
    db.close();
  }
}

/** Rows per table of a SQLite file, after checking that it is whole and of a schema we know. */
export function inspectSqlite(file: string): TableCopy[] {
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.prepare('PRAGMA integrity_check').pluck().all();
    if (check.length !== 1 || check[0] !== 'ok') throw new Error(`${file} is damaged: ${String(check[0])}`);
    const version = Number(db.prepare('SELECT COALESCE(MAX(version), 0) FROM schema_migrations').pluck().get());
    const latest = SQLITE_MIGRATIONS.at(-1)?.version ?? 0;
    if (version > latest) throw new Error(`${file} was made by a newer Lotho (schema ${String(version)}, this one knows ${String(latest)})`);
    return readPlan(db).map((table) => ({ table: table.name, rows: Number(db.prepare(`SELECT COUNT(*) FROM ${quoted(table.name)}`).pluck().get()) }));
  } catch (error) {
    if (error instanceof Error && /no such table: schema_migrations|not a database/u.test(error.message)) throw new Error(`${file} is not a Lotho database`);
    throw error;
  } finally {
    db.close();
  }
}

/** Writes through a temporary file renamed at the end: `file` is whole or absent. */
async function intoNewFile<T>(file: string, write: (tmp: string) => Promise<T>): Promise<T> {
  if (existsSync(file)) throw new Error(`${file} exists already: choose a new name`);
  const tmp = `${file}.partial-${String(process.pid)}`;
  try {
    const result = await write(tmp);
    renameSync(tmp, file);
    return result;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** A consistent copy of a live SQLite database (the server may be running), checked. */
export async function backupSqlite(database: string, file: string): Promise<TableCopy[]> {
  await intoNewFile(file, async (tmp) => {
    const db = new Database(database, { readonly: true, fileMustExist: true });
    try {
      await db.backup(tmp);
    } finally {
      db.close();
    }
    inspectSqlite(tmp);
  });
  return inspectSqlite(file);
}

/** A migrated SQLite file's plan, and the database open for writing. */
async function preparedSqlite(file: string): Promise<{ db: Database.Database; plan: TablePlan[] }> {
  const storage = openSqliteStorage({ path: file });
  await storage.migrate();
  await storage.close();
  const db = new Database(file, { fileMustExist: true });
  return { db, plan: readPlan(db) };
}

async function migratedPool(connectionString: string): Promise<pg.Pool> {
  const storage = openPostgresStorage({ connectionString, maxConnections: 1 });
  try {
    await storage.migrate();
  } finally {
    await storage.close();
  }
  return new pg.Pool({ connectionString, max: 1 });
}

/** A PostgreSQL database into a new SQLite file, from one snapshot. */
export async function backupPostgres(connectionString: string, file: string): Promise<TableCopy[]> {
  return intoNewFile(file, async (tmp) => {
    const { db, plan } = await preparedSqlite(tmp);
    const pool = new pg.Pool({ connectionString, max: 1 });
    const client = await pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const source = postgresSide(client);
      db.exec('BEGIN IMMEDIATE');
      const copies = await copyTables(plan, source, sqliteSide(db), source.kinds);
      db.exec('COMMIT');
      await client.query('COMMIT');
      return copies;
    } finally {
      if (db.inTransaction) db.exec('ROLLBACK');
      db.close();
      client.release();
      await pool.end();
    }
  });
}

/**
 * A SQLite database (a backup, or the live one: the server may be running) into PostgreSQL in one
 * transaction: into empty tables, or with `replace` instead of what they hold. It is read from a
 * copy made with the backup API and migrated to this version's schema, the one the target gets.
 * Verified before it commits.
 */
export async function copySqliteToPostgres(file: string, connectionString: string, options: { replace: boolean }): Promise<TableCopy[]> {
  inspectSqlite(file);
  const dir = mkdtempSync(join(tmpdir(), 'lotho-copy-'));
  const snapshot = join(dir, 'lotho.sqlite');
  try {
    const original = new Database(file, { readonly: true, fileMustExist: true });
    try {
      await original.backup(snapshot);
    } finally {
      original.close();
    }
    const { db } = await preparedSqlite(snapshot);
    db.close();
    return await copyIntoPostgres(snapshot, connectionString, options);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function copyIntoPostgres(file: string, connectionString: string, options: { replace: boolean }): Promise<TableCopy[]> {
  const source = new Database(file, { readonly: true, fileMustExist: true });
  const pool = await migratedPool(connectionString);
  const client = await pool.connect();
  try {
    const plan = readPlan(source);
    source.exec('BEGIN');
    await client.query('BEGIN');
    const target = postgresSide(client);
    // The derived tables too: they reference the others, and the copy's triggers fill them again.
    if (options.replace) await client.query(`TRUNCATE ${[...plan.map((t) => t.name), ...DERIVED_TABLES].map(quoted).join(', ')} RESTART IDENTITY`);
    const copies = await copyTables(plan, sqliteSide(source), target, target.kinds);
    await client.query('COMMIT');
    return copies;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    if (source.inTransaction) source.exec('ROLLBACK');
    source.close();
    client.release();
    await pool.end();
  }
}

/**
 * Puts a backup in place of a SQLite database, through the backup API (the file's locks are
 * respected). What was there is first saved beside it; the restored database is then migrated.
 * Returns the saved copy's path.
 */
export async function restoreSqlite(file: string, database: string): Promise<string | undefined> {
  inspectSqlite(file);
  const existed = existsSync(database);
  const saved = `${database}.before-restore-${new Date().toISOString().replace(/[:.]/gu, '-')}`;
  if (existed) {
    const live = new Database(database, { fileMustExist: true });
    try {
      await live.backup(saved);
    } finally {
      live.close();
    }
  }
  const backup = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await backup.backup(database);
  } finally {
    backup.close();
  }
  const storage = openSqliteStorage({ path: database });
  try {
    await storage.migrate();
  } finally {
    await storage.close();
  }
  return existed ? saved : undefined;
}
