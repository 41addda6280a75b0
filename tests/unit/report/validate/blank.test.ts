import { describe, expect, it } from 'vitest';
import { blankReport } from '../../../../src/report/factory.ts';
import { validate } from '../../../../src/report/validate/index.ts';
import { dropCells, ofRule, setAppealGroup, setRequestRow, zeroReport } from './helpers.ts';

describe('M1 blank cells', () => {
  it('reports nothing when every printed cell is filled', () => {
    expect(ofRule(validate(zeroReport('2019')), 'M1')).toEqual([]);
  });

  it('reports one warning per row, listing its blank cells in column order', () => {
    const report = zeroReport('2021');
    setRequestRow(report, 'granted', [272, null, 0, 0, null, 0, null]);
    report.cells['active.normative.in_force'] = null;
    const findings = ofRule(validate(report), 'M1');
    expect(findings.map((f) => f.params)).toEqual([
      { row: 'active.normative', count: 1 },
      { row: 'requests.granted', count: 3 },
    ]);
    expect(findings[1]?.cells).toEqual([
      'requests.granted.commercial',
      'requests.granted.legal_service',
      'requests.granted.total',
    ]);
    expect(findings.every((f) => f.severity === 'warning')).toBe(true);
  });

  it('never turns a blank total into a wrong total (corpus 01: 19 row totals blank)', () => {
    const report = zeroReport('2019');
    // Filled cells balance (859 + 18 = 805 + 72), but 总计 of the 予以公开 row is blank.
    setRequestRow(report, 'new_received', [859, 0, 0, 0, 0, 0, 859]);
    setRequestRow(report, 'carried_over', [18, 0, 0, 0, 0, 0, 18]);
    setRequestRow(report, 'granted', [805, 0, 0, 0, 0, 0, null]);
    setRequestRow(report, 'results_total', [805, 0, 0, 0, 0, 0, null]);
    setRequestRow(report, 'carry_forward', [72, 0, 0, 0, 0, 0, 72]);
    setAppealGroup(report, 'review', [5, 2, 0, 0, 7]);
    const findings = validate(report);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(ofRule(findings, 'M1').map((f) => f.params.row)).toEqual(['requests.granted', 'requests.results_total']);
  });

  it('reports absent cells (table not in the source) as nothing', () => {
    const report = zeroReport('2019');
    dropCells(report, (key) => key.startsWith('active.'));
    expect(validate(report)).toEqual([]);
  });

  it('a brand-new draft (all blank) has only M1 warnings', () => {
    const report = blankReport({ id: 'd', template: '2021', year: 2023, agencyZh: '某乡人民政府', level: 'township' });
    const findings = validate(report);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.rule === 'M1')).toBe(true);
  });
});
