import { sameAgency } from '../../../../src/report/validate/context.ts';
import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../../../src/report/model.ts';
import { validate } from '../../../../src/report/validate/index.ts';
import { ofRule, setAppealGroup, setRequestRow, zeroReport } from './helpers.ts';

/** Last year's report with 3 cases carried forward (natural persons), and this year's. */
function pair(template: '2019' | '2021' = '2021'): { previous: ReportDocument; report: ReportDocument } {
  const year = template === '2019' ? 2020 : 2024;
  const previous = zeroReport(template, { year: year - 1 });
  setRequestRow(previous, 'new_received', [3, 0, 0, 0, 0, 0, 3]);
  setRequestRow(previous, 'carry_forward', [3, 0, 0, 0, 0, 0, 3]);
  const report = zeroReport(template, { year });
  setRequestRow(report, 'carried_over', [3, 0, 0, 0, 0, 0, 3]);
  setRequestRow(report, 'granted', [3, 0, 0, 0, 0, 0, 3]);
  setRequestRow(report, 'results_total', [3, 0, 0, 0, 0, 0, 3]);
  return { previous, report };
}

describe('C1 carried over = last year carried forward', () => {
  it('passes on a matching pair, also across the 2020→2021 template switch', () => {
    const { previous, report } = pair();
    expect(validate(report, { previous })).toEqual([]);
    const p2020 = pair('2019').previous;
    const r2021 = pair('2021').report;
    p2020.meta.year = 2020;
    r2021.meta.year = 2021;
    expect(ofRule(validate(r2021, { previous: p2020 }), 'C1')).toEqual([]);
  });

  it('fails per column as an error', () => {
    const { previous, report } = pair();
    setRequestRow(previous, 'carry_forward', [2, 1, 0, 0, 0, 0, 3]);
    setRequestRow(previous, 'new_received', [2, 1, 0, 0, 0, 0, 3]);
    const findings = ofRule(validate(report, { previous }), 'C1');
    expect(findings.map((f) => f.params)).toEqual([
      { cell: 'requests.carried_over.natural_person', column: 'natural_person', expected: 2, actual: 3, previousYear: 2023 },
      { cell: 'requests.carried_over.commercial', column: 'commercial', expected: 1, actual: 0, previousYear: 2023 },
    ]);
    expect(findings[0]?.severity).toBe('error');
  });

  it('runs only for the same agency and year t−1', () => {
    const { previous, report } = pair();
    setRequestRow(previous, 'carry_forward', [0, 0, 0, 0, 0, 0, 0]);
    expect(ofRule(validate(report, { previous }), 'C1')).toHaveLength(2);
    expect(ofRule(validate(report), 'C1')).toEqual([]);
    expect(ofRule(validate(report, { previous: { ...previous, meta: { ...previous.meta, year: 2022 } } }), 'C1')).toEqual([]);
    const other = { ...previous, meta: { ...previous.meta, agency: { zh: '另一县人民政府' } } };
    expect(ofRule(validate(report, { previous: other }), 'C1')).toEqual([]);
    const spaced = { ...previous, meta: { ...previous.meta, agency: { zh: ' 测试县人民政府 ' } } };
    expect(ofRule(validate(report, { previous: spaced }), 'C1')).toHaveLength(2);
    const prefixed = { ...previous, meta: { ...previous.meta, agency: { zh: '某市测试县人民政府' } } };
    expect(ofRule(validate(report, { previous: prefixed }), 'C1')).toHaveLength(2);
  });

  it('matches agency names with and without the parent division, nothing looser', () => {
    expect(sameAgency('洪泽区人民政府', '淮安市洪泽区人民政府')).toBe(true);
    expect(sameAgency('淮安市 洪泽区人民政府', '淮安市洪泽区人民政府')).toBe(true);
    expect(sameAgency('人民政府', '淮安市洪泽区人民政府')).toBe(false);
    expect(sameAgency('泽区人民政府', '淮安市洪泽区人民政府')).toBe(false);
    expect(sameAgency('政府', '淮安市洪泽区人民政府')).toBe(false);
    expect(sameAgency('洪泽区人民政府', '淮阴区人民政府')).toBe(false);
    expect(sameAgency('', '')).toBe(false);
  });
});

