/** Test helper: the importer fixtures and compact ways to state the cells a report must have. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importText, type ImportResult } from '../../../../src/report/import/index.ts';
import type { CellKey, CellValue, ReportDocument, SectionKey } from '../../../../src/report/model.ts';
import { cellKey, getTemplate, type TemplateId } from '../../../../src/report/templates/index.ts';
import { reportTables } from '../../../../src/report/tables/index.ts';

export type TableName = 'active' | 'requests' | 'appeals';

/** Absolute path of a file in tests/fixtures/import. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../../../fixtures/import/${name}`, import.meta.url));
}

export function fixtureText(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(name)));
}

/** A text fixture through importText. */
export function importFixture(name: string): ImportResult {
  return importText(fixtureText(name));
}

/** Column keys of a row, in print order. */
export function columnsOf(template: TemplateId, table: TableName, row: string): string[] {
  const def = getTemplate(template);
  if (table === 'active') {
    const found = def.active.find((r) => r.key === row);
    if (found === undefined) throw new Error(`no active row ${row} in ${template}`);
    return found.columns.map((c) => c.key);
  }
  return (table === 'requests' ? def.requests.columns : def.appeals.columns).map((c) => c.key);
}

/** The values of one row in print order; undefined where the cell is absent. */
export function rowValues(report: Pick<ReportDocument, 'cells'> & { meta: Pick<ReportDocument['meta'], 'template'> }, table: TableName, row: string): (CellValue | undefined)[] {
  return columnsOf(report.meta.template, table, row).map((column) => report.cells[cellKey(table, row, column)]);
}

/**
 * Every cell of a template (with the collapsed （六） row when asked) set to `fill`, then the rows
 * given as `'table.row': [values in print order]` written over it.
 */
export function expectedCells(
  template: TemplateId,
  rows: Record<string, readonly CellValue[]>,
  options: { fill?: CellValue; collapsed?: boolean } = {},
): Record<CellKey, CellValue> {
  const cells: Record<CellKey, CellValue> = {};
  for (const key of reportTables(getTemplate(template), { collapsedOtherHandling: options.collapsed ?? false }).order) cells[key] = options.fill === undefined ? 0 : options.fill;
  for (const [name, values] of Object.entries(rows)) {
    const [table, row] = name.split('.') as [TableName, string];
    const columns = columnsOf(template, table, row);
    if (columns.length !== values.length) throw new Error(`${name}: ${values.length} values for ${columns.length} columns`);
    columns.forEach((column, i) => {
      const key = cellKey(table, row, column);
      if (!(key in cells)) throw new Error(`${key} is not a cell of template ${template}`);
      cells[key] = values[i] ?? null;
    });
  }
  return cells;
}

/** The paragraphs (lines) of a section's Chinese text; [] when the section is absent or empty. */
export function paragraphs(report: Pick<ReportDocument, 'sections'>, section: SectionKey): string[] {
  const text = report.sections[section]?.zh ?? '';
  return text === '' ? [] : text.split('\n');
}

/** Skipped lines of one reason, as their text. */
export function skippedText(result: ImportResult, reason: ImportResult['importReport']['skipped'][number]['reason']): string[] {
  return result.importReport.skipped.filter((s) => s.reason === reason).map((s) => s.text);
}
