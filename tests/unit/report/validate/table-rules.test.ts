import { describe, expect, it } from 'vitest';
import { validate } from '../../../../src/report/validate/index.ts';
import { collapseOtherHandling, ofRule, setRequestRow, zeroReport } from './helpers.ts';

describe('R1 row total', () => {
  it('passes when 总计 is the sum of the applicant columns', () => {
    const report = zeroReport('2021');
    setRequestRow(report, 'granted', [3, 1, 0, 0, 1, 0, 5]);
    expect(ofRule(validate(report), 'R1')).toEqual([]);
  });

  it('fails with the row cells, expected and actual', () => {
    const report = zeroReport('2021');
    setRequestRow(report, 'granted', [3, 1, 0, 0, 1, 0, 6]);
    const [finding, ...rest] = ofRule(validate(report), 'R1');
    expect(rest).toEqual([]);
    expect(finding?.severity).toBe('error');
    expect(finding?.params).toEqual({ cell: 'requests.granted.total', row: 'granted', expected: 5, actual: 6 });
    expect(finding?.cells).toContain('requests.granted.natural_person');
    expect(finding?.cells).toContain('requests.granted.total');
  });

  it('is skipped when a cell of the row is blank (M1 reports it instead)', () => {
    const report = zeroReport('2019');
    setRequestRow(report, 'granted', [3, 1, 0, 0, 1, 0, null]);
    const findings = validate(report);
    expect(ofRule(findings, 'R1')).toEqual([]);
    expect(ofRule(findings, 'M1')).toHaveLength(1);
  });
});

describe('R2 results total', () => {
  it('passes for 2019 with （六）其他处理 as one detail row', () => {
    const report = zeroReport('2019');
    setRequestRow(report, 'other_handling', [2, 0, 0, 0, 0, 0, 2]);
    setRequestRow(report, 'results_total', [2, 0, 0, 0, 0, 0, 2]);
    setRequestRow(report, 'new_received', [2, 0, 0, 0, 0, 0, 2]);
    expect(validate(report).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('fails per column when the detail rows do not add up', () => {
    const report = zeroReport('2021');
    setRequestRow(report, 'denied_3', [1, 0, 0, 0, 0, 0, 1]);
    const findings = ofRule(validate(report), 'R2');
    expect(findings.map((f) => f.params.column)).toEqual(['natural_person', 'total']);
    expect(findings[0]?.params).toMatchObject({ cell: 'requests.results_total.natural_person', expected: 1, actual: 0 });
    expect(findings[0]?.cells).toContain('requests.denied_3.natural_person');
  });

  it('sums the 2021 sub-rows of （六）', () => {
    const report = zeroReport('2021');
    setRequestRow(report, 'other_handling_2', [4, 0, 0, 0, 0, 0, 4]);
    expect(ofRule(validate(report), 'R2').map((f) => f.params.column)).toEqual(['natural_person', 'total']);
    setRequestRow(report, 'results_total', [4, 0, 0, 0, 0, 0, 4]);
    expect(ofRule(validate(report), 'R2')).toEqual([]);
  });

  it('sums the collapsed （六） row when a 2021 report prints only that (R6)', () => {
    const report = zeroReport('2021');
    collapseOtherHandling(report, 0);
    setRequestRow(report, 'other_handling', [4, 0, 0, 0, 0, 0, 4]);
    expect(ofRule(validate(report), 'R2')[0]?.cells).toContain('requests.other_handling.natural_person');
    setRequestRow(report, 'results_total', [4, 0, 0, 0, 0, 0, 4]);
    expect(ofRule(validate(report), 'R2')).toEqual([]);
  });
});

describe('R3 勾稽关系', () => {
  it('passes when received + carried = results + forward in every column', () => {
    const report = zeroReport('2021');
    setRequestRow(report, 'new_received', [3, 0, 0, 0, 0, 0, 3]);
    setRequestRow(report, 'carried_over', [1, 0, 0, 0, 0, 0, 1]);
    setRequestRow(report, 'granted', [2, 0, 0, 0, 0, 0, 2]);
    setRequestRow(report, 'results_total', [2, 0, 0, 0, 0, 0, 2]);
    setRequestRow(report, 'carry_forward', [2, 0, 0, 0, 0, 0, 2]);
    expect(validate(report).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('fails per column, including 总计', () => {
    const report = zeroReport('2021');
    setRequestRow(report, 'new_received', [0, 0, 7, 0, 0, 0, 7]);
    const findings = ofRule(validate(report), 'R3');
    expect(findings.map((f) => f.params)).toEqual([
      { column: 'research', left: 7, right: 0 },
      { column: 'total', left: 7, right: 0 },
    ]);
    expect(findings[0]?.cells).toEqual([
      'requests.new_received.research',
      'requests.carried_over.research',
      'requests.results_total.research',
      'requests.carry_forward.research',
    ]);
  });
});
