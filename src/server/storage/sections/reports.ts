/** The reports section of the storage: published, immutable, numbered versions of reports. */
import type { KeyFigures } from '../../../report/key-figures.ts';
import type { ReportDocument } from '../../../report/model.ts';

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
  /** Why this version replaced the one before (a correction); absent for a first publication. */
  note?: string;
  /** The agency it belongs to: the `<agency>` of its `<agency>-<year>` id (absent for another id). */
  agencyId?: string;
}

/** What the county office reads of a published version without opening it (report_digests). */
export interface ReportDigest {
  /** Findings of the validator at publication (src/report/validate), by severity. */
  errors: number;
  warnings: number;
  figures: KeyFigures;
}

/** One published version of a report. */
export interface PublishedReport extends ReportSummaryRow {
  document: ReportDocument;
}

/** Who publishes and why: both optional (the seed has neither). */
export interface PublishOptions {
  note?: string;
  /** The user id of the publisher. */
  publishedBy?: number;
  /** Stored with the version, in the same transaction. */
  digest?: ReportDigest;
}

/** A publication committed by any server process on this database. */
export type PublicationListener = (report: { id: string; version: number }) => void;

export interface PublicationWatch {
  /** Stops listening; resolves once nothing more is delivered. */
  stop(): Promise<void>;
}

export interface ReportsSection {
  /** The latest version of every report, in no particular order (the API decides the order). */
  listReports(): Promise<ReportSummaryRow[]>;
  /** The latest version of a report, or undefined when the id was never published. */
  getReport(id: string): Promise<PublishedReport | undefined>;
  /** One given version of a report, or undefined. */
  getReportVersion(id: string, version: number): Promise<PublishedReport | undefined>;
  /** Every version of a report, oldest first (empty when never published). */
  listReportVersions(id: string): Promise<ReportSummaryRow[]>;
  /**
   * Publishes a document as the next version of its id (1 for a new id). Rows are never updated:
   * an earlier version stays readable. Throws StorageError('invalid_document') for a document
   * whose id cannot be addressed by the API.
   */
  publishReport(document: ReportDocument, options?: PublishOptions): Promise<PublishedReport>;
  /** True when no report was ever published (first start: time to seed). */
  isEmpty(): Promise<boolean>;
  /**
   * Publishes `document` as version 1 when no report at all is published yet, else nothing
   * (undefined). Atomic across processes: several servers starting at once on one database
   * publish the seed once.
   */
  publishFirst(document: ReportDocument, options?: PublishOptions): Promise<PublishedReport | undefined>;
  /**
   * Calls `listener` after each publication commits, made by this or (on PostgreSQL, through
   * LISTEN/NOTIFY) any other server process on the database; resolves once listening. On SQLite,
   * only this storage's publications: several processes share a PostgreSQL, not a SQLite file.
   */
  watchPublications(listener: PublicationListener): Promise<PublicationWatch>;
}
