/**
 * Loading a county's past reports in one run, for `lotho import DIR` (src/cli/commands/bulk.ts)
 * and an admin's folder or zip upload (`POST /api/imports`, routes/imports.ts): each file is
 * read with what its agency and the caller supply, sorted as imported (complete), flagged (read,
 * with cells to check), refused or already there; then, when asked, published one transaction per
 * report, so a file that fails leaves nothing of itself behind.
 */
import { agencyReportId } from '../../report/factory.ts';
import { completedReport, ImportError, previousYearDoubts, type ImportResult, type SuppliedMeta } from '../../report/import/index.ts';
import type { ReportDocument } from '../../report/model.ts';
import { validate } from '../../report/validate/index.ts';
import { digestOf } from '../oversight/digest.ts';
import type { Agency, ServerStorage } from '../storage/types.ts';
import { BULK_STATUSES, type BulkNote, type BulkStatus } from '../../contract/imports.ts';

export type { BulkStatus };

/** The files a folder or zip may hold that the importer reads. */
export const IMPORTABLE_FILE = /\.(txt|md|html?|docx|pdf|json)$/iu;

/** What became of a file: `published` and `failed` only when publishing was asked for. */
export interface BulkRow {
  file: string;
  agency: string;
  year: string;
  status: BulkStatus;
  /** The report id, or what the import left for a person, or why the file was refused (the CLI's words). */
  detail: string;
  /** The report the file became, once its year is known. */
  reportId?: string;
  /** What the file left for a person, as codes (the app words them in the reader's language). */
  notes: BulkNote[];
  document?: ReportDocument;
}

/** Reads one file's bytes with what is supplied; throws when the file is not a report. */
export type ReadFile = (meta: SuppliedMeta) => Promise<ImportResult>;

/** What the import left for a person, in one short line. */
export function importFlags(result: ImportResult): string {
  const r = result.importReport;
  const parts = [
    r.needs.length > 0 ? `needs ${r.needs.join(',')}` : '',
    r.uncertain.length > 0 ? `${r.uncertain.length} uncertain` : '',
    r.missingRows.length > 0 ? `${r.missingRows.length} rows missing` : '',
    r.missingTables.length > 0 ? `tables missing: ${r.missingTables.join(',')}` : '',
    r.unplaced.length > 0 ? `${r.unplaced.length} unplaced` : '',
    r.missingSections.length > 0 ? `${r.missingSections.length} sections missing` : '',
  ];
  return parts.filter((p) => p !== '').join('; ');
}

/** What the import left for a person, as codes with their counts. */
export function importNotes(result: ImportResult): BulkNote[] {
  const r = result.importReport;
  const counted = (
    [
      ['uncertain', r.uncertain.length],
      ['rows_missing', r.missingRows.length],
      ['tables_missing', r.missingTables.length],
      ['unplaced', r.unplaced.length],
      ['sections_missing', r.missingSections.length],
    ] as const
  ).flatMap(([code, count]): BulkNote[] => (count > 0 ? [{ code, count }] : []));
  return [...r.needs.map((field): BulkNote => ({ code: `needs_${field}` })), ...counted];
}

/** A file refused before or while reading, with its reason code (the importer's, or `too_large`). */
export function refusedRow(file: string, agency: string, reason: string, detail = reason): BulkRow {
  return { file, agency, year: '', status: 'refused', detail, notes: [{ code: 'refused', reason }] };
}

/** How a caller reads files and words what is asked of a person. */
export interface BulkReader {
  read: ReadFile;
  /** A read error as its one-line reason. */
  refusal: (error: unknown) => string;
  /** Where the year of a report that states none is given (`--year or the manifest`). */
  yearHint: string;
}

/**
 * Reads one file as a report of `agency` (its names and level replace what the file says) and
 * says what publishing would do with it.
 */
