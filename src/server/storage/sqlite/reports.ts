/** SQLite: the reports section. Versions are numbered inside IMMEDIATE transactions. */
import type Database from 'better-sqlite3';
import type { ReportDocument } from '../../../report/model.ts';
import { documentToStore, reportAgencyId } from '../documents.ts';
import { lazy } from './lazy.ts';
import { REPORT_SUMMARY_COLUMNS, toPublishedReport, toReportSummary } from '../rows.ts';
import type { PublicationListener, PublishOptions, PublishedReport, ReportsSection } from '../types.ts';

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
      `INSERT INTO reports (id, version, agency_zh, agency_bo, level, year, template, document, etag, published_at, note, published_by, agency_id)
       VALUES (@id, @version, @agency_zh, @agency_bo, @level, @year, @template, @document, @etag, @published_at, @note, @published_by, @agency_id)`,
    ),
    insertDigest: db.prepare<[string, number, number, number, string]>(
      'INSERT OR IGNORE INTO report_digests (report_id, version, errors, warnings, figures) VALUES (?, ?, ?, ?, ?)',
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
    const agencyId = reportAgencyId(document.id);
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
      agency_id: agencyId ?? null,
    });
    const { digest } = options;
    if (digest !== undefined) st().insertDigest.run(document.id, version, digest.errors, digest.warnings, JSON.stringify(digest.figures));
    const published: PublishedReport = { id: document.id, version, agency: { ...agency }, level, year, template, publishedAt, etag, document };
    if (options.note !== undefined) published.note = options.note;
    if (agencyId !== undefined) published.agencyId = agencyId;
    return published;
  });

  /** Publishes only into an empty table, in the same IMMEDIATE transaction as the check. */
  const publishFirst = db.transaction((document: ReportDocument, json: string, etag: string, options: PublishOptions) =>
    st().any.get() === 0 ? publish(document, json, etag, options) : undefined,
  );

  // Publications of this storage only: processes share a PostgreSQL, not a SQLite file.
  const listeners = new Set<PublicationListener>();
  const tell = (published: PublishedReport | undefined): PublishedReport | undefined => {
    if (published !== undefined) for (const listener of listeners) listener({ id: published.id, version: published.version });
    return published;
  };

  return {
    watchPublications: (listener) => {
      const own = (report: { id: string; version: number }): void => { listener(report); };
      listeners.add(own);
      return Promise.resolve({
        stop: () => {
          listeners.delete(own);
          return Promise.resolve();
        },
      });
    },
    listReports: () => Promise.resolve().then(() => st().latest.all().map(toReportSummary)),
    getReport: (id) => Promise.resolve().then(() => toPublishedReport(st().getLatest.get(id))),
    getReportVersion: (id, version) => Promise.resolve().then(() => toPublishedReport(st().getVersion.get(id, version))),
    listReportVersions: (id) => Promise.resolve().then(() => st().versions.all(id).map(toReportSummary)),
    publishReport: (document, options = {}) =>
      Promise.resolve().then(() => {
        const { json, stored, etag } = documentToStore(document);
        // IMMEDIATE: two processes cannot hand out the same version number.
        const published = publish.immediate(stored, json, etag, options);
        tell(published);
        return published;
      }),
    isEmpty: () => Promise.resolve().then(() => st().any.get() === 0),
    publishFirst: (document, options = {}) =>
      Promise.resolve().then(() => {
        const { json, stored, etag } = documentToStore(document);
        return tell(publishFirst.immediate(stored, json, etag, options));
      }),
  };
}
