/**
 * The tables of a report, read from their regions of the source with the table model
 * (src/report/tables): 二 (one table per 第二十条 item), 三 (applications) and 四 (appeals). Rows,
 * their labels and their cells come from the model, so a registered template is read with no code
 * naming its rows. Every found value lands under its cell key; what cannot be placed goes to the
 * import report.
 */
import type { CellKey, CellValue } from '../../model.ts';
import { lookupMessage, officialLabel, ZH_MESSAGES } from '../../labels.ts';
import { reportTables, type CellModel, type ReportTables, type RowModel, type TableModel, type TableSection } from '../../tables/index.ts';
import { getTemplate, TEMPLATE_IDS, type TemplateDef } from '../../templates/index.ts';
import type { ImportReport } from '../types.ts';
import type { CellToken } from './numbers.ts';
import type { PreparedLine } from './prepare.ts';
import { gluedReadings, isDigitRun } from './glued.ts';
import { placementDoubts, type PlacementReason } from './placement.ts';
import { matchRows, type RowSpec, type RowValues, type SourceEnd } from './rows.ts';
import { toSegments, type Segment } from './segments.ts';
import { rowSumsCheck } from './sums.ts';
import { bareKey } from './text.ts';

/** Cells and units read from the tables, with what could not be read. */
export interface TableResult {
  cells: Record<CellKey, CellValue>;
  units: Record<CellKey, string>;
  missingRows: ImportReport['missingRows'];
  unplaced: ImportReport['unplaced'];
  /** A report printing the template's collapsed （六）其他处理 row (R6). */
  collapsedOtherHandling: boolean;
  /** Rows whose figures were printed without a break and cut into cells by the row's sums. */
  cutBySums: string[];
  /** Cells whose row's placement is in doubt (parse/placement.ts), blank ones included. */
  placement: { cell: CellKey; reason: PlacementReason }[];
}

function rowsOf(table: TableModel): RowModel[] {
  return table.bodies.flatMap((b) => b.rows);
}

/** The cells a row has, in column order (二's shorter rows leave columns out). */
export function valueCells(row: RowModel): CellModel[] {
  return row.cells.flatMap((c) => (c === null ? [] : [c]));
}

function store(result: TableResult, cells: readonly CellModel[], found: RowValues): void {
  cells.forEach((cell, i) => {
    if (found.printed !== undefined && i >= found.printed) return;
    result.cells[cell.key] = found.values[i] ?? null;
    const token = found.tokens[i];
    const printedUnit = token?.kind === 'number' ? token.unit : undefined;
    const unit = cell.unit ?? (cell.kind === 'money' ? printedUnit : undefined);
    if (unit !== undefined) result.units[cell.key] = unit;
  });
}

/** How the table's last line ends, for a source cut short inside the table (rows.ts SourceEnd). */
function sourceEndOf(lines: readonly PreparedLine[]): SourceEnd {
  return /[|｜]\s*$/u.test(lines.at(-1)?.text ?? '') ? 'after_separator' : 'after_figure';
}

function emptyResult(): TableResult {
  return { cells: {}, units: {}, missingRows: [], unplaced: [], collapsedOtherHandling: false, cutBySums: [], placement: [] };
}

/**
 * The labels a row of 二 may be printed with: its own, and the same row's label in every other
 * registered template, since real reports mix them (a 2019-era 规范性文件 under 2021 columns).
 */
function activeLabels(template: TemplateDef, row: RowModel): string[] {
  const labels = [officialLabel(row.label)];
  for (const id of TEMPLATE_IDS) {
    if (id === template.id) continue;
    const same = getTemplate(id).active.find((r) => r.key === row.key);
    const text = same === undefined ? undefined : lookupMessage(ZH_MESSAGES, same.label);
    if (text !== undefined && !labels.includes(text)) labels.push(text);
  }
  return [...labels, ...labels.flatMap(taiwanWording)];
}

/**
 * A label as a mirror that converts pages to Taiwan usage prints it, back in simplified
 * characters: such converters swap whole words (文件 → 檔案: 規範性檔案, 其他主動公開檔案), which
 * character-by-character t2s leaves as 档案. Only in labels: 档案 is a word of its own in prose.
 */
function taiwanWording(label: string): string[] {
  return label.includes('文件') ? [label.replaceAll('文件', '档案')] : [];
}

/** Matches a table's rows among the segments and stores what was found. */
function readRows(
  result: TableResult,
  model: ReportTables,
  section: TableSection,
  rows: readonly RowModel[],
  segments: readonly Segment[],
  labelsOf: (row: RowModel) => readonly string[],
  cut: boolean,
  sourceEnd: SourceEnd,
): void {
  const specs: RowSpec[] = rows.map((row) => {
    const cells = valueCells(row);
    const sumsHold = rowSumsCheck(model, cells.map((c) => c.key));
    return { id: row.id, labels: labelsOf(row), valueCount: cells.length, ...(sumsHold === undefined ? {} : { sumsHold }) };
  });
  const match = matchRows(segments, specs, section, cut, sourceEnd);
  for (const row of rows) {
    const found = match.found.get(row.id);
    if (found === undefined) continue;
    store(result, valueCells(row), found);
    if (found.cutBySums === true) result.cutBySums.push(row.id);
  }
  const rowById = new Map(rows.map((r) => [r.id, r]));
  for (const { row, reason } of placementDoubts(specs, match)) {
    const model = rowById.get(row);
    if (model !== undefined) result.placement.push(...valueCells(model).map((cell) => ({ cell: cell.key, reason })));
  }
  const byId = new Map(rows.map((r) => [r.id, r.key]));
  result.missingRows.push(...match.missing.map((id) => ({ table: section, row: byId.get(id) ?? id })));
  result.unplaced.push(...match.unplaced);
}

