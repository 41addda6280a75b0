import type { Migration } from '../types.ts';

/** Correction notes and the publisher, as sqlite/004-report-notes.ts. */
export const migration: Migration = {
  version: 4,
  name: 'report-notes',
  sql: `
    ALTER TABLE reports ADD COLUMN note TEXT, ADD COLUMN published_by INTEGER;
  `,
};
