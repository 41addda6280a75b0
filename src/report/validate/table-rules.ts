/**
 * Table arithmetic (report-format.md §4.1–§4.2): R1–R6. All errors, because the numbers are the
 * report's hard content (§7.12: errors only for table arithmetic). A rule that would need a blank
 * or absent cell is skipped (M1 reports the blank instead).
 */
import type { CellKey, ReportDocument } from '../model.ts';
import { cellKey, cellSpec, requestRows, type RequestRowRole, type TemplateDef } from '../templates/index.ts';
import { defineRule, nums, same, sum, type Issue, type RuleDef } from './context.ts';
import { applicantColumnKeys, orderedCellKeys, printableRequestRows, requestColumnKeys } from './layout.ts';

/** Compares a total cell with the sum of its parts; undefined when equal or any cell is missing. */
function sumMismatch(report: ReportDocument, parts: readonly CellKey[], total: CellKey): { expected: number; actual: number } | undefined {
  const values = nums(report, [...parts, total]);
  if (values === undefined) return undefined;
  const actual = values.pop() ?? 0;
  const expected = sum(values);
  return same(expected, actual) ? undefined : { expected, actual };
}

function rowKey(template: TemplateDef, role: RequestRowRole): string {
  const row = template.requests.rows.find((r) => r.role === role);
  if (row === undefined) throw new Error(`template ${template.id} has no ${role} row`);
  return row.key;
}

/** R1: each row's 总计 is the sum of its six applicant columns. */
export const R1: RuleDef = defineRule({
  id: 'R1', severity: 'error', kind: 'table', enforced: true, ref: '§4.2',
  check: ({ report, template }) => {
    const issues: Issue[] = [];
    for (const row of printableRequestRows(template)) {
      const parts = applicantColumnKeys(template).map((c) => cellKey('requests', row.key, c));
      const total = cellKey('requests', row.key, 'total');
      const bad = sumMismatch(report, parts, total);
      if (bad) issues.push({ cells: [...parts, total], params: { cell: total, row: row.key, ...bad } });
    }
    return issues;
  },
});

/**
 * R2: per column, （七）总计 is the sum of the detail rows. (三)(四)(五) have no subtotal rows of
 * their own (§2.3); a 2021 report with the collapsed （六） row is summed over that row (§4.2 R6).
 */
export const R2: RuleDef = defineRule({
  id: 'R2', severity: 'error', kind: 'table', enforced: true, ref: '§4.2',
  check: ({ report, template, collapsed }) => {
    const details = requestRows(template, collapsed).filter((r) => r.role === 'detail');
    const totalRow = rowKey(template, 'results_total');
    const issues: Issue[] = [];
    for (const column of requestColumnKeys(template)) {
      const parts = details.map((r) => cellKey('requests', r.key, column));
      const total = cellKey('requests', totalRow, column);
      const bad = sumMismatch(report, parts, total);
      if (bad) issues.push({ cells: [...parts, total], params: { cell: total, column, ...bad } });
    }
    return issues;
  },
});

/** R3: the printed 勾稽关系, per column including 总计 ("本列数据", §4.1): 一 + 二 = （七） + 四. */
export const R3: RuleDef = defineRule({
  id: 'R3', severity: 'error', kind: 'table', enforced: true, ref: '§4.1',
  check: ({ report, template }) => {
    const roles: RequestRowRole[] = ['received', 'carried', 'results_total', 'forward'];
    const rows = roles.map((role) => rowKey(template, role));
    const issues: Issue[] = [];
    for (const column of requestColumnKeys(template)) {
      const cells = rows.map((row) => cellKey('requests', row, column));
      const values = nums(report, cells);
      if (values === undefined) continue;
      const [received = 0, carried = 0, results = 0, forward = 0] = values;
      if (!same(received + carried, results + forward)) {
        issues.push({ cells, params: { column, left: received + carried, right: results + forward } });
      }
    }
    return issues;
  },
});

/** R4: each 复议/诉讼 group's 总计 = 维持 + 纠正 + 其他 + 尚未审结 (§4.2). */
export const R4: RuleDef = defineRule({
  id: 'R4', severity: 'error', kind: 'table', enforced: true, ref: '§4.2',
  check: ({ report, template }) => {
    const parts = template.appeals.columns.map((c) => c.key).filter((c) => c !== 'total');
    const issues: Issue[] = [];
    for (const group of template.appeals.groups) {
      const total = cellKey('appeals', group.key, 'total');
      const cells = parts.map((c) => cellKey('appeals', group.key, c));
      const bad = sumMismatch(report, cells, total);
      if (bad) issues.push({ cells: [...cells, total], params: { cell: total, group: group.key, ...bad } });
    }
    return issues;
  },
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
    for (const key of orderedCellKeys(template)) {
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
  check: ({ report, template, collapsed }) => {
    const whole = template.requests.collapsedOtherHandling;
    if (!collapsed || whole === undefined) return [];
    const subRows = template.requests.rows.filter((r) => r.group === 'other_handling');
    const issues: Issue[] = [];
    for (const column of requestColumnKeys(template)) {
      const parts = subRows.map((r) => cellKey('requests', r.key, column));
      const total = cellKey('requests', whole.key, column);
      const bad = sumMismatch(report, parts, total);
      if (bad) issues.push({ cells: [total, ...parts], params: { cell: total, column, ...bad } });
    }
    return issues;
  },
});

/** The table rules in report-format.md order. */
export const TABLE_RULES: readonly RuleDef[] = [R1, R2, R3, R4, R5, R6];
