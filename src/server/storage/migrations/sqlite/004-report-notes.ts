import type { Migration } from '../types.ts';

/**
 * A correction is a new version with a note saying why; published_by names the publisher. Both
 * are NULL for versions published before (and for the seed).
 */
export const migration: Migration = {
  version: 4,
  name: 'report-notes',
  sql: `
    ALTER TABLE reports ADD COLUMN note TEXT;
    ALTER TABLE reports ADD COLUMN published_by INTEGER;
  `,
};
