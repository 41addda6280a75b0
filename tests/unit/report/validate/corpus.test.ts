/**
 * Known outcomes on the real reports (report-format.md §4.6, corpus/README.md). The tables are
 * fixtures (corpus-data.ts); the prose is read from ../shared/corpus.
 */
import { describe, expect, it } from 'vitest';
import { textIn } from '../../../../src/report/factory.ts';
import type { AdminLevel, ReportDocument, SectionKey } from '../../../../src/report/model.ts';
import { SECTION_KEYS } from '../../../../src/report/model.ts';
import { validate } from '../../../../src/report/validate/index.ts';
import { HONGZE_2023, HONGZE_2024, HUAIAN_2024, type CorpusTables } from './corpus-data.ts';
import { readSharedText } from '../../../support/shared.ts';
import { dropCells, setAppeals, setRequestTable, zeroReport } from './helpers.ts';


const HEADINGS: Record<SectionKey, RegExp> = {
  overview: /^\s*(一|1)、\s*总体情况/,
  active: /^\s*二、主动公开/,
  requests: /^\s*三、收到和处理/,
  appeals: /^\s*四、政府信息公开行政复议/,
  problems: /^\s*五、(政府信息公开工作)?存在的主要问题/,
  other: /^\s*六、其他需要报告/,
};

/** Preamble and section texts of a corpus file, without source comments and PDF page markers. */
function readProse(file: string): { preamble: string; sections: Partial<Record<SectionKey, string>> } {
  const lines = readSharedText(`corpus/${file}`)
    .split('\n')
    .filter((l) => !l.startsWith('# ') && !/^--- page \d+ ---$/.test(l) && !/^- \d+ -$/.test(l));
  const sections: Partial<Record<SectionKey, string>> = {};
  let current: SectionKey | 'preamble' = 'preamble';
  const preamble: string[] = [];
  const bodies: Partial<Record<SectionKey, string[]>> = {};
  for (const line of lines) {
    const heading = SECTION_KEYS.find((k) => HEADINGS[k].test(line) && bodies[k] === undefined);
    if (heading !== undefined) {
      current = heading;
      bodies[heading] = [];
    } else if (current === 'preamble') preamble.push(line);
    else bodies[current]?.push(line);
  }
  for (const key of SECTION_KEYS) {
    const body = bodies[key];
    if (body !== undefined) sections[key] = body.join('\n');
  }
  return { preamble: preamble.join('\n'), sections };
}

function tableReport(data: CorpusTables, year: number, agency: string, level: AdminLevel = 'county'): ReportDocument {
  const report = zeroReport('2021', { year, agency, level });
  setRequestTable(report, data.requests);
  setAppeals(report, data.appeals);
  for (const [key, value] of Object.entries(data.active)) report.cells[`active.${key}`] = value;
  return report;
}

function withProse(report: ReportDocument, file: string): ReportDocument {
  const prose = readProse(file);
  report.preamble = textIn('zh', prose.preamble);
  for (const [key, text] of Object.entries(prose.sections) as [SectionKey, string][]) report.sections[key] = textIn('zh', text);
  return report;
}

const huaian = (): ReportDocument => tableReport(HUAIAN_2024, 2024, '淮安市人民政府', 'city');
// The two Hongze reports name the agency differently, as published (洪泽区人民政府 /
// 淮安市洪泽区人民政府): the cross-year rules must still see them as the same body.
const hongze2023 = (): ReportDocument => tableReport(HONGZE_2023, 2023, '洪泽区人民政府');
const hongze2024 = (): ReportDocument => tableReport(HONGZE_2024, 2024, '淮安市洪泽区人民政府');

describe('corpus tables (§4.6)', () => {
  it('02 淮安 2024 passes R1–R6', () => {
    expect(validate(huaian())).toEqual([]);
  });

  it('03 洪泽 2023 fails R4 for 复议 (10+1≠0) and 复议后起诉 (5≠0), and nothing else', () => {
    const findings = validate(hongze2023());
    expect(findings.map((f) => [f.rule, f.params.group])).toEqual([
      ['R4', 'review'],
      ['R4', 'litigation_after_review'],
    ]);
  });

  it('04 洪泽 2024 passes, and C1/C2 hold against 03', () => {
    expect(validate(hongze2024(), { previous: hongze2023() })).toEqual([]);
    // The rules did run: breaking this year's carry-over or in-force count is caught against 03.
    const broken = hongze2024();
    broken.cells['requests.carried_over.natural_person'] = 1;
    broken.cells['requests.carried_over.total'] = 1;
    broken.cells['active.normative.in_force'] = 9;
    const rules = validate(broken, { previous: hongze2023() }).map((f) => f.rule);
    expect(rules).toContain('C1');
    expect(rules).toContain('C2');
  });
});

describe('corpus prose (X1 and friends)', () => {
  it('02: the overview satisfies X1; the whole report has no finding', () => {
    expect(validate(withProse(huaian(), HUAIAN_2024.file))).toEqual([]);
  });

  it('04: X1 for 受理17件 vs 新收 95, and nothing else', () => {
    const findings = validate(withProse(hongze2024(), HONGZE_2024.file), { previous: hongze2023() });
    expect(findings.map((f) => [f.rule, f.params.quoted, f.params.expected])).toEqual([['X1', 17, 95]]);
  });

  it('03: prose agrees with the tables (受理21件); only the published R4 errors remain', () => {
    const findings = validate(withProse(hongze2023(), HONGZE_2023.file));
    expect(findings.map((f) => f.rule)).toEqual(['R4', 'R4']);
  });

  it('06 国资委 2020: X1 for 规范性文件 2 vs 11, X3 for 19 vs 35, late publication, blank cells', () => {
    const report = zeroReport('2019', { year: 2020, agency: '西藏自治区政府国资委', level: 'department' });
    dropCells(report, (key) => !/^active\.(rules|normative)\./.test(key));
    Object.assign(report.cells, { 'active.rules.made': null, 'active.rules.published': null, 'active.rules.total': null });
    Object.assign(report.cells, { 'active.normative.made': 11, 'active.normative.published': null, 'active.normative.total': null });
    report.meta.publishedOn = '2021-04-09';
    report.meta.notice = '国办公开办函〔2019〕60号';
    const findings = validate(withProse(report, '06_xizang_sasac_2020_partial.txt'));
    expect(findings.map((f) => f.rule)).toEqual(['X1', 'X3', 'D4', 'M1', 'M1']);
    expect(findings[0]?.params).toMatchObject({ figure: 'normative', quoted: 2, expected: 11 });
    expect(findings[1]?.params).toMatchObject({ whole: 19, part: 35 });
  });

  it('seed 倾多镇 2020: all zeros, no X1 (893条, 30余条), X4 for 四个部分', () => {
    const report = zeroReport('2019', { year: 2020, agency: '波密县倾多镇人民政府', level: 'township' });
    report.meta.declaredParts = 4;
    report.meta.period = { start: '2020-01-01', end: '2020-12-31' };
    report.meta.notice = '国办公开办函〔2019〕60号';
    const findings = validate(withProse(report, '000_bb513833b144f186.txt'));
    expect(Object.keys(report.sections)).toHaveLength(6);
    expect(findings.map((f) => f.rule)).toEqual(['X4']);
  });
});
