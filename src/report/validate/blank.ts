/**
 * M1 (report-format.md §4 preamble, §7.5, §9): a cell printed blank is "not filled", which is not
 * 0. It is reported once per row as a warning; the arithmetic rules skip it instead of reporting a
 * wrong total. A cell the source does not have at all (absent key) is not reported.
 */
import { defineRule, type Issue, type RuleDef } from './context.ts';
import { everyRow } from '../tables/index.ts';

/** M1: blank cells, one finding per row listing them. */
export const M1: RuleDef = defineRule({
  id: 'M1',
  severity: 'warning',
  kind: 'blank',
  enforced: true,
  ref: '§4',
  check: ({ report, template }) => {
    const issues: Issue[] = [];
    for (const row of everyRow(template)) {
      const blank = row.cells.flatMap((c) => (c !== null && c.key in report.cells && report.cells[c.key] === null ? [c.key] : []));
      if (blank.length > 0) issues.push({ cells: blank, params: { row: row.id, count: blank.length } });
    }
    return issues;
  },
});
