/** PostgreSQL: the reports section. A version number taken twice at once is retried. */
import type { Pool, PoolClient } from 'pg';
import * as v from 'valibot';
import type { ReportDocument } from '../../../report/model.ts';
import { documentToStore, reportAgencyId } from '../documents.ts';
import { intColumn, parseRow, REPORT_SUMMARY_COLUMNS, toPublishedReport, toReportSummary } from '../rows.ts';
import type { PublishOptions, PublishedReport, ReportDigest, ReportsSection } from '../types.ts';
import { notifyPublished } from './publications.ts';
import { inTransaction, query, UNIQUE_VIOLATION } from './tx.ts';

/** Serialises first publications across processes (publishFirst): the seed is published once. */
const FIRST_LOCK = `hashtextextended('lotho.publish-first:' || current_setting('search_path'), 0)`;

/**
 * Publishes the next version of the document's id; with `onlyFirst`, only when no report exists at
 * all (checked under a transaction-scoped advisory lock, so two processes cannot both find it
 * empty). The digest, when given, is written in the same transaction.
 */
async function publish(pool: Pool, now: () => Date, document: ReportDocument, options: PublishOptions, onlyFirst: boolean): Promise<PublishedReport | undefined> {
  const { json, stored, etag } = documentToStore(document);
  const publishedAt = now().toISOString();
  const agencyId = reportAgencyId(stored.id);
  const version = await inTransaction(
    pool,
    async (client) => {
      if (onlyFirst) {
        await client.query(`SELECT pg_advisory_xact_lock(${FIRST_LOCK})`);
        const { rows } = await query(client, 'SELECT EXISTS (SELECT 1 FROM reports) AS any');
        if (parseRow(v.object({ any: v.boolean() }), 'reports', rows[0]).any) return undefined;
      }
      const { rows } = await query(client, 'SELECT COALESCE(MAX(version), 0) + 1 AS version FROM reports WHERE id = $1', [stored.id]);
      const next = parseRow(v.object({ version: intColumn }), 'reports', rows[0]).version;
      const { agency, level, year, template } = stored.meta;
      await query(client,
        `INSERT INTO reports (id, version, agency_zh, agency_bo, level, year, template, document, etag, published_at, note, published_by, agency_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [stored.id, next, agency.zh, agency.bo ?? null, level, year, template, json, etag, publishedAt, options.note ?? null, options.publishedBy ?? null, agencyId ?? null],
      );
      if (options.digest !== undefined) await insertDigest(client, stored.id, next, options.digest);
      await notifyPublished(client, stored.id, next);
      return next;
    },
    // Two publishers at once: the second insert hits the primary key and takes the next number.
    { retryOn: [UNIQUE_VIOLATION] },
  );
  if (version === undefined) return undefined;
  const { agency, level, year, template } = stored.meta;
  const published: PublishedReport = { id: stored.id, version, agency: { ...agency }, level, year, template, publishedAt, etag, document: stored };
  if (options.note !== undefined) published.note = options.note;
  if (agencyId !== undefined) published.agencyId = agencyId;
  return published;
}

/** Stores a version's digest unless it has one. */
export async function insertDigest(on: Pool | PoolClient, id: string, version: number, digest: ReportDigest): Promise<void> {
  await query(on,
    `INSERT INTO report_digests (report_id, version, errors, warnings, figures) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (report_id, version) DO NOTHING`,
    [id, version, digest.errors, digest.warnings, JSON.stringify(digest.figures)],
  );
}

export function postgresReports(pool: Pool, now: () => Date): Omit<ReportsSection, 'watchPublications'> {
  return {
    listReports: async () => {
      const { rows } = await query(pool,
        `SELECT ${REPORT_SUMMARY_COLUMNS} FROM reports r WHERE version = (SELECT MAX(version) FROM reports WHERE id = r.id)`,
      );
      return rows.map(toReportSummary);
    },
    getReport: async (id) => {
      const { rows } = await query(pool,
        `SELECT ${REPORT_SUMMARY_COLUMNS}, document FROM reports WHERE id = $1 ORDER BY version DESC LIMIT 1`,
        [id],
      );
      return toPublishedReport(rows[0]);
    },
    getReportVersion: async (id, version) => {
      const { rows } = await query(pool, `SELECT ${REPORT_SUMMARY_COLUMNS}, document FROM reports WHERE id = $1 AND version = $2`, [id, version]);
      return toPublishedReport(rows[0]);
    },
    listReportVersions: async (id) => {
      const { rows } = await query(pool, `SELECT ${REPORT_SUMMARY_COLUMNS} FROM reports WHERE id = $1 ORDER BY version`, [id]);
      return rows.map(toReportSummary);
    },
    publishReport: (document, options = {}) => publish(pool, now, document, options, false).then((published) => {
      if (published === undefined) throw new Error('publish: nothing published');
      return published;
    }),
    publishFirst: (document, options = {}) => publish(pool, now, document, options, true),
    isEmpty: async () => {
      const { rows } = await query(pool, 'SELECT NOT EXISTS (SELECT 1 FROM reports) AS empty');
      return parseRow(v.object({ empty: v.boolean() }), 'reports', rows[0]).empty;
    },
  };
}
