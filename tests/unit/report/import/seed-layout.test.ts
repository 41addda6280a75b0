/**
 * Fixture (a): the seed's layout (one cell per line, TAB-prefixed, blank lines, lone-TAB spacer
 * cells, two-line header cells, `1、 总体情况`, `[bookmark: _GoBack]`, indented headings, the
 * "四个部分" intro, the contact block) with figures of our own; (i) the same report as an HTML
 * page and (j) as a Word file generated here: all three must import to the same report.
 */
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { importFile, reportOf } from '../../../../src/report/import/index.ts';
import { SECTION_KEYS } from '../../../../src/report/model.ts';
import { validate } from '../../../../src/report/validate/index.ts';
import { expectedCells, fixtureBytes, fixtureText, importFixture, paragraphs, rowValues } from './helpers.ts';
import { renderDocx } from './layout.ts';

const A = 'a-seed-layout-2019.txt';

/** Every non-zero row of fixture (a); all other cells are 0. */
const A_ROWS = {
  'active.normative': [3, 2, 9],
  'active.licensing': [12, 3, 45],
  'active.other_services': [4, -1, 20],
  'active.penalty': [6, 1, 7],
  'active.enforcement': [1, 0, 0],
  'active.fees': [2, 0],
  'active.procurement': [1, 8040],
  'requests.new_received': [5, 1, 0, 0, 0, 0, 6],
  'requests.carried_over': [1, 0, 0, 0, 0, 0, 1],
  'requests.granted': [2, 1, 0, 0, 0, 0, 3],
  'requests.partial': [1, 0, 0, 0, 0, 0, 1],
  'requests.denied_4': [1, 0, 0, 0, 0, 0, 1],
  'requests.unable_1': [1, 0, 0, 0, 0, 0, 1],
  'requests.results_total': [5, 1, 0, 0, 0, 0, 6],
  'requests.carry_forward': [1, 0, 0, 0, 0, 0, 1],
  'appeals.review': [1, 0, 0, 1, 2],
  'appeals.litigation_direct': [0, 1, 0, 0, 1],
} as const;

describe('fixture (a): seed layout, template 2019', () => {
  const result = importFixture(A);
  const { importReport } = result;
  const report = reportOf(result);

  it('keeps the seed layout quirks in the fixture itself', () => {
    const text = fixtureText(A);
    expect(text).toContain('\t本年新\n制作数量');
    expect(text).toMatch(/\n\t\n/u); // a lone-TAB spacer cell
    expect(text).toContain('\n1、 总体情况\n');
    expect(text).toContain('[bookmark: _GoBack]');
    expect(text).toContain('\n    三、收到和处理政府信息公开申请情况\n');
    expect(text).toContain('\u2002   2020年，哲古镇');
  });

  it('decides template 2019 from the table headers', () => {
    expect(importReport.template.id).toBe('2019');
    expect(importReport.template.decidedBy).toBe('headers');
    expect(importReport.template.evidence).toEqual(expect.arrayContaining(['本年新制作数量', '本年新公开数量', '上一年项目数量', '政府集中采购']));
  });

  it('reads agency, year, period, notice and the contact block', () => {
    expect(report.meta).toEqual({
      agency: { zh: '措美县哲古镇人民政府' },
      level: 'township',
      year: 2020,
      template: '2019',
      period: { start: '2020-01-01', end: '2020-12-31' },
      address: '措美县哲古镇',
      postcode: '856900',
      phone: '0893-7361025',
      website: 'http://www.cuomei.gov.cn',
      notice: '国办公开办函〔2019〕60号',
      declaredParts: 4,
    });
  });

  it('has exactly the 198 cells of the 2019 template with the printed figures', () => {
    expect(Object.keys(report.cells)).toHaveLength(198);
    expect(report.cells).toEqual(expectedCells('2019', A_ROWS));
    expect(rowValues(report, 'active', 'other_services')).toEqual([4, -1, 20]);
    expect(rowValues(report, 'requests', 'results_total')).toEqual([5, 1, 0, 0, 0, 0, 6]);
    expect(rowValues(report, 'appeals', 'review')).toEqual([1, 0, 0, 1, 2]);
    // A bare 8040 has no unit: none is invented.
    expect(report.units).toEqual({});
  });

  it('is complete, with the bookmark reported as a conversion artefact', () => {
    expect(result.complete).toBe(true);
    expect(importReport).toMatchObject({ format: 'txt', missingSections: [], missingTables: [], missingRows: [], unplaced: [], missingMeta: [], notes: [] });
    expect(importReport.skipped).toEqual([{ text: '[bookmark: _GoBack]', reason: 'conversion_artefact' }]);
  });

  it('keeps the prose of all six sections intact', () => {
    expect(Object.keys(report.sections)).toEqual([...SECTION_KEYS]);
    const overview = paragraphs(report, 'overview');
    expect(overview).toHaveLength(4);
    expect(overview[0]).toMatch(/^2020年，哲古镇在县委、县政府的领导下/u);
    expect(overview[1]).toContain('全年通过公开栏和微信工作群主动公开政府信息326条');
    expect(overview[3]).toContain('印发宣传材料200余份');
    expect(paragraphs(report, 'active')).toEqual([]);
    expect(paragraphs(report, 'requests')).toEqual([]);
    expect(paragraphs(report, 'appeals')).toEqual([]);
    const problems = paragraphs(report, 'problems');
    expect(problems).toHaveLength(6);
    expect(problems[0]).toBe('（一）存在的主要问题');
    expect(problems[5]).toBe('2.拓展公开渠道。在各村（居）增设电子显示屏，把重要信息同步推送到牧民微信群。');
    expect(report.sections.other?.zh).toBe('本年度无其他需要报告的事项。');
    const preamble = (report.preamble?.zh ?? '').split('\n');
    expect(preamble).toHaveLength(2);
    expect(preamble[0]).toMatch(/^依据《中华人民共和国政府信息公开条例》/u);
    expect(preamble[1]).toContain('以上四个部分组成');
  });

  it('validates with no errors and the X4 warning for "四个部分"', () => {
    const findings = validate(report);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.map((f) => f.rule)).toEqual(['X4']);
    expect(findings[0]?.params).toMatchObject({ declared: 4, actual: 6 });
  });
});

