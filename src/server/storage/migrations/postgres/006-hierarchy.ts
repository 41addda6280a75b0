import type { Migration } from '../types.ts';

/** The agency hierarchy, reports by agency and report digests, as sqlite/006-hierarchy.ts. */
export const migration: Migration = {
  version: 6,
  name: 'hierarchy',
  sql: `
    CREATE INDEX agencies_parent ON agencies (parent_id);

    ALTER TABLE reports ADD COLUMN agency_id TEXT;
    ALTER TABLE reports DISABLE TRIGGER reports_immutable;
    UPDATE reports SET agency_id = left(id, -5) WHERE id ~ '^.+-[0-9]{4}$';
    ALTER TABLE reports ENABLE TRIGGER reports_immutable;
    CREATE INDEX reports_agency_year ON reports (agency_id, year);

    CREATE INDEX drafts_year ON drafts (year, agency_id);

    CREATE TABLE report_digests (
      report_id TEXT    NOT NULL,
      version   INTEGER NOT NULL,
      errors    INTEGER NOT NULL CHECK (errors >= 0),
      warnings  INTEGER NOT NULL CHECK (warnings >= 0),
      figures   TEXT    NOT NULL CHECK (figures::jsonb IS NOT NULL),
      PRIMARY KEY (report_id, version),
      FOREIGN KEY (report_id, version) REFERENCES reports (id, version)
    );
  `,
};
