/** A report as the kiosk keeps it: the document and the version it was fetched at. */
import type { ReportDocument } from '../report/model.ts';

/** A report the kiosk can show. */
export interface KioskReport {
  id: string;
  document: ReportDocument;
  version: number;
  /** When the server published this version (ISO), when known. */
  publishedAt: string | null;
}
