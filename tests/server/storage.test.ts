import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SQLITE_MIGRATIONS } from '../../src/server/storage/migrations/sqlite/index.ts';
import { checkMigrations } from '../../src/server/storage/migrations/types.ts';
import { openSqliteStorage } from '../../src/server/storage/sqlite.ts';
import { StorageError, type ServerStorage } from '../../src/server/storage/types.ts';
import { memoryStorage, report } from './helpers.ts';

const opened: ServerStorage[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

function tempDatabase(): string {
  return join(mkdtempSync(join(tmpdir(), 'lotho-storage-')), 'lotho.sqlite');
}

describe('migrations', () => {
  it('create the schema once; a second run (and a second process) applies nothing', async () => {
    const path = tempDatabase();
    const first = openSqliteStorage({ path });
    opened.push(first);
    const all = SQLITE_MIGRATIONS.map(({ version, name }) => ({ version, name }));
    expect(await first.migrate()).toEqual({ applied: all, version: all.length });
    expect(await first.migrate()).toEqual({ applied: [], version: all.length });
    const second = openSqliteStorage({ path });
    opened.push(second);
    expect(await second.migrate()).toEqual({ applied: [], version: all.length });

    const db = new Database(path, { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    const recorded = db.prepare('SELECT version, name FROM schema_migrations').all();
    const journal = db.pragma('journal_mode', { simple: true });
    db.close();
    expect(tables).toEqual([
      'account_audit', 'agencies', 'agency_changes', 'conflicts', 'draft_digests', 'draft_fields', 'drafts', 'field_writes', 'kiosks', 'login_failures', 'report_digests', 'reports',
      'schema_migrations', 'sessions', 'sqlite_sequence', 'sync_acks', 'translation_review_log', 'translation_reviewers', 'translation_reviews', 'users',
    ]);
    expect(recorded).toEqual(all);
    expect(journal).toBe('wal');
  });

  it('refuse a database newer than the server', async () => {
    const path = tempDatabase();
    const current = openSqliteStorage({ path });
    opened.push(current);
    await current.migrate();
    const older = openSqliteStorage({ path, migrations: [] });
    opened.push(older);
    await expect(older.migrate()).rejects.toThrow(StorageError);
  });

  it('are numbered 1..n without gaps', () => {
    expect(SQLITE_MIGRATIONS.map((m) => m.version)).toEqual(SQLITE_MIGRATIONS.map((_, i) => i + 1));
    expect(() => checkMigrations([{ version: 2, name: 'x', sql: '' }])).toThrow(/expected 1/);
  });
});

describe('SQLite report storage', () => {
  it('is empty at first, then publishes version 1, 2 … of an id, keeping each version', async () => {
    const storage = await memoryStorage();
    opened.push(storage);
    expect(await storage.isEmpty()).toBe(true);
    const one = await storage.publishReport(report('a-2020', '甲县人民政府', 2020));
    const changed = report('a-2020', '甲县人民政府', 2020);
    changed.cells['active.rules.made'] = 3;
    const two = await storage.publishReport(changed);
    expect(await storage.isEmpty()).toBe(false);
    expect([one.version, two.version]).toEqual([1, 2]);
    expect(two.etag).not.toBe(one.etag);
    expect(two.publishedAt > one.publishedAt).toBe(true);

    expect((await storage.getReport('a-2020'))?.version).toBe(2);
    expect((await storage.getReport('a-2020'))?.document.cells['active.rules.made']).toBe(3);
    expect((await storage.getReportVersion('a-2020', 1))?.document.cells['active.rules.made']).toBe(0);
    expect(await storage.getReportVersion('a-2020', 3)).toBeUndefined();
    expect(await storage.getReport('b')).toBeUndefined();
    expect((await storage.listReports()).map((r) => [r.id, r.version])).toEqual([['a-2020', 2]]);
  });

  it('returns its own copy: changing the published object changes nothing stored', async () => {
    const storage = await memoryStorage();
    opened.push(storage);
    const doc = report('a', '甲县人民政府', 2020);
    const published = await storage.publishReport(doc);
    doc.meta.year = 2021;
    published.document.meta.year = 2022;
    expect((await storage.getReport('a'))?.document.meta.year).toBe(2020);
  });

  it('refuses a document that is not a report or whose id is not addressable', async () => {
    const storage = await memoryStorage();
    opened.push(storage);
    await expect(storage.publishReport(report('Not An Id', '甲', 2020))).rejects.toThrow(/invalid_document/);
    const bad = report('ok', '甲', 2020);
    bad.cells['no.such.cell'] = 1;
    await expect(storage.publishReport(bad)).rejects.toThrow(/invalid_document/);
    expect(await storage.isEmpty()).toBe(true);
  });

  it('keeps published rows immutable in the database itself', async () => {
    const path = tempDatabase();
    const storage = openSqliteStorage({ path });
    opened.push(storage);
    await storage.migrate();
    await storage.publishReport(report('a', '甲县人民政府', 2020));
    const db = new Database(path);
    expect(() => db.prepare("UPDATE reports SET agency_zh = 'x'").run()).toThrow(/immutable/);
    expect(() => db.prepare('INSERT INTO reports SELECT * FROM reports').run()).toThrow(/UNIQUE/);
    db.close();
  });
});