export async function readBulkFile(storage: ServerStorage, file: string, agency: Agency, supplied: SuppliedMeta, reader: BulkReader): Promise<BulkRow> {
  let result: ImportResult;
  try {
    result = await reader.read({ ...supplied, agency: agency.nameZh });
  } catch (error) {
    return refusedRow(file, agency.id, error instanceof ImportError ? error.code : 'unreadable', reader.refusal(error));
  }
  const row: BulkRow = { file, agency: agency.id, year: '', status: 'refused', detail: '', notes: importNotes(result) };
  const report = completedReport(result.report);
  if (report === undefined) {
    row.detail = `${importFlags(result)} (${reader.yearHint})`;
    return row;
  }
  row.year = String(report.meta.year);
  const id = agencyReportId(agency.id, report.meta.year);
  row.reportId = id;
  row.document = {
    ...report,
    id,
    meta: { ...report.meta, agency: agency.nameBo === undefined ? { zh: agency.nameZh } : { zh: agency.nameZh, bo: agency.nameBo }, level: agency.level },
  };
  if ((await storage.listReportVersions(id)).length > 0) {
    row.status = 'exists';
    row.detail = id;
    row.notes = [];
    return row;
  }
  row.status = result.complete ? 'imported' : 'flagged';
  row.detail = result.complete ? id : importFlags(result);
  if (result.complete) row.notes = [];
  return row;
}

/**
 * Checks each read report against the agency's report of the year before, from the same run or
 * already published (import/previous-year.ts): a report whose 上年结转 row looks one row off is
 * `flagged` with a `previous_year` note, so it is not published as complete.
 */
export async function checkPreviousYears(storage: ServerStorage, rows: BulkRow[]): Promise<void> {
  const read = new Map(rows.flatMap((row) => (row.document === undefined ? [] : [[row.document.id, row.document] as const])));
  for (const row of rows) {
    const document = row.document;
    if (document === undefined || (row.status !== 'imported' && row.status !== 'flagged')) continue;
    const year = document.meta.year - 1;
    const id = agencyReportId(row.agency, year);
    const previous = read.get(id) ?? (await storage.getReport(id))?.document;
    if (previous === undefined) continue;
    const doubtful = previousYearDoubts(document, previous);
    if (doubtful.length === 0) continue;
    row.status = 'flagged';
    row.notes.push({ code: 'previous_year', count: doubtful.length, year });
    const words = `${String(doubtful.length)} cells one row off by ${String(year)}`;
    row.detail = row.detail === document.id ? words : `${row.detail}; ${words}`;
  }
}

/**
 * Publishes every imported row (and flagged ones when `includeFlagged`), each in its own
 * transaction: a failure marks its row `failed` and the others go on. `published` is told of each.
 */
export async function publishBulkRows(
  storage: ServerStorage,
  rows: BulkRow[],
  options: { includeFlagged: boolean; note: (row: BulkRow) => string; published?: (report: { id: string; version: number }) => void; publishedBy?: number },
): Promise<void> {
  for (const row of rows) {
    const publishable = row.status === 'imported' || (row.status === 'flagged' && options.includeFlagged);
    if (!publishable || row.document === undefined) continue;
    try {
      const by = options.publishedBy === undefined ? {} : { publishedBy: options.publishedBy };
      const done = await storage.publishReport(row.document, { note: options.note(row), digest: digestOf(row.document, validate(row.document)), ...by });
      row.status = 'published';
      row.detail = row.detail === row.document.id ? row.document.id : `${row.document.id}; ${row.detail}`;
      options.published?.({ id: done.id, version: done.version });
    } catch (error) {
      row.status = 'failed';
      row.detail = (error instanceof Error ? error.message : String(error)).replace(/\s+/gu, ' ');
    }
  }
}

/** How many rows have each status. */
export function countStatuses(rows: readonly BulkRow[]): Record<BulkStatus, number> {
  const counts = Object.fromEntries(BULK_STATUSES.map((s) => [s, 0])) as Record<BulkStatus, number>;
  for (const row of rows) counts[row.status] += 1;
  return counts;
}
