/**
 * Cross-year plausibility of an import (issue 9), where the agency's report of the year before is
 * known (bulk loading of a county's past reports): this year's 二、上年结转 is last year's
 * 四、结转下年度 (C1, report-format.md §4.3). When they differ and a neighbouring row of this year's
 * 三 (本年新收, 予以公开) prints exactly last year's 结转下年度, the figures were most likely read one row off, the sums
 * within each row holding wherever it landed: both rows are in doubt. A plain C1 mismatch is the
 * report's own inconsistency and left to the validator.
 */
import type { CellKey, CellValue, ReportDocument } from '../model.ts';
import { cellKey, getTemplate, requestRows } from '../templates/index.ts';

const CARRIED_OVER = 'carried_over';
const CARRY_FORWARD = 'carry_forward';

function rowOf(cells: Readonly<Record<CellKey, CellValue>>, row: string, columns: readonly string[]): (number | undefined)[] {
  return columns.map((column) => {
    const value = cells[cellKey('requests', row, column)];
    return typeof value === 'number' ? value : undefined;
  });
}

const whole = (values: readonly (number | undefined)[]): values is number[] => values.every((v) => v !== undefined);
const same = (a: readonly number[], b: readonly number[]): boolean => a.every((v, i) => v === b[i]);

/**
 * The cells of `report` (an import of year t) that last year's report (`previous`, year t−1, same
 * agency) puts in doubt: the 上年结转 row and the row holding last year's 结转下年度 instead.
 */
export function previousYearDoubts(report: ReportDocument, previous: ReportDocument): CellKey[] {
  if (previous.meta.year !== report.meta.year - 1) return [];
  const template = getTemplate(report.meta.template);
  const columns = template.requests.columns.map((c) => c.key);
  const carried = previous.cells;
  const expected = rowOf(carried, CARRY_FORWARD, columns);
  const actual = rowOf(report.cells, CARRIED_OVER, columns);
  // Only a whole row, with a figure other than 0, can tell one row from another.
  if (!whole(expected) || expected.every((v) => v === 0) || (whole(actual) && same(actual, expected))) return [];
  // A figure one row off sits in a neighbour of 上年结转: small rows (1 0 0 0 0 0 1) recur elsewhere.
  const rows = requestRows(template).map((r) => r.key);
  const at = rows.indexOf(CARRIED_OVER);
  const neighbours = [rows[at - 1], rows[at + 1]].filter((row): row is string => row !== undefined);
  const holders = neighbours.filter((row) => {
    const values = rowOf(report.cells, row, columns);
    return whole(values) && same(values, expected);
  });
  if (holders.length === 0) return [];
  return [CARRIED_OVER, ...holders].flatMap((row) => columns.map((column) => cellKey('requests', row, column)));
}
