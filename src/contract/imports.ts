/**
 * An admin's bulk import (`POST /api/imports?agency=ID[&publish=1][&includeFlagged=1]`, body: one
 * zip of report files): what `lotho import DIR --agency ID [--publish]` does, answered as
 * newline-delimited JSON, one event a line, so the page shows progress while the server reads.
 * Documented in src/server/API.md.
 */
export const BULK_STATUSES = ['imported', 'flagged', 'refused', 'exists', 'published', 'failed'] as const;
export type BulkStatus = (typeof BULK_STATUSES)[number];

/** One file's outcome: `detail` is the report id, what is left to check, or why it was refused. */
export interface BulkRowWire {
  file: string;
  year: string;
  status: BulkStatus;
  detail: string;
}

/** The lines of the answer: a `progress` line before each file is read, then one `summary`. */
export type BulkImportEvent =
  | { type: 'progress'; done: number; total: number; file: string }
  | { type: 'summary'; published: boolean; rows: BulkRowWire[]; counts: Record<BulkStatus, number> };

/** The largest zip accepted, in bytes. */
export const BULK_MAX_BYTES = 64 * 1024 * 1024;
/** The most report files one zip may hold. */
export const BULK_MAX_FILES = 500;
