/**
 * An admin's bulk import (`POST /api/imports?agency=ID[&publish=1][&includeFlagged=1]`, body: one
 * zip of report files): what `lotho import DIR --agency ID [--publish]` does, answered as
 * newline-delimited JSON, one event a line, so the page shows progress while the server reads.
 * Documented in src/server/API.md.
 */
export const BULK_STATUSES = ['imported', 'flagged', 'refused', 'exists', 'published', 'failed'] as const;
export type BulkStatus = (typeof BULK_STATUSES)[number];

/**
 * What a file left for a person, as a code the app words in the reader's language, with its
 * figures: what the import needs (`needs_year`, `needs_agency`, `needs_template`), how many cells
 * are uncertain and rows, tables, sections or values were not found or placed (`count`), cells
 * last year's report puts in doubt (`previous_year`), or why the file was refused (`refused`,
 * `reason`: the importer's error code).
 */
export type BulkNote =
  | { code: 'needs_year' | 'needs_agency' | 'needs_template' }
  | { code: 'uncertain' | 'rows_missing' | 'tables_missing' | 'unplaced' | 'sections_missing'; count: number }
  | { code: 'refused'; reason: string }
  /** Cells that the agency's report of `year` (the year before) puts in doubt: likely one row off. */
  | { code: 'previous_year'; count: number; year: number };

/** One file's outcome: the report it became (when read), and what it left for a person. */
export interface BulkRowWire {
  file: string;
  year: string;
  status: BulkStatus;
  reportId?: string;
  notes: BulkNote[];
}

/** The lines of the answer: a `progress` line before each file is read, then one `summary`. */
export type BulkImportEvent =
  | { type: 'progress'; done: number; total: number; file: string }
  | { type: 'summary'; published: boolean; rows: BulkRowWire[]; counts: Record<BulkStatus, number> };

/** The largest zip accepted, in bytes. */
export const BULK_MAX_BYTES = 64 * 1024 * 1024;
/** The most report files one zip may hold. */
export const BULK_MAX_FILES = 500;
