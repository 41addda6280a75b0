/** SQLite: the reports section. Versions are numbered inside IMMEDIATE transactions. */
import type Database from 'better-sqlite3';
import type { ReportDocument } from '../../../report/model.ts';
import { documentToStore } from '../documents.ts';
import { lazy } from './lazy.ts';
import { REPORT_SUMMARY_COLUMNS, toPublishedReport, toReportSummary } from '../rows.ts';
import type { PublishOptions, PublishedReport, ReportsSection } from '../types.ts';

function prepare(db: Database.Database) {
  return {
    latest: db.prepare<[]>(
      `SELECT ${REPORT_SUMMARY_COLUMNS} FROM reports r
       WHERE version = (SELECT MAX(version) FROM reports WHERE id = r.id)`,
    ),
    getLatest: db.prepare<[string]>(
      `SELECT ${REPORT_SUMMARY_COLUMNS}, document FROM reports WHERE id = ? ORDER BY version DESC LIMIT 1`,
    ),
    getVersion: db.prepare<[string, number]>(`SELECT ${REPORT_SUMMARY_COLUMNS}, document FROM reports WHERE id = ? AND version = ?`),
    versions: db.prepare<[string]>(`SELECT ${REPORT_SUMMARY_COLUMNS} FROM reports WHERE id = ? ORDER BY version`),
    maxVersion: db.prepare<[string]>('SELECT COALESCE(MAX(version), 0) FROM reports WHERE id = ?').pluck(),
    insert: db.prepare<[Record<string, string | number | null>]>(
      `INSERT INTO reports (id, version, agency_zh, agency_bo, level, year, template, document, etag, published_at, note, published_by)
       VALUES (@id, @version, @agency_zh, @agency_bo, @level, @year, @template, @document, @etag, @published_at, @note, @published_by)`,
    ),
    any: db.prepare<[]>('SELECT EXISTS (SELECT 1 FROM reports)').pluck(),
  };
}

export function sqliteReports(db: Database.Database, now: () => Date): ReportsSection {
  const st = lazy(() => prepare(db));

  const publish = db.transaction((document: ReportDocument, json: string, etag: string, options: PublishOptions): PublishedReport => {
    const previous = st().maxVersion.get(document.id);
    const version = (typeof previous === 'number' ? previous : 0) + 1;
    const publishedAt = now().toISOString();
    const { agency, level, year, template } = document.meta;
    st().insert.run({
      id: document.id,
      version,
      agency_zh: agency.zh,
      agency_bo: agency.bo ?? null,
      level,
      year,
      template,
      document: json,
      etag,
      published_at: publishedAt,
      note: options.note ?? null,
      published_by: options.publishedBy ?? null,
    });
    const published: PublishedReport = { id: document.id, version, agency: { ...agency }, level, year, template, publishedAt, etag, document };
    if (options.note !== undefined) published.note = options.note;
    return published;
  });

  return {
    listReports: () => Promise.resolve().then(() => st().latest.all().map(toReportSummary)),
    getReport: (id) => Promise.resolve().then(() => toPublishedReport(st().getLatest.get(id))),
    getReportVersion: (id, version) => Promise.resolve().then(() => toPublishedReport(st().getVersion.get(id, version))),
    listReportVersions: (id) => Promise.resolve().then(() => st().versions.all(id).map(toReportSummary)),
    publishReport: (document, options = {}) =>
      Promise.resolve().then(() => {
        const { json, stored, etag } = documentToStore(document);
        // IMMEDIATE: two processes cannot hand out the same version number.
        return publish.immediate(stored, json, etag, options);
      }),
    isEmpty: () => Promise.resolve().then(() => st().any.get() === 0),
  };
}
