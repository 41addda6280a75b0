/**
 * The printed shape of the tables as the rules walk them: rows and cells in print order, so that
 * findings come out in a deterministic order (rule, then cell).
 */
import type { CellKey } from '../model.ts';
import { cellKey, type RequestRowDef, type TemplateDef } from '../templates/index.ts';

/**
 * Every row table 三 can print, in print order: the template's rows with, for 2021, the collapsed
 * （六）其他处理 row (R6) just before its three sub-rows. Rows the report lacks are simply skipped by
 * the rules, so listing both variants is safe.
 */
export function printableRequestRows(template: TemplateDef): readonly RequestRowDef[] {
  const collapsed = template.requests.collapsedOtherHandling;
  if (collapsed === undefined) return template.requests.rows;
  const rows: RequestRowDef[] = [];
  for (const row of template.requests.rows) {
    if (row.group === 'other_handling' && !rows.includes(collapsed)) rows.push(collapsed);
    rows.push(row);
  }
  return rows;
}

/** Keys of table 三's columns; the last one is 总计. */
export function requestColumnKeys(template: TemplateDef): string[] {
  return template.requests.columns.map((c) => c.key);
}

/** The six applicant columns of table 三 (everything but 总计), which R1 sums. */
export function applicantColumnKeys(template: TemplateDef): string[] {
  return requestColumnKeys(template).filter((c) => c !== 'total');
}

/** One printed row of any table: its `table.row` name and its cell keys in column order. */
export interface PrintedRow {
  row: string;
  cells: CellKey[];
}

/**
 * Every row the template can print, in print order (二, 三 with both （六） variants, 四). Findings
 * follow this order so that the output is deterministic.
 */
export function printableRows(template: TemplateDef): PrintedRow[] {
  const active = template.active.map((r) => ({
    row: `active.${r.key}`,
    cells: r.columns.map((c) => cellKey('active', r.key, c.key)),
  }));
  const requests = printableRequestRows(template).map((r) => ({
    row: `requests.${r.key}`,
    cells: template.requests.columns.map((c) => cellKey('requests', r.key, c.key)),
  }));
  const appeals = template.appeals.groups.map((g) => ({
    row: `appeals.${g.key}`,
    cells: template.appeals.columns.map((c) => cellKey('appeals', g.key, c.key)),
  }));
  return [...active, ...requests, ...appeals];
}

/** All cell keys the template can print, in print order. */
export function orderedCellKeys(template: TemplateDef): CellKey[] {
  return printableRows(template).flatMap((r) => r.cells);
}
