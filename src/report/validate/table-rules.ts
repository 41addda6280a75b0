/**
 * Table arithmetic (report-format.md §4.1–§4.2): R1–R6. All errors, because the numbers are the
 * report's hard content (§7.12: errors only for table arithmetic). A rule that would need a blank
 * or absent cell is skipped (M1 reports the blank instead).
 */
import type { CellKey, ReportDocument } from '../model.ts';
import { everyRowSum, orderedCellKeys, type SumIdentity } from '../tables/index.ts';
import { cellSpec, parseCellKey } from '../templates/index.ts';
import { defineRule, nums, same, sum, type Issue, type RuleDef } from './context.ts';

/** Compares a total cell with the sum of its parts; undefined when equal or any cell is missing. */
function sumMismatch(report: ReportDocument, parts: readonly CellKey[], total: CellKey): { expected: number; actual: number } | undefined {
  const values = nums(report, [...parts, total]);
  if (values === undefined) return undefined;
  const actual = values.pop() ?? 0;
  const expected = sum(values);
  return same(expected, actual) ? undefined : { expected, actual };
}

/** The sums of the table model that do not hold, with the row or column they name. */
function mismatches(report: ReportDocument, sums: readonly SumIdentity[], name: 'row' | 'column'): (SumIdentity & { name: string; expected: number; actual: number })[] {
  return sums.flatMap((s) => {
    const bad = sumMismatch(report, s.parts, s.total);
    const parsed = parseCellKey(s.total);
    return bad === undefined || parsed === undefined ? [] : [{ ...s, ...bad, name: parsed[name] }];
  });
}

/** R1: each row's 总计 is the sum of its six applicant columns, on every row either variant prints. */
export const R1: RuleDef = defineRule({
  id: 'R1', severity: 'error', kind: 'table', enforced: true, ref: '§4.2',
  check: ({ report, template }) =>
    mismatches(report, everyRowSum(template, 'R1'), 'row').map(
      (m): Issue => ({ cells: [...m.parts, m.total], params: { cell: m.total, row: m.name, expected: m.expected, actual: m.actual } }),
    ),
});

/**
 * R2: per column, （七）总计 is the sum of the detail rows. (三)(四)(五) have no subtotal rows of
 * their own (§2.3); a 2021 report with the collapsed （六） row is summed over that row (§4.2 R6).
 */
export const R2: RuleDef = defineRule({
  id: 'R2', severity: 'error', kind: 'table', enforced: true, ref: '§4.2',
  check: ({ report, tables }) =>
    mismatches(report, tables.totals.sums.filter((s) => s.rule === 'R2'), 'column').map(
      (m): Issue => ({ cells: [...m.parts, m.total], params: { cell: m.total, column: m.name, expected: m.expected, actual: m.actual } }),
    ),
});

/** R3: the printed 勾稽关系, per column including 总计 ("本列数据", §4.1): 一 + 二 = （七） + 四. */
export const R3: RuleDef = defineRule({
  id: 'R3', severity: 'error', kind: 'table', enforced: true, ref: '§4.1',
  check: ({ report, tables }) => {
    const issues: Issue[] = [];
    for (const balance of tables.totals.balances) {
      const cells = [...balance.left, ...balance.right];
      const values = nums(report, cells);
      if (values === undefined) continue;
      const left = sum(values.slice(0, balance.left.length));
      const right = sum(values.slice(balance.left.length));
      if (!same(left, right)) issues.push({ cells, params: { column: balance.column, left, right } });
    }
    return issues;
  },
});

/** R4: each 复议/诉讼 group's 总计 = 维持 + 纠正 + 其他 + 尚未审结 (§4.2). */
export const R4: RuleDef = defineRule({
  id: 'R4', severity: 'error', kind: 'table', enforced: true, ref: '§4.2',
  check: ({ report, template }) =>
    mismatches(report, everyRowSum(template, 'R4'), 'row').map(
      (m): Issue => ({ cells: [...m.parts, m.total], params: { cell: m.total, group: m.name, expected: m.expected, actual: m.actual } }),
    ),
});

/** Whether a value fits its cell kind (§4.2 R5): counts, signed 本年增/减, money. */
function fitsKind(kind: 'count' | 'signed' | 'money', value: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (kind === 'signed') return Number.isInteger(value);
  if (kind === 'money') return value >= 0;
  return Number.isInteger(value) && value >= 0;
}

/** R5: every filled cell holds what its column allows. Blank (null) cells are M1's concern. */
export const R5: RuleDef = defineRule({
  id: 'R5', severity: 'error', kind: 'table', enforced: true, ref: '§4.2',
  check: ({ report, template }) => {
    const issues: Issue[] = [];
    for (const key of orderedCellKeys(report)) {
      const value = report.cells[key];
      const kind = cellSpec(template, key)?.kind;
      if (typeof value !== 'number' || kind === undefined || fitsKind(kind, value)) continue;
      issues.push({ cells: [key], params: { cell: key, kind, actual: String(value) } });
    }
    return issues;
  },
});

/**
 * R6: a 2021 report may print one （六）其他处理 row standing for the three sub-rows (§4.2, corpus
 * 03/04); that alone is fine. Only when it holds both, the collapsed row must equal their sum.
 */
export const R6: RuleDef = defineRule({
  id: 'R6', severity: 'error', kind: 'table', enforced: true, ref: '§4.2',
  check: ({ report, tables }) =>
    mismatches(report, tables.totals.collapsed, 'column').map(
      (m): Issue => ({ cells: [m.total, ...m.parts], params: { cell: m.total, column: m.name, expected: m.expected, actual: m.actual } }),
    ),
});

/** The table rules in report-format.md order. */
export const TABLE_RULES: readonly RuleDef[] = [R1, R2, R3, R4, R5, R6];
