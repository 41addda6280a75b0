/**
 * The one storage interface of the server. SQLite implements it now; PostgreSQL (when
 * DATABASE_URL is set) will implement the same, so every method is async even where SQLite is not.
 * SQL lives behind this interface only: routes never see a query.
 */
import type { ReportDocument } from '../../report/model.ts';

/** The index entry of a report: its latest published version, without the document. */
export interface ReportSummaryRow {
  id: string;
  version: number;
  agency: { zh: string; bo?: string };
  level: ReportDocument['meta']['level'];
  year: number;
  template: ReportDocument['meta']['template'];
  /** When this version was published (ISO 8601, UTC). Versions are immutable, so it never moves. */
  publishedAt: string;
  /** Hash of the stored document JSON. */
  etag: string;
}

/** One published version of a report. */
export interface PublishedReport extends ReportSummaryRow {
  document: ReportDocument;
}

/** Migrations applied by one `migrate()` call (empty when the schema was already current). */
export interface MigrationOutcome {
  applied: { version: number; name: string }[];
  /** Schema version after the call. */
  version: number;
}

export interface ReportStorage {
  /** Brings the schema up to date. Idempotent; safe when two processes start at once. */
  migrate(): Promise<MigrationOutcome>;
  /** The latest version of every report, in no particular order (the API decides the order). */
  listReports(): Promise<ReportSummaryRow[]>;
  /** The latest version of a report, or undefined when the id was never published. */
  getReport(id: string): Promise<PublishedReport | undefined>;
  /** One given version of a report, or undefined. */
  getReportVersion(id: string, version: number): Promise<PublishedReport | undefined>;
  /**
   * Publishes a document as the next version of its id (1 for a new id). Rows are never updated:
   * an earlier version stays readable. Throws StorageError('invalid_document') for a document
   * whose id cannot be addressed by the API.
   */
  publishReport(document: ReportDocument): Promise<PublishedReport>;
  /** True when no report was ever published (first start: time to seed). */
  isEmpty(): Promise<boolean>;
  /** Releases the database. Further calls fail. */
  close(): Promise<void>;
}

export type StorageErrorCode = 'invalid_document' | 'corrupt_row' | 'schema_too_new';

/** A storage failure the caller may want to tell apart (all are server-side problems but the first). */
export class StorageError extends Error {
  readonly code: StorageErrorCode;

  constructor(code: StorageErrorCode, detail: string) {
    super(`${code}: ${detail}`);
    this.name = 'StorageError';
    this.code = code;
  }
}
