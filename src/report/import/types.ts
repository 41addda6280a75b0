/** Shapes shared by the importer's stages: source reading, parsing, and its report to the user. */
import type { ReportDocument, ReportMeta, SectionKey } from '../model.ts';
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
  /** Pages read by text recognition from a scan: every figure is for a person to confirm. */
  recognisedPages?: number;
}

/**
 * Text recognition for scanned PDFs, given by the caller where it runs (the server and the CLI;
 * never a phone): the PDF's bytes to its lines, with `--- page N ---` markers.
 */
export type RecogniseText = (bytes: Uint8Array) => Promise<{ lines: SourceLine[] }>;

/** Why a file could not be imported at all (exit status 2 in the CLI). */
export type ImportErrorCode =
  | 'empty'
  | 'too_large'
  | 'binary'
  | 'unsupported_format'
  | 'unreadable'
  /** A PDF without a text layer (a scan) and no text recognition where the import runs. */
  | 'scanned'
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

/** Where a report states its year (parse/year.ts), most trusted first. */
export type YearSource = 'supplied' | 'title' | 'statement' | 'period' | 'prose' | 'file_name' | 'published';

export interface YearEvidence {
  source: YearSource;
  year: number;
  /** The words it was read from (or the file name, or the ISO date). */
  text: string;
}

/**
 * Fields of a report the source did not give and a person must: `lotho import --year/--agency/
 * --template`, a manifest entry, or the app asking. Nothing is guessed in their place.
 */
export type SuppliedField = 'year' | 'agency' | 'template';
export const SUPPLIED_FIELDS: readonly SuppliedField[] = ['year', 'agency', 'template'];

/** Values a person gives for what the source may not state. */
export interface SuppliedMeta {
  year?: number;
  agency?: string;
  template?: TemplateId;
}

/** Why a placed value is uncertain. */
export type UncertainReason =
  /** A sum of the template (R1–R4) fails with it, and no other placement of the row makes it hold. */
  | 'sums_fail'
  /** Read by text recognition from a scan and not confirmed by a sum. */
  | 'recognised'
  /**
   * Its row's label was matched only typo-tolerantly or inside longer text, and its neighbours in
   * the template were not matched exactly around it: the figures may belong to another row.
   */
  | 'label_loose'
  /**
   * A row was read blank or not found while a source row with as many figures was left over: the
   * figures between them may each sit one row off. Sums within a row hold wherever it lands.
   */
  | 'row_shift'
  /** One source row's figures were placed in two rows. */
  | 'source_reused'
  /** Its row was printed out of the template's order: found by its own label among the rows left over. */
  | 'row_order';
export const UNCERTAIN_REASONS: readonly UncertainReason[] = ['sums_fail', 'recognised', 'label_loose', 'row_shift', 'source_reused', 'row_order'];

/**
 * Everything the importer could not do exactly: with it the user can see what to check by hand.
 * An import is complete only when every list is empty.
 */
export interface ImportReport {
  format: SourceFormat;
  template: { id: TemplateId; decidedBy: 'headers' | 'year' | 'document' | 'supplied'; evidence: string[] };
  /** Sections whose heading was not found. */
  missingSections: SectionKey[];
  /** Tables not found at all: their cells are absent. */
  missingTables: TableKey[];
  /** Rows of a found table that were not found: their cells are absent. */
  missingRows: { table: TableKey; row: string }[];
  /**
   * Cells holding a value the importer could not confirm (the table's sums do not hold with it,
   * or text recognition read it): shown, but for a person to check.
   */
  uncertain: { cell: string; reason: UncertainReason }[];
  /**
   * Per table with sums, how many of its sums (R1–R4, R6) could be checked (no blank or absent
   * cell) and how many hold: "三: 18 of 18 sums hold". A failing sum puts its cells in `uncertain`.
   */
  sums: { table: TableKey; holding: number; checked: number }[];
  /** Values seen but not placed in any cell, with the text printed before them. */
  unplaced: { table: TableKey; context: string; values: string[]; reason: UnplacedReason }[];
  /** Lines dropped as page furniture, portal chrome or conversion artefacts. */
  skipped: { text: string; reason: 'page_furniture' | 'portal_chrome' | 'conversion_artefact' }[];
  /** Metadata fields the boilerplate did not give. */
  missingMeta: string[];
  /** Year, agency or template neither the source nor the caller gave: the report needs them. */
  needs: SuppliedField[];
  /** Every year the report states, and where; `notes` has a year_conflict when they disagree. */
  year: { value?: number; source?: YearSource; evidence: YearEvidence[] };
  /** Things done that a reader should know about, e.g. a collapsed （六） row kept as printed (R6). */
  notes: { code: string; params: Record<string, string | number> }[];
}

/** Report metadata as imported: the year is absent when neither the source nor the caller gave it. */
export interface ImportedMeta extends Omit<ReportMeta, 'year'> {
  year?: number;
}

/** A report as imported, before a person has supplied what it needs (see ImportReport.needs). */
export interface ImportedReport extends Omit<ReportDocument, 'meta'> {
  meta: ImportedMeta;
}

/** The imported report as a full report document, or undefined while its year is still needed. */
export function completedReport(report: ImportedReport): ReportDocument | undefined {
  const { year } = report.meta;
  return year === undefined ? undefined : { ...report, meta: { ...report.meta, year } };
}

export interface ImportResult {
  report: ImportedReport;
  importReport: ImportReport;
  /**
   * True when nothing is missing, unplaced or recognised from a scan. A partial text is never
   * presented as complete; sums that fail are listed (ImportReport.sums, uncertain) but do not make
   * a fully read report incomplete.
   */
  complete: boolean;
}

/**
 * The imported report as a full document, for callers that know its year is there (the source
 * states it, or they supplied it). Throws when it is still needed.
 */
export function reportOf(result: ImportResult): ReportDocument {
  const report = completedReport(result.report);
  if (report === undefined) throw new Error(`the imported report needs: ${result.importReport.needs.join(', ')}`);
  return report;
}
