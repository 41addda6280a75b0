import type { Migration } from '../types.ts';

/** Reviewers, reviewed texts and the review audit log, as sqlite/007-translation-reviews.ts. */
export const migration: Migration = {
  version: 7,
  name: 'translation-reviews',
  sql: `
    CREATE TABLE translation_reviewers (
      user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      granted_by TEXT        NOT NULL,
      granted_at TIMESTAMPTZ NOT NULL
    );

    CREATE TABLE translation_reviews (
      item_id    TEXT PRIMARY KEY,
      zh         TEXT        NOT NULL,
      bo         TEXT        NOT NULL,
      status     TEXT        NOT NULL CHECK (status IN ('accepted', 'edited')),
      decided_by TEXT        NOT NULL,
      decided_at TIMESTAMPTZ NOT NULL
    );

    CREATE TABLE translation_review_log (
      id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      item_id   TEXT        NOT NULL,
      action    TEXT        NOT NULL CHECK (action IN ('accept', 'edit', 'comment')),
      zh        TEXT        NOT NULL,
      bo_before TEXT        NOT NULL,
      bo_after  TEXT,
      comment   TEXT,
      via       TEXT        NOT NULL CHECK (via IN ('app', 'xliff', 'csv')),
      username  TEXT        NOT NULL,
      at        TIMESTAMPTZ NOT NULL
    );
    CREATE INDEX translation_review_log_item ON translation_review_log (item_id, id);
    CREATE TRIGGER translation_review_log_immutable BEFORE UPDATE ON translation_review_log
      FOR EACH ROW EXECUTE FUNCTION lotho_refuse_change();
  `,
};
