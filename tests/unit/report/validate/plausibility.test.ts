import { describe, expect, it } from 'vitest';
import { validate } from '../../../../src/report/validate/index.ts';
import { ofRule, zeroReport } from './helpers.ts';

describe('D1 规章 only for city/region governments', () => {
  it('passes for a city government with 规章, and for a township with 0', () => {
    const city = zeroReport('2021', { level: 'city' });
    Object.assign(city.cells, { 'active.rules.issued': 1, 'active.rules.in_force': 11 });
    expect(ofRule(validate(city), 'D1')).toEqual([]);
    expect(ofRule(validate(zeroReport('2019', { level: 'township' })), 'D1')).toEqual([]);
  });

  it('warns for a township, county or department with 规章 > 0, listing those cells', () => {
    for (const level of ['township', 'county', 'department'] as const) {
      const report = zeroReport('2019', { level });
      Object.assign(report.cells, { 'active.rules.made': 2, 'active.rules.total': 2 });
      const [finding, ...rest] = ofRule(validate(report), 'D1');
      expect(rest).toEqual([]);
      expect(finding?.cells).toEqual(['active.rules.made', 'active.rules.total']);
      expect(finding?.params).toEqual({ level });
      expect(finding?.severity).toBe('warning');
    }
  });
});

describe('D2 (not enforced): 新公开 may exceed or trail 新制作', () => {
  it('never fires, on either side of the naive inequality (corpus 17: 34 made / 4 published)', () => {
    const report = zeroReport('2019');
    Object.assign(report.cells, { 'active.normative.made': 34, 'active.normative.published': 4, 'active.normative.total': 47 });
    Object.assign(report.cells, { 'active.rules.made': 0, 'active.rules.published': 3, 'active.rules.total': 3 });
    report.meta.level = 'city';
    expect(validate(report)).toEqual([]);
  });
});

describe('D3 cited notice', () => {
  it('passes for the right notice, a provincial forwarding notice or a garbled number', () => {
    const cases: [number, string][] = [
      [2020, '国办公开办函〔2019〕60号'],
      [2023, '国办公开办函〔2021〕30号'],
      [2020, '藏公开发函〔2019〕13号'],
      [2021, '国办公开办函〔202130号'],
    ];
    for (const [year, notice] of cases) {
      const report = zeroReport(year <= 2020 ? '2019' : '2021', { year });
      report.meta.notice = notice;
      expect(ofRule(validate(report), 'D3')).toEqual([]);
    }
  });

  it('warns for the 2019 notice on a 2021+ report and the 2021 notice on a 2020 report', () => {
    const late = zeroReport('2021', { year: 2023 });
    late.meta.notice = '国办公开办函[2019]60号';
    expect(ofRule(validate(late), 'D3').map((f) => f.params)).toEqual([
      { notice: '国办公开办函[2019]60号', expected: '国办公开办函〔2021〕30号', year: 2023 },
    ]);
    const early = zeroReport('2019', { year: 2020 });
    early.meta.notice = '国办公开办函（2021）30号';
    expect(ofRule(validate(early), 'D3')).toHaveLength(1);
  });
});

describe('D4 publication deadline', () => {
  it('passes on time (township by 31 Jan, county government by 31 Mar)', () => {
    const township = zeroReport('2021', { year: 2023, level: 'township' });
    township.meta.publishedOn = '2024-01-23';
    expect(ofRule(validate(township), 'D4')).toEqual([]);
    const county = zeroReport('2021', { year: 2023, level: 'county' });
    county.meta.publishedOn = '2024-03-31';
    expect(ofRule(validate(county), 'D4')).toEqual([]);
  });

  it('warns when late (国资委 2020 published 2021-04-09)', () => {
    const department = zeroReport('2019', { year: 2020, level: 'department' });
    department.meta.publishedOn = '2021-04-09T17:05:00';
    expect(ofRule(validate(department), 'D4').map((f) => f.params)).toEqual([
      { publishedOn: '2021-04-09', deadline: '2021-01-31' },
    ]);
    const region = zeroReport('2019', { year: 2020, level: 'region' });
    region.meta.publishedOn = '2021-04-01';
    expect(ofRule(validate(region), 'D4')).toHaveLength(1);
  });
});
