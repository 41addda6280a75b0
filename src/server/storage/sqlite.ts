/**
 * The SQLite storage (better-sqlite3): one file in DATA_DIR, WAL mode so readers never wait for a
 * publish, prepared statements, writes in IMMEDIATE transactions so two processes cannot hand out
 * the same version number. Rows are parsed on the way out, as any other input.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import * as v from 'valibot';
import { ADMIN_LEVELS, type ReportDocument } from '../../report/model.ts';
import { parseReportJson } from '../../report/schema.ts';
import { TEMPLATE_IDS } from '../../report/templates/index.ts';
import { ReportIdSchema } from '../api.ts';
import { SQLITE_MIGRATIONS } from './migrations/sqlite/index.ts';
import type { Migration } from './migrations/types.ts';
import {
  StorageError,
  type MigrationOutcome,
  type PublishedReport,
  type ReportStorage,
  type ReportSummaryRow,
} from './types.ts';

export interface SqliteStorageOptions {
  /** File path, or ':memory:' for tests. */
  path: string;
  /** Clock for published_at; tests pin it. */
  now?: () => Date;
  migrations?: readonly Migration[];
}

const SUMMARY_COLUMNS = 'id, version, agency_zh, agency_bo, level, year, template, etag, published_at';

const SummaryRowSchema = v.object({
  id: v.string(),
  version: v.pipe(v.number(), v.integer()),
  agency_zh: v.string(),
  agency_bo: v.nullable(v.string()),
  level: v.picklist(ADMIN_LEVELS),
  year: v.pipe(v.number(), v.integer()),
  template: v.picklist(TEMPLATE_IDS),
  etag: v.string(),
  published_at: v.string(),
});
const DocumentRowSchema = v.object({ ...SummaryRowSchema.entries, document: v.string() });

function toSummary(row: unknown): ReportSummaryRow {
  const result = v.safeParse(SummaryRowSchema, row);
  if (!result.success) throw new StorageError('corrupt_row', `reports: ${result.issues[0].message}`);
  const r = result.output;
  return {
    id: r.id,
    version: r.version,
    agency: r.agency_bo === null ? { zh: r.agency_zh } : { zh: r.agency_zh, bo: r.agency_bo },
    level: r.level,
    year: r.year,
    template: r.template,
    publishedAt: r.published_at,
    etag: r.etag,
  };
}

function toPublished(row: unknown): PublishedReport | undefined {
  if (row === undefined) return undefined;
  const result = v.safeParse(DocumentRowSchema, row);
  if (!result.success) throw new StorageError('corrupt_row', `reports: ${result.issues[0].message}`);
  let document: ReportDocument;
  try {
    document = parseReportJson(result.output.document);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new StorageError('corrupt_row', `reports ${result.output.id} v${result.output.version}: ${detail}`);
  }
  return { ...toSummary(row), document };
}

/** The stored hash of a document: SHA-256 of its JSON text, base64url. */
export function documentHash(json: string): string {
  return createHash('sha256').update(json, 'utf8').digest('base64url');
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
    return { applied, version: Math.max(current, latest) };
  });
  // IMMEDIATE: a second process starting at the same moment waits, then finds nothing to do.
  return run.immediate();
}

function prepareStatements(db: Database.Database) {
  return {
    latest: db.prepare<[]>(
      `SELECT ${SUMMARY_COLUMNS} FROM reports r
       WHERE version = (SELECT MAX(version) FROM reports WHERE id = r.id)`,
    ),
    getLatest: db.prepare<[string]>(
      `SELECT ${SUMMARY_COLUMNS}, document FROM reports WHERE id = ? ORDER BY version DESC LIMIT 1`,
    ),
    getVersion: db.prepare<[string, number]>(
      `SELECT ${SUMMARY_COLUMNS}, document FROM reports WHERE id = ? AND version = ?`,
    ),
    maxVersion: db.prepare<[string]>('SELECT COALESCE(MAX(version), 0) FROM reports WHERE id = ?').pluck(),
    insert: db.prepare<[Record<string, string | number | null>]>(
      `INSERT INTO reports (id, version, agency_zh, agency_bo, level, year, template, document, etag, published_at)
       VALUES (@id, @version, @agency_zh, @agency_bo, @level, @year, @template, @document, @etag, @published_at)`,
    ),
    any: db.prepare<[]>('SELECT EXISTS (SELECT 1 FROM reports)').pluck(),
  };
}

/** Opens (creating when needed) a SQLite database. Call `migrate()` before anything else. */
export function openSqliteStorage(options: SqliteStorageOptions): ReportStorage {
  const db = new Database(options.path, { timeout: 5_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const now = options.now ?? (() => new Date());
  const migrations = options.migrations ?? SQLITE_MIGRATIONS;
  // Prepared on first use: the tables exist only once migrate() has run.
  let statements: ReturnType<typeof prepareStatements> | undefined;
  const st = () => (statements ??= prepareStatements(db));

  const publish = db.transaction((document: ReportDocument, json: string): PublishedReport => {
    const previous = st().maxVersion.get(document.id);
    const version = (typeof previous === 'number' ? previous : 0) + 1;
    const etag = documentHash(json);
    const publishedAt = now().toISOString();
    st().insert.run({
      id: document.id,
      version,
      agency_zh: document.meta.agency.zh,
      agency_bo: document.meta.agency.bo ?? null,
      level: document.meta.level,
      year: document.meta.year,
      template: document.meta.template,
      document: json,
      etag,
      published_at: publishedAt,
    });
    const { agency, level, year, template } = document.meta;
    return { id: document.id, version, agency: { ...agency }, level, year, template, publishedAt, etag, document };
  });

  return {
    migrate: () => Promise.resolve().then(() => runMigrations(db, migrations)),
    listReports: () => Promise.resolve().then(() => st().latest.all().map(toSummary)),
    getReport: (id) => Promise.resolve().then(() => toPublished(st().getLatest.get(id))),
    getReportVersion: (id, version) => Promise.resolve().then(() => toPublished(st().getVersion.get(id, version))),
    publishReport: (document) =>
      Promise.resolve().then(() => {
        if (!v.is(ReportIdSchema, document.id)) {
          throw new StorageError('invalid_document', `id ${JSON.stringify(document.id)} cannot be used in a URL`);
        }
        const json = JSON.stringify(document);
        let stored: ReportDocument;
        try {
          // What is stored must read back: the same check every reader of the row makes. The parsed
          // copy is what we return, so the caller's object can change without touching ours.
          stored = parseReportJson(json);
        } catch (error) {
          throw new StorageError('invalid_document', error instanceof Error ? error.message : String(error));
        }
        return publish.immediate(stored, json);
      }),
    isEmpty: () => Promise.resolve().then(() => st().any.get() === 0),
    close: () =>
      Promise.resolve().then(() => {
        if (db.open) db.close();
      }),
  };
}
