import type { Migration } from '../types.ts';

/**
 * Report summaries read without the documents (issue 13). SQLite stores a row's columns in order
 * and `document` (tens of kB, in overflow pages) comes before `etag`, `published_at`, `note` and
 * `agency_id`: every listing, subtree read and the oversight stamp's MAX(published_at) walked every
 * document of the table, about a second per request on a region's 14,000 reports, with the event
 * loop held. An index holding every summary column answers them from the index alone; it leads
 * with (agency_id, year) and so replaces reports_agency_year. MAX(published_at) gets its own.
 */
export const migration: Migration = {
  version: 10,
  name: 'report-summaries',
  sql: `
    CREATE INDEX reports_summary ON reports (agency_id, year, id, version, agency_zh, agency_bo, level, template, etag, published_at, note);
    DROP INDEX reports_agency_year;
    CREATE INDEX reports_published ON reports (published_at);
  `,
};
