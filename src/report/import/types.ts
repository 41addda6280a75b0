/** Shapes shared by the importer's stages: source reading, parsing, and its report to the user. */
import type { ReportDocument, SectionKey } from '../model.ts';
import type { TemplateId } from '../templates/index.ts';

/** Input formats the importer reads. `json` is a report exported by Lotho itself. */
export type SourceFormat = 'txt' | 'html' | 'docx' | 'pdf' | 'json';

/**
 * One line of the source. Plain text gives `text` only. A table row whose cells are known
 * (HTML and Word tables, `|` rows) also gives `cells`, where '' is a blank cell: this is what lets
 * the importer tell a blank cell from a missing one.
 */
export interface SourceLine {
  text: string;
  cells?: string[];
}

/** The source reduced to lines, whatever the format it came in. */
export interface Source {
  format: SourceFormat;
  lines: SourceLine[];
}

/** Why a file could not be imported at all (exit status 2 in the CLI). */
export type ImportErrorCode =
  | 'empty'
  | 'too_large'
  | 'binary'
  | 'unsupported_format'
  | 'unreadable'
  | 'not_a_report';

/** A file that cannot be read or is not a report. Nothing is returned with it. */
export class ImportError extends Error {
  readonly code: ImportErrorCode;
  readonly params: Record<string, string | number>;

  constructor(code: ImportErrorCode, params: Record<string, string | number> = {}, detail?: string) {
    super(detail ?? code);
    this.name = 'ImportError';
    this.code = code;
    this.params = params;
  }
}

export type TableKey = 'active' | 'requests' | 'appeals';

/** Why values were left out of the cells. */
export type UnplacedReason =
  /** A row that is not in the template (e.g. Hubei's 其他主动公开文件, invented subtotals). */
  | 'unknown_row'
  /** Fewer values than columns in a layout that does not show which cells are blank. */
  | 'count_mismatch'
  /** More values than the row has columns. */
  | 'extra_values'
  /** A value that is not a number (e.g. 若干). */
  | 'not_a_number';

/**
 * Everything the importer could not do exactly: with it the user can see what to check by hand.
 * An import is complete only when every list is empty.
 */
export interface ImportReport {
  format: SourceFormat;
  template: { id: TemplateId; decidedBy: 'headers' | 'year' | 'document'; evidence: string[] };
  /** Sections whose heading was not found. */
  missingSections: SectionKey[];
  /** Tables not found at all: their cells are absent. */
  missingTables: TableKey[];
  /** Rows of a found table that were not found: their cells are absent. */
  missingRows: { table: TableKey; row: string }[];
  /** Values seen but not placed in any cell, with the text printed before them. */
  unplaced: { table: TableKey; context: string; values: string[]; reason: UnplacedReason }[];
  /** Lines dropped as page furniture, portal chrome or conversion artefacts. */
  skipped: { text: string; reason: 'page_furniture' | 'portal_chrome' | 'conversion_artefact' }[];
  /** Metadata fields the boilerplate did not give. */
  missingMeta: string[];
  /** Things done that a reader should know about, e.g. a collapsed （六） row kept as printed (R6). */
  notes: { code: string; params: Record<string, string | number> }[];
}

export interface ImportResult {
  report: ReportDocument;
  importReport: ImportReport;
  /** True when nothing is missing or unplaced. A partial text is never presented as complete. */
  complete: boolean;
}
