import type { Migration } from '../types.ts';

/**
 * The Tibetan review (issue 12): who may review (any official who reads Tibetan: a grant, not a
 * role), the reviewed text of each item (a UI string `ui:<key>`, a template term `term:<key>`, a
 * report paragraph `para:<report>:<block>:<n>`) with the Chinese it was reviewed against, and the
 * audit log of every decision and comment, never changed once written.
 */
export const migration: Migration = {
  version: 7,
  name: 'translation-reviews',
  sql: `
    CREATE TABLE translation_reviewers (
      user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      granted_by TEXT    NOT NULL,
      granted_at TEXT    NOT NULL
    ) STRICT;

    CREATE TABLE translation_reviews (
      item_id    TEXT PRIMARY KEY,
      zh         TEXT NOT NULL,
      bo         TEXT NOT NULL,
      status     TEXT NOT NULL CHECK (status IN ('accepted', 'edited')),
      decided_by TEXT NOT NULL,
      decided_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE translation_review_log (
      id        INTEGER PRIMARY KEY AUTOINCREMENT,
      item_id   TEXT NOT NULL,
      action    TEXT NOT NULL CHECK (action IN ('accept', 'edit', 'comment')),
      zh        TEXT NOT NULL,
      bo_before TEXT NOT NULL,
      bo_after  TEXT,
      comment   TEXT,
      via       TEXT NOT NULL CHECK (via IN ('app', 'xliff', 'csv')),
      username  TEXT NOT NULL,
      at        TEXT NOT NULL
    ) STRICT;
    CREATE INDEX translation_review_log_item ON translation_review_log (item_id, id);
    CREATE TRIGGER translation_review_log_immutable BEFORE UPDATE ON translation_review_log
    BEGIN
      SELECT RAISE(ABORT, 'the review log is never changed');
    END;
  `,
};
