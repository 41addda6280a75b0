/**
 * The SQLite storage (better-sqlite3), the default: one file in DATA_DIR, WAL mode so readers
 * never wait for a writer, prepared statements, writes in IMMEDIATE transactions so two processes
 * cannot interleave (version numbers, pushes). better-sqlite3 is synchronous: each method runs its
 * transaction to the end before yielding, so concurrent requests cannot see half of one.
 */
import Database from 'better-sqlite3';
import { SQLITE_MIGRATIONS } from './migrations/sqlite/index.ts';
import type { Migration } from './migrations/types.ts';
import { sqliteAccounts } from './sqlite/accounts.ts';
import { FALLBACK_CHECKPOINT_PAGES, startBackgroundCheckpoints } from './sqlite/checkpointer.ts';
import { sqliteDrafts } from './sqlite/drafts.ts';
import { sqliteHierarchy } from './sqlite/hierarchy.ts';
import { sqliteKiosks } from './sqlite/kiosks.ts';
import { sqliteReports } from './sqlite/reports.ts';
import { sqliteReviews } from './sqlite/reviews.ts';
import { StorageError, type MigrationOutcome, type SchemaVersion, type ServerStorage } from './types.ts';

export { documentHash } from './documents.ts';

export interface SqliteStorageOptions {
  /** File path, or ':memory:' for tests. */
  path: string;
  /** Clock for every stored time; tests pin it. */
  now?: () => Date;
  migrations?: readonly Migration[];
  /**
   * WAL checkpoints on a worker thread instead of inside a commit (sqlite/checkpointer.ts): for
   * the server, whose one thread must not wait for the disk. Ignored for ':memory:'.
   */
  backgroundCheckpoints?: boolean;
}

function runMigrations(db: Database.Database, migrations: readonly Migration[]): MigrationOutcome {
  const run = db.transaction((): MigrationOutcome => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT`);
    const current = db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').pluck().get();
    if (typeof current !== 'number') throw new StorageError('corrupt_row', 'schema_migrations: no version');
    const latest = migrations.at(-1)?.version ?? 0;
    if (current > latest) {
      throw new StorageError('schema_too_new', `database is at version ${current}, this server knows ${latest}`);
    }
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const applied: MigrationOutcome['applied'] = [];
    for (const m of migrations.filter((x) => x.version > current)) {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
      applied.push({ version: m.version, name: m.name });
    }
    // A migration may rebuild a table others refer to (009): the references must hold again.
    // Checked only then: on a region's database the check reads every table (seconds at each start).
    const broken = applied.length === 0 ? [] : (db.pragma('foreign_key_check') as unknown[]);
    if (broken.length > 0) throw new StorageError('corrupt_row', `migrations left ${broken.length} broken references`);
    return { applied, version: Math.max(current, latest) };
  });
  // SQLite rebuilds a table (to drop a CHECK) with foreign keys off, which a transaction cannot
  // switch: off around the migrations, checked above, on again whatever happened.
  db.pragma('foreign_keys = OFF');
  try {
    // IMMEDIATE: a second process starting at the same moment waits, then finds nothing to do.
    return run.immediate();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

function schemaVersion(db: Database.Database, migrations: readonly Migration[]): SchemaVersion {
  const latest = migrations.at(-1)?.version ?? 0;
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (table === undefined) return { current: 0, latest };
  const current = db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').pluck().get();
  if (typeof current !== 'number') throw new StorageError('corrupt_row', 'schema_migrations: no version');
  return { current, latest };
}

/** Opens (creating when needed) a SQLite database. Call `migrate()` before anything else. */
export function openSqliteStorage(options: SqliteStorageOptions): ServerStorage {
  const db = new Database(options.path, { timeout: 5_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const checkpoints = options.backgroundCheckpoints === true && options.path !== ':memory:' ? startBackgroundCheckpoints(options.path) : undefined;
  if (checkpoints !== undefined) db.pragma(`wal_autocheckpoint = ${String(FALLBACK_CHECKPOINT_PAGES)}`);
  const now = options.now ?? (() => new Date());
  const migrations = options.migrations ?? SQLITE_MIGRATIONS;
  return {
    kind: 'sqlite',
    migrate: () => Promise.resolve().then(() => runMigrations(db, migrations)),
    schemaVersion: () => Promise.resolve().then(() => schemaVersion(db, migrations)),
    close: async () => {
      await checkpoints?.stop();
      // The last connection to close checkpoints the WAL into the file and removes it.
      if (db.open) db.close();
    },
    ...sqliteReports(db, now),
    ...sqliteAccounts(db, now),
    ...sqliteDrafts(db, now),
    ...sqliteKiosks(db, now),
    ...sqliteHierarchy(db, now),
    ...sqliteReviews(db, now),
  };
}
