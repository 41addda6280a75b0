/**
 * M1 (report-format.md §4 preamble, §7.5, §9): a cell printed blank is "not filled", which is not
 * 0. It is reported once per row as a warning; the arithmetic rules skip it instead of reporting a
 * wrong total. A cell the source does not have at all (absent key) is not reported.
 */
import { defineRule, type Issue, type RuleDef } from './context.ts';
import { printableRows } from './layout.ts';

/** M1: blank cells, one finding per row listing them. */
export const M1: RuleDef = defineRule({
  id: 'M1',
  severity: 'warning',
  kind: 'blank',
  enforced: true,
  ref: '§4',
  check: ({ report, template }) => {
    const issues: Issue[] = [];
    for (const { row, cells } of printableRows(template)) {
      const blank = cells.filter((key) => key in report.cells && report.cells[key] === null);
      if (blank.length > 0) issues.push({ cells: blank, params: { row, count: blank.length } });
    }
    return issues;
  },
});
