/** Report builders for the validator tests: blank reports from the factory, with cells set by row. */
import { blankReport, textIn } from '../../../../src/report/factory.ts';
import type { AdminLevel, CellValue, ReportDocument, SectionKey } from '../../../../src/report/model.ts';
import { cellKey, getTemplate, type TemplateId } from '../../../../src/report/templates/index.ts';
import type { Finding, RuleId } from '../../../../src/report/validate/index.ts';

/** Columns of table 三 in print order. */
export const REQUEST_COLUMNS = ['natural_person', 'commercial', 'research', 'social_welfare', 'legal_service', 'other_org', 'total'];
/** Columns of table 四 in print order. */
export const APPEAL_COLUMNS = ['upheld', 'corrected', 'other', 'pending', 'total'];

/** A report of the template with every cell 0 (all rules pass). */
export function zeroReport(
  template: TemplateId,
  options: { year?: number; level?: AdminLevel; agency?: string } = {},
): ReportDocument {
  return blankReport({
    id: `test-${template}`,
    template,
    year: options.year ?? (template === '2019' ? 2020 : 2023),
    agencyZh: options.agency ?? '测试县人民政府',
    level: options.level ?? 'county',
    fill: 0,
  });
}

/** Sets the cells of one row of table 三 (7 values in column order). */
export function setRequestRow(report: ReportDocument, row: string, values: readonly CellValue[]): void {
  values.forEach((v, i) => (report.cells[cellKey('requests', row, REQUEST_COLUMNS[i] ?? '?')] = v));
}

/** Sets the 5 cells of one group of table 四. */
export function setAppealGroup(report: ReportDocument, group: string, values: readonly CellValue[]): void {
  values.forEach((v, i) => (report.cells[cellKey('appeals', group, APPEAL_COLUMNS[i] ?? '?')] = v));
}

/** Sets 15 cells of table 四 as printed on one line (corpus 02–04). */
export function setAppeals(report: ReportDocument, values: readonly number[]): void {
  ['review', 'litigation_direct', 'litigation_after_review'].forEach((g, i) => {
    setAppealGroup(report, g, values.slice(i * 5, i * 5 + 5));
  });
}

/** Sets the rows of table 三 in template print order (for a 2021 report, collapsed or not). */
export function setRequestTable(report: ReportDocument, rows: readonly (readonly number[])[]): void {
  const template = getTemplate(report.meta.template);
  const collapsed = rows.length === 23 && template.id === '2021';
  if (collapsed) collapseOtherHandling(report, 0);
  const keys = template.requests.rows
    .filter((r) => !(collapsed && r.group === 'other_handling'))
    .map((r) => r.key);
  if (collapsed) keys.splice(keys.indexOf('results_total'), 0, 'other_handling');
  keys.forEach((key, i) => {
    setRequestRow(report, key, rows[i] ?? []);
  });
}

/**
 * Turns a 2021 report into the collapsed variant (R6, corpus 03/04): the three （六） sub-rows are
 * removed and one `other_handling` row holds `fill`.
 */
export function collapseOtherHandling(report: ReportDocument, fill: CellValue): void {
  dropCells(report, (key) => /^requests\.other_handling_\d\./.test(key));
  for (const c of REQUEST_COLUMNS) report.cells[cellKey('requests', 'other_handling', c)] = fill;
}

/** Removes the cells whose key matches, as if the source did not have them (absent, not blank). */
export function dropCells(report: ReportDocument, drop: (key: string) => boolean): void {
  report.cells = Object.fromEntries(Object.entries(report.cells).filter(([key]) => !drop(key)));
}

/** Sets a Chinese section text. */
export function setSection(report: ReportDocument, key: SectionKey, zh: string): void {
  report.sections[key] = textIn('zh', zh);
}

/** The findings of one rule. */
export function ofRule(findings: readonly Finding[], rule: RuleId): Finding[] {
  return findings.filter((f) => f.rule === rule);
}

/** The rule ids of findings, in order, without repeats. */
export function ruleIds(findings: readonly Finding[]): RuleId[] {
  return [...new Set(findings.map((f) => f.rule))];
}
