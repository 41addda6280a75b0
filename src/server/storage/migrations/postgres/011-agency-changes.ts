import type { Migration } from '../types.ts';

/**
 * As sqlite/011-agency-changes.ts. `path` compares byte by byte (COLLATE "C"): a subtree is the
 * key range from `a/b/` up to `a/b0` only in that order; a language's collation may ignore '/'.
 */
export const migration: Migration = {
  version: 11,
  name: 'agency-changes',
  sql: `
    CREATE TABLE agency_changes (
      path      TEXT COLLATE "C" PRIMARY KEY,
      agency_id TEXT   NOT NULL UNIQUE REFERENCES agencies (id),
      changes   BIGINT NOT NULL DEFAULT 0
    );

    INSERT INTO agency_changes (path, agency_id)
    WITH RECURSIVE tree(id, path, depth) AS (
      SELECT id, id || '/', 0 FROM agencies WHERE parent_id IS NULL
      UNION ALL
      SELECT a.id, tree.path || a.id || '/', tree.depth + 1 FROM agencies a JOIN tree ON a.parent_id = tree.id WHERE tree.depth < 64
    )
    SELECT path, id FROM tree;

    CREATE FUNCTION lotho_agency_path() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO agency_changes (path, agency_id)
      VALUES (COALESCE((SELECT path FROM agency_changes WHERE agency_id = NEW.parent_id), '') || NEW.id || '/', NEW.id);
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER agencies_path AFTER INSERT ON agencies
      FOR EACH ROW EXECUTE FUNCTION lotho_agency_path();

    CREATE FUNCTION lotho_agency_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE agency_changes SET changes = changes + 1 WHERE agency_id = NEW.agency_id;
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER reports_changes AFTER INSERT ON reports
      FOR EACH ROW WHEN (NEW.agency_id IS NOT NULL) EXECUTE FUNCTION lotho_agency_changed();
    CREATE TRIGGER drafts_changes AFTER INSERT ON drafts
      FOR EACH ROW EXECUTE FUNCTION lotho_agency_changed();
    CREATE TRIGGER field_writes_changes AFTER INSERT ON field_writes
      FOR EACH ROW EXECUTE FUNCTION lotho_agency_changed();
  `,
};
