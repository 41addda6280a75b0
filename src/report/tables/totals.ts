/**
 * The arithmetic of the tables (report-format.md §4.1–§4.2), as identities between cell keys:
 * which cells a total adds up (R1, R2, R4), the printed 勾稽关系 (R3) and, for the collapsed
 * （六） row, the sub-rows it stands for (R6). Read by the validator, the editor's Σ and the
 * importer's sum check; none of them works the parts out again.
 */
import type { CellKey } from '../model.ts';
import { cellKey } from '../templates/index.ts';
import type { RequestRowRole, TemplateDef } from '../templates/types.ts';
import type { BalanceIdentity, RowModel, SumIdentity, TableModel, TotalsModel } from './types.ts';

function rowsOf(table: TableModel): RowModel[] {
  return table.bodies.flatMap((b) => b.rows);
}

/** R1 (三) and R4 (四): a `sumsRow` column holds the sum of the row's other cells. */
function rowSums(table: TableModel): SumIdentity[] {
  const totalAt = table.columns.findIndex((c) => c.sumsRow);
  if (totalAt < 0) return [];
  const rule = table.section === 'appeals' ? 'R4' : 'R1';
  return rowsOf(table).flatMap((row) => {
    const total = row.cells[totalAt];
    if (total === null || total === undefined) return [];
    const parts = row.cells.flatMap((c, i) => (c === null || i === totalAt ? [] : [c.key]));
    return [{ rule, total: total.key, parts }];
  });
}

function columnOf(rows: readonly RowModel[], column: number): CellKey[] {
  return rows.flatMap((r) => {
    const cell = r.cells[column];
    return cell === null || cell === undefined ? [] : [cell.key];
  });
}

/** R2: per column, the results total row is the sum of the detail rows. */
function columnSums(table: TableModel): SumIdentity[] {
  const rows = rowsOf(table);
  const details = rows.filter((r) => r.role === 'detail');
  const total = rows.find((r) => r.role === 'results_total');
  if (total === undefined) return [];
  return total.cells.flatMap((cell, i) => (cell === null ? [] : [{ rule: 'R2' as const, total: cell.key, parts: columnOf(details, i) }]));
}

/** R3, per column including 总计: received + carried = results total + carried forward. */
function balances(table: TableModel): BalanceIdentity[] {
  const rows = rowsOf(table);
  const byRole = (roles: readonly RequestRowRole[]): RowModel[] => roles.flatMap((role) => rows.filter((r) => r.role === role));
  const left = byRole(['received', 'carried']);
  const right = byRole(['results_total', 'forward']);
  if (left.length === 0 || right.length === 0) return [];
  return table.columns.map((column, i) => ({ rule: 'R3' as const, column: column.key, left: columnOf(left, i), right: columnOf(right, i) }));
}

/** R6: the collapsed row, per column, as the sum of the rows of the group it replaces. */
function collapsedSums(template: TemplateDef, collapsedOtherHandling: boolean): SumIdentity[] {
  const whole = template.requests.collapsedOtherHandling;
  if (!collapsedOtherHandling || whole === undefined) return [];
  const subRows = template.requests.rows.filter((r) => r.group === whole.key);
  return template.requests.columns.map((c) => ({
    rule: 'R6' as const,
    total: cellKey('requests', whole.key, c.key),
    parts: subRows.map((r) => cellKey('requests', r.key, c.key)),
  }));
}

export function totalsOf(template: TemplateDef, tables: readonly TableModel[], collapsedOtherHandling: boolean): TotalsModel {
  const requests = tables.filter((t) => t.section === 'requests');
  const appeals = tables.filter((t) => t.section === 'appeals');
  return {
    sums: [...requests.flatMap(rowSums), ...requests.flatMap(columnSums), ...appeals.flatMap(rowSums)],
    balances: requests.flatMap(balances),
    collapsed: collapsedSums(template, collapsedOtherHandling),
  };
}

/**
 * Each total cell → its parts, for a screen that shows one sum per total. A cell that totals two
 * ways (（七）总计's 总计: R1 across, R2 down) keeps the later one: the column sum the official
 * reads off the rows above.
 */
export function partsByTotal(totals: TotalsModel): Map<CellKey, readonly CellKey[]> {
  return new Map(totals.sums.map((s) => [s.total, s.parts]));
}
