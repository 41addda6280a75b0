import type { Migration } from '../types.ts';

/**
 * What a subtree's oversight answer depends on, cheap to ask per request and per subtree (issue
 * 13). The answers were kept per state of the whole database, read by counting and scanning
 * reports, agencies and drafts on every request (half a request's CPU on a region) and dropped by
 * any draft edit anywhere. Now each agency has a row here with its materialized path
 * (`region/prefecture/county/`, ids have no '/') and a counter bumped by triggers when a report
 * of it is published, a draft of it made or a field of one written. A subtree is one key range of
 * `path`, so its stamp (how many agencies, the sum of their counters) is one range read, and it
 * changes only when something in that subtree does. Agencies are never moved or deleted, so a
 * path, made when its agency is inserted, stays right.
 */
export const migration: Migration = {
  version: 11,
  name: 'agency-changes',
  sql: `
    CREATE TABLE agency_changes (
      path      TEXT    PRIMARY KEY,
      agency_id TEXT    NOT NULL UNIQUE REFERENCES agencies (id),
      changes   INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID;

    WITH RECURSIVE tree(id, path, depth) AS (
      SELECT id, id || '/', 0 FROM agencies WHERE parent_id IS NULL
      UNION ALL
      SELECT a.id, tree.path || a.id || '/', tree.depth + 1 FROM agencies a JOIN tree ON a.parent_id = tree.id WHERE tree.depth < 64
    )
    INSERT INTO agency_changes (path, agency_id) SELECT path, id FROM tree;

    CREATE TRIGGER agencies_path AFTER INSERT ON agencies
    BEGIN
      INSERT INTO agency_changes (path, agency_id)
      VALUES (COALESCE((SELECT path FROM agency_changes WHERE agency_id = NEW.parent_id), '') || NEW.id || '/', NEW.id);
    END;
    CREATE TRIGGER reports_changes AFTER INSERT ON reports WHEN NEW.agency_id IS NOT NULL
    BEGIN
      UPDATE agency_changes SET changes = changes + 1 WHERE agency_id = NEW.agency_id;
    END;
    CREATE TRIGGER drafts_changes AFTER INSERT ON drafts
    BEGIN
      UPDATE agency_changes SET changes = changes + 1 WHERE agency_id = NEW.agency_id;
    END;
    CREATE TRIGGER field_writes_changes AFTER INSERT ON field_writes
    BEGIN
      UPDATE agency_changes SET changes = changes + 1 WHERE agency_id = NEW.agency_id;
    END;
  `,
};