describe('fixture (i): the same report as an HTML page', () => {
  it('uses real table markup: colspan, rowspan, <br> in header cells, &nbsp; blanks, group headers with rowspan', () => {
    const html = fixtureText('i-seed-report-2019.html');
    expect(html).toContain('<td>本年新<br>制作数量</td>');
    expect(html).toContain('<td rowspan="20">三、本年度办理结果</td>');
    expect(html).toContain('<td rowspan="8">（三）不予公开</td>');
    expect(html).toContain('colspan="3" rowspan="3">（本列数据的勾稽关系为');
    expect(html).toContain('<td>&nbsp;</td>');
  });

  it('imports to the same cells, units, meta and prose as (a)', async () => {
    const a = importFixture(A);
    const i = await importFile(fixtureBytes('i-seed-report-2019.html'), 'i-seed-report-2019.html');
    expect(i.importReport.format).toBe('html');
    expect(i.importReport.template).toEqual(a.importReport.template);
    expect(i.report.cells).toEqual(a.report.cells);
    expect(i.report.units).toEqual(a.report.units);
    expect(i.report.meta).toEqual(a.report.meta);
    expect(i.report.sections).toEqual(a.report.sections);
    expect(i.report.preamble).toEqual(a.report.preamble);
    expect(i.complete).toBe(true);
    // The HTML has no bookmark and its breadcrumb sits in <nav>, which is never read.
    expect(i.importReport.skipped).toEqual([]);
  });
});

describe('fixture (j): the same report as a Word file with merged cells', () => {
  it('builds real Word tables: horizontal and vertical merges survive as colspan/rowspan', async () => {
    const bytes = await renderDocx(reportOf(importFixture(A)));
    const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    expect(html).toContain('rowspan="20"');
    expect(html).toContain('rowspan="8"');
    expect(html).toContain('colspan="3"');
    expect(html).toContain('colspan="10"');
  });

  it('imports to the same cells, units, meta and prose as (a)', async () => {
    const a = importFixture(A);
    const j = await importFile(await renderDocx(reportOf(a)), 'cuomei-zhegu-2020.docx');
    expect(j.importReport.format).toBe('docx');
    expect(j.importReport.template).toEqual(a.importReport.template);
    expect(j.report.cells).toEqual(a.report.cells);
    expect(j.report.units).toEqual(a.report.units);
    expect(j.report.meta).toEqual(a.report.meta);
    expect(j.report.sections).toEqual(a.report.sections);
    expect(j.report.preamble).toEqual(a.report.preamble);
    expect(j.complete).toBe(true);
  });
});
