import type { Migration } from '../types.ts';

/**
 * A draft's template may be any registered one (issue 10): the CHECK of 003 named '2019' and
 * '2021', so a new national template would have needed a migration. The storage now checks the id
 * against the template registry in code (createDraft). SQLite cannot drop a CHECK: the table is
 * rebuilt as SQLite's ALTER TABLE page prescribes (the runner turns foreign keys off around the
 * migrations and checks them before committing), with its indexes.
 */
export const migration: Migration = {
  version: 9,
  name: 'registered-templates',
  sql: `
    CREATE TABLE drafts_009 (
      id                 TEXT PRIMARY KEY,
      agency_id          TEXT NOT NULL REFERENCES agencies (id),
      report_id          TEXT NOT NULL UNIQUE,
      year               INTEGER NOT NULL,
      template           TEXT NOT NULL,
      source             TEXT NOT NULL CHECK (source IN ('blank', 'previous', 'document')),
      previous_report_id TEXT,
      created_by         INTEGER REFERENCES users (id),
      created_at         TEXT NOT NULL
    ) STRICT;
    INSERT INTO drafts_009 (id, agency_id, report_id, year, template, source, previous_report_id, created_by, created_at)
      SELECT id, agency_id, report_id, year, template, source, previous_report_id, created_by, created_at FROM drafts;
    DROP TABLE drafts;
    ALTER TABLE drafts_009 RENAME TO drafts;
    CREATE INDEX drafts_agency ON drafts (agency_id);
    CREATE INDEX drafts_year ON drafts (year, agency_id);
  `,
};
