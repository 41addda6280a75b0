import { describe, expect, it } from 'vitest';
import { validate } from '../../../../src/report/validate/index.ts';
import { collapseOtherHandling, ofRule, setAppealGroup, setRequestRow, zeroReport } from './helpers.ts';

describe('R4 appeals totals', () => {
  it('passes when 总计 = 维持 + 纠正 + 其他 + 尚未审结', () => {
    const report = zeroReport('2021');
    setAppealGroup(report, 'review', [72, 64, 178, 37, 351]);
    expect(ofRule(validate(report), 'R4')).toEqual([]);
  });

  it('fails like corpus 03 (复议 10+1 with 总计 0)', () => {
    const report = zeroReport('2021');
    setAppealGroup(report, 'review', [10, 1, 0, 0, 0]);
    setAppealGroup(report, 'litigation_after_review', [5, 0, 0, 0, 0]);
    const findings = ofRule(validate(report), 'R4');
    expect(findings.map((f) => [f.params.group, f.params.expected, f.params.actual])).toEqual([
      ['review', 11, 0],
      ['litigation_after_review', 5, 0],
    ]);
    expect(findings[0]?.severity).toBe('error');
  });
});

describe('R5 domain', () => {
  it('accepts a negative 2019 本年增/减 and decimal money', () => {
    const report = zeroReport('2019');
    report.cells['active.licensing.change'] = -8;
    report.cells['active.procurement.amount'] = 251000.5;
    expect(ofRule(validate(report), 'R5')).toEqual([]);
    const r2021 = zeroReport('2021');
    r2021.cells['active.fees.amount'] = 96171.6;
    expect(ofRule(validate(r2021), 'R5')).toEqual([]);
  });

  it('rejects negative or fractional counts, fractional 增/减, negative money and NaN', () => {
    const report = zeroReport('2019');
    report.cells['active.rules.made'] = -1;
    report.cells['active.licensing.change'] = 1.5;
    report.cells['active.procurement.amount'] = -3;
    report.cells['requests.granted.research'] = 0.5;
    report.cells['appeals.review.upheld'] = Number.NaN;
    const findings = ofRule(validate(report), 'R5');
    expect(findings.map((f) => f.params.cell)).toEqual([
      'active.rules.made',
      'active.licensing.change',
      'active.procurement.amount',
      'requests.granted.research',
      'appeals.review.upheld',
    ]);
    expect(findings.every((f) => f.severity === 'error')).toBe(true);
    expect(findings[1]?.params.kind).toBe('signed');
  });
});

describe('R6 collapsed （六） vs sub-rows', () => {
  it('does not flag a 2021 report that prints only the collapsed row (corpus 03/04)', () => {
    const report = zeroReport('2021');
    collapseOtherHandling(report, 0);
    expect(validate(report)).toEqual([]);
  });

  it('passes when both are present and agree', () => {
    const report = zeroReport('2021');
    report.cells['requests.other_handling.natural_person'] = 0;
    for (const c of ['commercial', 'research', 'social_welfare', 'legal_service', 'other_org', 'total']) {
      report.cells[`requests.other_handling.${c}`] = 0;
    }
    expect(ofRule(validate(report), 'R6')).toEqual([]);
  });

  it('fails when both are present and disagree', () => {
    const report = zeroReport('2021');
    setRequestRow(report, 'other_handling_1', [1, 0, 0, 0, 0, 0, 1]);
    setRequestRow(report, 'other_handling_3', [2, 0, 0, 0, 0, 0, 2]);
    setRequestRow(report, 'other_handling', [2, 0, 0, 0, 0, 0, 2]);
    setRequestRow(report, 'results_total', [2, 0, 0, 0, 0, 0, 2]);
    setRequestRow(report, 'new_received', [2, 0, 0, 0, 0, 0, 2]);
    const findings = validate(report);
    expect(ofRule(findings, 'R6').map((f) => f.params)).toEqual([
      { cell: 'requests.other_handling.natural_person', column: 'natural_person', expected: 3, actual: 2 },
      { cell: 'requests.other_handling.total', column: 'total', expected: 3, actual: 2 },
    ]);
    // R2 sums the collapsed row, which agrees with （七）; only R6 reports the mismatch.
    expect(ofRule(findings, 'R2')).toEqual([]);
  });
});