describe('C2 现行有效件数 carries over (2021)', () => {
  it('passes like 洪泽 2023→2024 (5 + 3 − 0 = 8)', () => {
    const { previous, report } = pair();
    previous.cells['active.normative.in_force'] = 5;
    Object.assign(report.cells, { 'active.normative.issued': 3, 'active.normative.repealed': 0, 'active.normative.in_force': 8 });
    expect(ofRule(validate(report, { previous }), 'C2')).toEqual([]);
  });

  it('warns when the count does not carry over', () => {
    const { previous, report } = pair();
    previous.cells['active.rules.in_force'] = 13;
    Object.assign(report.cells, { 'active.rules.issued': 5, 'active.rules.repealed': 4, 'active.rules.in_force': 13 });
    const [finding] = ofRule(validate(report, { previous }), 'C2');
    expect(finding?.severity).toBe('warning');
    expect(finding?.params).toMatchObject({ cell: 'active.rules.in_force', expected: 14, actual: 13 });
  });

  it('is skipped when last year used the 2019 template (no mapping from 对外公开总数量)', () => {
    const previous = zeroReport('2019', { year: 2020 });
    previous.cells['active.normative.total'] = 40;
    const report = zeroReport('2021', { year: 2021 });
    report.cells['active.normative.in_force'] = 3;
    expect(ofRule(validate(report, { previous }), 'C2')).toEqual([]);
  });
});

describe('C3 上一年项目数量 = last year + last year 增/减 (2019)', () => {
  it('passes and fails', () => {
    const previous = zeroReport('2019', { year: 2019 });
    Object.assign(previous.cells, { 'active.licensing.previous': 20, 'active.licensing.change': -8 });
    const report = zeroReport('2019', { year: 2020 });
    report.cells['active.licensing.previous'] = 12;
    expect(ofRule(validate(report, { previous }), 'C3')).toEqual([]);
    report.cells['active.licensing.previous'] = 20;
    const [finding] = ofRule(validate(report, { previous }), 'C3');
    expect(finding?.params).toMatchObject({ cell: 'active.licensing.previous', expected: 12, actual: 20 });
    expect(finding?.severity).toBe('warning');
  });
});

describe('C4 对外公开总数量 ≥ 本年新公开数量 (2019)', () => {
  it('passes when the total covers this year', () => {
    const report = zeroReport('2019');
    Object.assign(report.cells, { 'active.normative.made': 34, 'active.normative.published': 4, 'active.normative.total': 47 });
    expect(ofRule(validate(report), 'C4')).toEqual([]);
  });

  it('warns when the total is below this year, without needing last year', () => {
    const report = zeroReport('2019');
    Object.assign(report.cells, { 'active.normative.published': 11, 'active.normative.total': 2 });
    const [finding] = ofRule(validate(report), 'C4');
    expect(finding?.params).toEqual({ cell: 'active.normative.total', row: 'normative', total: 2, published: 11 });
  });
});

describe('C5 (not enforced): no cross-year equality on table 四', () => {
  it('never fires, even when 尚未审结 last year differs from everything this year', () => {
    const { previous, report } = pair();
    setAppealGroup(previous, 'review', [1, 0, 0, 6, 7]);
    setAppealGroup(previous, 'litigation_direct', [0, 0, 0, 3, 3]);
    setAppealGroup(report, 'review', [2, 0, 0, 0, 2]);
    const findings = validate(report, { previous });
    expect(ofRule(findings, 'C5')).toEqual([]);
    expect(findings).toEqual([]);
  });
});
