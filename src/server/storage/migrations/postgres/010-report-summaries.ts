import type { Migration } from '../types.ts';

/**
 * As sqlite/010-report-summaries.ts. PostgreSQL keeps a large document out of line (TOAST), so
 * summaries were readable without it; what the region needed here is MAX(published_at) by index
 * (the oversight stamp, read on every request) instead of a scan of every row.
 */
export const migration: Migration = {
  version: 10,
  name: 'report-summaries',
  sql: `
    CREATE INDEX reports_published ON reports (published_at);
  `,
};
