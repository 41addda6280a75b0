/**
 * Cross-year rules (report-format.md §4.3): this year t against the same agency's report for t−1.
 * They run only when `makeContext` kept the previous report (year t−1, same agency); blank or absent
 * cells on either side skip the comparison, as for the table rules (M1).
 */
import { cellKey } from '../templates/index.ts';
import { defineRule, num, same, type Issue, type RuleDef } from './context.ts';

/**
 * C1: per column, 二、上年结转_t = 四、结转下年度_{t−1}. It holds across the 2020→2021 template
 * switch because 三's first and last rows did not change (§4.3). Made an error like the table
 * arithmetic: both sides are hard table figures of the same unit.
 */
export const C1: RuleDef = defineRule({
  id: 'C1', severity: 'error', kind: 'cross-year', enforced: true, ref: '§4.3',
  check: ({ report, template, previous }) => {
    if (previous === undefined) return [];
    const issues: Issue[] = [];
    for (const column of template.requests.columns.map((c) => c.key)) {
      const cell = cellKey('requests', 'carried_over', column);
      const actual = num(report, cell);
      const expected = num(previous.report, cellKey('requests', 'carry_forward', column));
      if (actual === undefined || expected === undefined || same(actual, expected)) continue;
      issues.push({ cells: [cell], params: { cell, column, expected, actual, previousYear: previous.report.meta.year } });
    }
    return issues;
  },
});

/**
 * C2 (2021 template): 现行有效件数_t = 现行有效件数_{t−1} + 本年制发件数_t − 本年废止件数_t for 规章
 * and 行政规范性文件. De-facto rule, so a warning: revisions ("修改") can break it (§4.3).
 */
export const C2: RuleDef = defineRule({
  id: 'C2', severity: 'warning', kind: 'cross-year', enforced: true, ref: '§4.3',
  check: ({ report, template, previous }) => {
    if (previous === undefined || template.id !== '2021') return [];
    const issues: Issue[] = [];
    for (const row of ['rules', 'normative']) {
      const cell = cellKey('active', row, 'in_force');
      const actual = num(report, cell);
      const issued = num(report, cellKey('active', row, 'issued'));
      const repealed = num(report, cellKey('active', row, 'repealed'));
      // A 2019-template previous report has no 现行有效件数 cell, so this skips (§4.3: no mapping
      // from 对外公开总数量 to 现行有效件数).
      const before = num(previous.report, cell);
      if (actual === undefined || issued === undefined || repealed === undefined || before === undefined) continue;
      const expected = before + issued - repealed;
      if (same(actual, expected)) continue;
      issues.push({
        cells: [cell, cellKey('active', row, 'issued'), cellKey('active', row, 'repealed')],
        params: { cell, row, expected, actual, previousYear: previous.report.meta.year },
      });
    }
    return issues;
  },
});

/**
 * C3 (2019 template both years, items （五）（六）（八）): 上一年项目数量_t = 上一年项目数量_{t−1} +
 * 本年增/减_{t−1}; last year's end count is this year's start count (§4.3). Not yet seen verified on
 * real data, hence a warning.
 */
export const C3: RuleDef = defineRule({
  id: 'C3', severity: 'warning', kind: 'cross-year', enforced: true, ref: '§4.3',
  check: ({ report, template, previous }) => {
    if (previous === undefined || template.id !== '2019' || previous.template.id !== '2019') return [];
    const issues: Issue[] = [];
    for (const row of ['licensing', 'other_services', 'penalty', 'enforcement', 'fees']) {
      const cell = cellKey('active', row, 'previous');
      const actual = num(report, cell);
      const before = num(previous.report, cell);
      const change = num(previous.report, cellKey('active', row, 'change'));
      if (actual === undefined || before === undefined || change === undefined) continue;
      const expected = before + change;
      if (!same(actual, expected)) {
        issues.push({ cells: [cell], params: { cell, row, expected, actual, previousYear: previous.report.meta.year } });
      }
    }
    return issues;
  },
});

/**
 * C4 (2019 template, （一）, soft): 对外公开总数量 ≥ 本年新公开数量 within the year. The unofficial
 * "≈ last year's total + this year's" is not checked (§4.3). Needs no previous report, so it is
 * filed as plausibility and runs on every 2019 report.
 */
export const C4: RuleDef = defineRule({
  id: 'C4', severity: 'warning', kind: 'plausibility', enforced: true, ref: '§4.3',
  check: ({ report, template }) => {
    if (template.id !== '2019') return [];
    const issues: Issue[] = [];
    for (const row of ['rules', 'normative']) {
      const cell = cellKey('active', row, 'total');
      const total = num(report, cell);
      const published = num(report, cellKey('active', row, 'published'));
      if (total === undefined || published === undefined || total >= published) continue;
      issues.push({ cells: [cell, cellKey('active', row, 'published')], params: { cell, row, total, published } });
    }
    return issues;
  },
});

/**
 * C5: 四's 尚未审结 cases have no carry-over row, so no cross-year equality holds on table 四
 * (§4.3). Listed so the rule id is documented; it never reports anything.
 */
export const C5: RuleDef = defineRule({
  id: 'C5', severity: 'warning', kind: 'cross-year', enforced: false, ref: '§4.3',
  check: () => [],
});

/** The cross-year rules in report-format.md order. */
export const CROSS_YEAR_RULES: readonly RuleDef[] = [C1, C2, C3, C4, C5];
