/** PostgreSQL: the reports section. A version number taken twice at once is retried. */
import type { Pool } from 'pg';
import * as v from 'valibot';
import { documentToStore } from '../documents.ts';
import { intColumn, parseRow, REPORT_SUMMARY_COLUMNS, toPublishedReport, toReportSummary } from '../rows.ts';
import type { PublishedReport, ReportsSection } from '../types.ts';
import { inTransaction, query, UNIQUE_VIOLATION } from './tx.ts';

export function postgresReports(pool: Pool, now: () => Date): ReportsSection {
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
    publishReport: async (document, options = {}) => {
      const { json, stored, etag } = documentToStore(document);
      const publishedAt = now().toISOString();
      const version = await inTransaction(
        pool,
        async (client) => {
          const { rows } = await query(client, 'SELECT COALESCE(MAX(version), 0) + 1 AS version FROM reports WHERE id = $1', [stored.id]);
          const next = parseRow(v.object({ version: intColumn }), 'reports', rows[0]).version;
          const { agency, level, year, template } = stored.meta;
          await query(client,
            `INSERT INTO reports (id, version, agency_zh, agency_bo, level, year, template, document, etag, published_at, note, published_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
            [stored.id, next, agency.zh, agency.bo ?? null, level, year, template, json, etag, publishedAt, options.note ?? null, options.publishedBy ?? null],
          );
          return next;
        },
        // Two publishers at once: the second insert hits the primary key and takes the next number.
        { retryOn: [UNIQUE_VIOLATION] },
      );
      const { agency, level, year, template } = stored.meta;
      const published: PublishedReport = { id: stored.id, version, agency: { ...agency }, level, year, template, publishedAt, etag, document: stored };
      if (options.note !== undefined) published.note = options.note;
      return published;
    },
    isEmpty: async () => {
      const { rows } = await query(pool, 'SELECT NOT EXISTS (SELECT 1 FROM reports) AS empty');
      return parseRow(v.object({ empty: v.boolean() }), 'reports', rows[0]).empty;
    },
  };
}
