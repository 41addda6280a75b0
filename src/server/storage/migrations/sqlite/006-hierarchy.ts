import type { Migration } from '../types.ts';

/**
 * The agency hierarchy and what the county office reads across it (issue 13):
 * - agencies are walked from parent to children (index on parent_id);
 * - a report row names its agency (`agency_id`, the `<agency>` of its `<agency>-<year>` id), so
 *   an agency's subtree finds its reports by index. Rows published before are filled in here: the
 *   immutability trigger is lifted for this one statement, which changes no published content.
 * - report_digests keeps, per published version, its findings' counts and key figures
 *   (src/report/key-figures.ts), so oversight of a region reads a few numbers per report instead
 *   of parsing 2,800 documents per request.
 */
export const migration: Migration = {
  version: 6,
  name: 'hierarchy',
  sql: `
    CREATE INDEX agencies_parent ON agencies (parent_id);

    ALTER TABLE reports ADD COLUMN agency_id TEXT;
    DROP TRIGGER reports_immutable;
    UPDATE reports SET agency_id = substr(id, 1, length(id) - 5) WHERE id GLOB '?*-[0-9][0-9][0-9][0-9]';
    CREATE TRIGGER reports_immutable BEFORE UPDATE ON reports
    BEGIN
      SELECT RAISE(ABORT, 'published report versions are immutable');
    END;
    CREATE INDEX reports_agency_year ON reports (agency_id, year);

    CREATE INDEX drafts_year ON drafts (year, agency_id);

    CREATE TABLE report_digests (
      report_id TEXT    NOT NULL,
      version   INTEGER NOT NULL,
      errors    INTEGER NOT NULL CHECK (errors >= 0),
      warnings  INTEGER NOT NULL CHECK (warnings >= 0),
      figures   TEXT    NOT NULL CHECK (json_valid(figures)),
      PRIMARY KEY (report_id, version),
      FOREIGN KEY (report_id, version) REFERENCES reports (id, version)
    ) STRICT, WITHOUT ROWID;
  `,
};