function tablesIn(model: ReportTables, section: TableSection): TableModel[] {
  return model.tables.filter((t) => t.section === section);
}

/** Section 二: the rows of every 第二十条 item's table, in print order. */
export function readActiveTable(template: TemplateDef, lines: readonly PreparedLine[], cut = false): TableResult {
  const result = emptyResult();
  const model = reportTables(template);
  const rows = tablesIn(model, 'active').flatMap(rowsOf);
  readRows(result, model, 'active', rows, toSegments(lines), (row) => activeLabels(template, row), cut, sourceEndOf(lines));
  return result;
}

/**
 * True when the table prints the template's collapsed （六）其他处理 row with values (R6; corpus
 * 03/04): a label run ends with that row's label and values follow, where the full form goes on
 * to sub-row labels.
 */
function printsCollapsedRow(template: TemplateDef, segments: readonly Segment[]): boolean {
  const collapsed = template.requests.collapsedOtherHandling;
  if (collapsed === undefined) return false;
  const label = bareKey(officialLabel(collapsed.label));
  return segments.some((s) => s.bare.endsWith(label) && s.values.some((v) => v.kind === 'number'));
}

/** Section 三: the model's rows (with the collapsed row when the report prints it) × its columns. */
export function readRequestsTable(template: TemplateDef, lines: readonly PreparedLine[], cut = false): TableResult {
  const result = emptyResult();
  const segments = toSegments(lines);
  result.collapsedOtherHandling = printsCollapsedRow(template, segments);
  const model = reportTables(template, { collapsedOtherHandling: result.collapsedOtherHandling });
  const rows = tablesIn(model, 'requests').flatMap(rowsOf);
  readRows(result, model, 'requests', rows, segments, (row) => [officialLabel(row.label)], cut, sourceEndOf(lines));
  return result;
}

/** 四's figures printed without a break (`000000000000000`): the one cut its group sums (R4) confirm. */
function cutBySums(model: ReportTables, cells: readonly CellModel[], tokens: readonly CellToken[]): number[] | undefined {
  const sumsHold = rowSumsCheck(model, cells.map((c) => c.key));
  if (sumsHold === undefined || tokens.length === 0 || !tokens.every((t) => t.kind === 'number' && isDigitRun(t.raw))) return undefined;
  const confirmed = (gluedReadings(tokens.map((t) => t.raw), cells.length) ?? []).filter(sumsHold);
  return confirmed.length === 1 ? confirmed[0] : undefined;
}

/**
 * Section 四: the official print puts every row's cells on one line under a multi-level head
 * (`singleRow`). The values are those after the last head text; the head's spacer cells are
 * blanks before text and do not count.
 */
export function readAppealsTable(template: TemplateDef, lines: readonly PreparedLine[]): TableResult {
  const result = emptyResult();
  const model = reportTables(template);
  const rows = tablesIn(model, 'appeals').flatMap(rowsOf);
  const cells = rows.flatMap(valueCells);
  const segments = toSegments(lines);
  const withNumbers = segments.filter((s) => s.values.some((v) => v.kind === 'number'));
  const last = segments.at(-1);
  const data = withNumbers.length > 0 ? withNumbers : last !== undefined && last.values.length > 0 ? [last] : [];
  const tokens = data.flatMap((s) => (s.structured ? s.values : s.values.filter((v) => v.kind === 'number')));
  if (data.length === 0) {
    result.missingRows.push(...rows.map((r) => ({ table: 'appeals' as const, row: r.key })));
    return result;
  }
  const context = data.map((s) => s.raw).join(' ').slice(-60);
  const cut = tokens.length < cells.length ? cutBySums(model, cells, tokens) : undefined;
  if (cut !== undefined) {
    cells.forEach((cell, i) => (result.cells[cell.key] = cut[i] ?? null));
    result.cutBySums.push(...rows.map((r) => r.id));
    return result;
  }
  const runTogether = tokens.some((t) => t.kind === 'number' && Number.isNaN(t.value));
  if (tokens.length !== cells.length || runTogether) {
    const numbers = tokens.filter((t) => t.kind === 'number');
    // Values printed but not placed leave the cells absent: blank would say "not filled" (M1).
    if (runTogether) {
      result.unplaced.push({ table: 'appeals', context, values: numbers.map((t) => t.raw), reason: 'count_mismatch' });
      return result;
    }
    if (tokens.length < cells.length || numbers.length !== tokens.slice(0, cells.length).filter((t) => t.kind === 'number').length) {
      result.unplaced.push({ table: 'appeals', context, values: numbers.map((t) => t.raw), reason: tokens.length < cells.length ? 'count_mismatch' : 'extra_values' });
      if (tokens.length < cells.length) return result;
    }
  }
  cells.forEach((cell, i) => {
    const token = tokens[i];
    result.cells[cell.key] = token?.kind === 'number' ? token.value : null;
  });
  return result;
}
