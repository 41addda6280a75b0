/**
 * The three tables of a report, read from their regions of the source: 二 (第二十条 items),
 * 三 (applications, 7 value columns) and 四 (appeals, 15 cells). Every found value lands under
 * its cell key; what cannot be placed goes to the import report.
 */
import type { CellKey, CellValue } from '../../model.ts';
import { officialLabel } from '../../labels.ts';
import { cellKey, requestRows, type TemplateDef } from '../../templates/index.ts';
import type { ImportReport } from '../types.ts';
import type { PreparedLine } from './prepare.ts';
import { matchRows, type RowSpec, type RowValues } from './rows.ts';
import { toSegments, type Segment } from './segments.ts';

/** Cells and units read from the tables, with what could not be read. */
export interface TableResult {
  cells: Record<CellKey, CellValue>;
  units: Record<CellKey, string>;
  missingRows: ImportReport['missingRows'];
  unplaced: ImportReport['unplaced'];
  /** 2021 report printing one （六）其他处理 row (R6). */
  collapsedOtherHandling: boolean;
}

// Variants seen in real reports beyond the official wording (§7.8): 2019 and 2021 name the
// normative-documents row differently, and either may appear under the other template's columns.
const ACTIVE_ALIASES: Record<string, readonly string[]> = {
  normative: ['行政规范性文件', '规范性文件'],
};

function store(
  result: TableResult,
  table: 'active' | 'requests' | 'appeals',
  row: string,
  columns: readonly { key: string; kind: string; unit?: string }[],
  found: RowValues,
): void {
  columns.forEach((column, i) => {
    const key = cellKey(table, row, column.key);
    result.cells[key] = found.values[i] ?? null;
    const token = found.tokens[i];
    const printedUnit = token?.kind === 'number' ? token.unit : undefined;
    const unit = column.unit ?? (column.kind === 'money' ? printedUnit : undefined);
    if (unit !== undefined) result.units[key] = unit;
  });
}

function emptyResult(): TableResult {
  return { cells: {}, units: {}, missingRows: [], unplaced: [], collapsedOtherHandling: false };
}

/** Section 二: one row per 第二十条 item row, columns by template. */
export function readActiveTable(template: TemplateDef, lines: readonly PreparedLine[]): TableResult {
  const result = emptyResult();
  const specs: RowSpec[] = template.active.map((row) => ({
    id: row.key,
    labels: ACTIVE_ALIASES[row.key] ?? [officialLabel(row.label)],
    valueCount: row.columns.length,
  }));
  const match = matchRows(toSegments(lines), specs, 'active');
  for (const row of template.active) {
    const found = match.found.get(row.key);
    if (found !== undefined) store(result, 'active', row.key, row.columns, found);
  }
  result.missingRows.push(...match.missing.map((row) => ({ table: 'active' as const, row })));
  result.unplaced.push(...match.unplaced);
  return result;
}

/**
 * True when a 2021-era table prints （六）其他处理 as one row with values (R6; corpus 03/04):
 * its label run ends with 其他处理 and values follow, where the full form goes on to sub-row labels.
 */
function printsCollapsedOtherHandling(segments: readonly Segment[]): boolean {
  return segments.some((s) => s.bare.endsWith('其他处理') && s.values.some((v) => v.kind === 'number'));
}

/** Section 三: 23 or 25 rows × 7 applicant columns. */
export function readRequestsTable(template: TemplateDef, lines: readonly PreparedLine[]): TableResult {
  const result = emptyResult();
  const segments = toSegments(lines);
  result.collapsedOtherHandling =
    template.requests.collapsedOtherHandling !== undefined && printsCollapsedOtherHandling(segments);
  const rows = requestRows(template, result.collapsedOtherHandling);
  const specs: RowSpec[] = rows.map((row) => ({
    id: row.key,
    labels: [officialLabel(row.label)],
    valueCount: template.requests.columns.length,
  }));
  const match = matchRows(segments, specs, 'requests');
  for (const row of rows) {
    const found = match.found.get(row.key);
    if (found !== undefined) store(result, 'requests', row.key, template.requests.columns, found);
  }
  result.missingRows.push(...match.missing.map((row) => ({ table: 'requests' as const, row })));
  result.unplaced.push(...match.unplaced);
  return result;
}

/**
 * Section 四: one data row of 15 cells under a two-level header (§2.4). The values are those after
 * the last header text; the header's spacer cells are blanks before text and do not count.
 */
export function readAppealsTable(template: TemplateDef, lines: readonly PreparedLine[]): TableResult {
  const result = emptyResult();
  const segments = toSegments(lines);
  const withNumbers = segments.filter((s) => s.values.some((v) => v.kind === 'number'));
  const last = segments.at(-1);
  const data = withNumbers.length > 0 ? withNumbers : last !== undefined && last.values.length > 0 ? [last] : [];
  const tokens = data.flatMap((s) => (s.structured ? s.values : s.values.filter((v) => v.kind === 'number')));
  const expected = template.appeals.groups.length * template.appeals.columns.length;
  if (data.length === 0) {
    result.missingRows.push(...template.appeals.groups.map((g) => ({ table: 'appeals' as const, row: g.key })));
    return result;
  }
  const context = data.map((s) => s.raw).join(' ').slice(-60);
  if (tokens.length !== expected) {
    const numbers = tokens.filter((t) => t.kind === 'number');
    if (tokens.length < expected || numbers.length !== tokens.slice(0, expected).filter((t) => t.kind === 'number').length) {
      result.unplaced.push({ table: 'appeals', context, values: numbers.map((t) => t.raw), reason: tokens.length < expected ? 'count_mismatch' : 'extra_values' });
      if (tokens.length < expected) {
        template.appeals.groups.forEach((g) => {
          template.appeals.columns.forEach((c) => (result.cells[cellKey('appeals', g.key, c.key)] = null));
        });
        return result;
      }
    }
  }
  template.appeals.groups.forEach((group, g) => {
    template.appeals.columns.forEach((column, c) => {
      const token = tokens[g * template.appeals.columns.length + c];
      result.cells[cellKey('appeals', group.key, column.key)] = token?.kind === 'number' ? token.value : null;
    });
  });
  return result;
}
