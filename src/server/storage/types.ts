/**
 * The one storage interface of the server, implemented for SQLite (sqlite.ts, the default) and
 * PostgreSQL (postgres.ts, when DATABASE_URL is set) with the same semantics; every method is
 * async even where SQLite is not. SQL lives behind this interface only: routes never see a query.
 * The sections are split by concern in sections/.
 */
import type { AccountsSection } from './sections/accounts.ts';
import type { DraftsSection } from './sections/drafts.ts';
import type { HierarchySection } from './sections/hierarchy.ts';
import type { KiosksSection } from './sections/kiosks.ts';
import type { ReportsSection } from './sections/reports.ts';
import type { ReviewsSection } from './sections/reviews.ts';

export type * from './sections/accounts.ts';
export type * from './sections/drafts.ts';
export type * from './sections/hierarchy.ts';
export type * from './sections/kiosks.ts';
export type * from './sections/reports.ts';
export type * from './sections/reviews.ts';
export { ACCOUNT_ACTIONS, ROLES } from './sections/accounts.ts';
export { DRAFT_SOURCES, SERVER_CLIENT_ID } from './sections/drafts.ts';

/** Migrations applied by one `migrate()` call (empty when the schema was already current). */
export interface MigrationOutcome {
  applied: { version: number; name: string }[];
  /** Schema version after the call. */
  version: number;
}

export interface SchemaVersion {
  /** 0 for a database never migrated. */
  current: number;
  latest: number;
}

export interface ServerStorage extends ReportsSection, AccountsSection, DraftsSection, KiosksSection, HierarchySection, ReviewsSection {
  /** Which database this is, for logs. */
  readonly kind: 'sqlite' | 'postgres';
  /** Brings the schema up to date. Idempotent; safe when several processes start at once. */
  migrate(): Promise<MigrationOutcome>;
  /** The schema version of the database and the latest this server knows; changes nothing. */
  schemaVersion(): Promise<SchemaVersion>;
  /** Releases the database. Further calls fail. */
  close(): Promise<void>;
}

export type StorageErrorCode =
  | 'invalid_document'
  | 'corrupt_row'
  | 'schema_too_new'
  | 'exists'
  | 'unknown_agency'
  | 'unknown_user'
  | 'forbidden';

/** A storage failure the caller may want to tell apart. */
export class StorageError extends Error {
  readonly code: StorageErrorCode;

  constructor(code: StorageErrorCode, detail: string) {
    super(`${code}: ${detail}`);
    this.name = 'StorageError';
    this.code = code;
  }
}
