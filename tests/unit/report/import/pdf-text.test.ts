/**
 * PDF-extracted text (corpus 02–04): (c) a 2021 report with page furniture inside the tables,
 * vertical and spaced headers, `1、` numbering, labels wrapped over lines with their numbers on
 * the next line, （四）无 / 法提供 split by a page break, 四 on one line, the 其他法律行政止公开 typo
 * and 7730.28 万元; (d) the same layout printing a single 2019-style （六）其他处理 row.
 */
import { describe, expect, it } from 'vitest';
import { importText, reportOf } from '../../../../src/report/import/index.ts';
import { validate } from '../../../../src/report/validate/index.ts';
import { expectedCells, fixtureText, importFixture, paragraphs, rowValues, skippedText } from './helpers.ts';

const C = 'c-pdf-text-2021.txt';
const D = 'd-pdf-text-collapsed-2023.txt';

const C_ROWS = {
  'active.normative': [4, 1, 12],
  'active.licensing': [1364],
  'active.penalty': [212],
  'active.enforcement': [9],
  'active.fees': [7730.28],
  'requests.new_received': [61, 5, 0, 1, 2, 1, 70],
  'requests.carried_over': [3, 0, 0, 0, 0, 0, 3],
  'requests.granted': [30, 2, 0, 1, 1, 0, 34],
  'requests.partial': [6, 1, 0, 0, 0, 0, 7],
  'requests.denied_2': [2, 0, 0, 0, 0, 0, 2],
  'requests.denied_3': [1, 0, 0, 0, 0, 0, 1],
  'requests.denied_4': [1, 0, 0, 0, 0, 0, 1],
  'requests.unable_1': [12, 1, 0, 0, 1, 0, 14],
  'requests.unable_2': [3, 0, 0, 0, 0, 0, 3],
  'requests.unable_3': [1, 0, 0, 0, 0, 0, 1],
  'requests.not_processed_1': [2, 0, 0, 0, 0, 0, 2],
  'requests.not_processed_2': [1, 0, 0, 0, 0, 0, 1],
  'requests.other_handling_1': [2, 1, 0, 0, 0, 0, 3],
  'requests.other_handling_3': [1, 0, 0, 0, 0, 1, 2],
  'requests.results_total': [62, 5, 0, 1, 2, 1, 71],
  'requests.carry_forward': [2, 0, 0, 0, 0, 0, 2],
  'appeals.review': [3, 1, 2, 0, 6],
  'appeals.litigation_direct': [1, 0, 1, 0, 2],
  'appeals.litigation_after_review': [0, 0, 0, 1, 1],
} as const;

describe('fixture (c): PDF text of a 2021 report', () => {
  const result = importFixture(C);
  const { importReport } = result;
  const report = reportOf(result);

  it('has the PDF artefacts in the fixture', () => {
    const text = fixtureText(C);
    expect(text).toContain('总计商 业 企\n业\n');
    expect(text).toContain('三、\n本\n年\n度\n办\n理\n结\n果\n');
    expect(text).toContain('（四）无 1、本机关不掌握相关政府信息 12 1 0 0 1 0 14\n--- page 4 ---\n- 4 -\n法提供 2、');
    expect(text).toContain('息公开申请\n2 1 0 0 0 0 3\n');
    expect(text).toContain('\n3 1 2 0 6 1 0 1 0 2 0 0 0 1 1\n');
    expect(text).toContain('2、其他法律行政止公开');
  });

  it('decides template 2021 from the headers', () => {
    expect(importReport.template.id).toBe('2021');
    expect(importReport.template.decidedBy).toBe('headers');
    expect(importReport.template.evidence).toEqual(expect.arrayContaining(['本年制发件数', '本年收费金额', '申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请']));
  });

  it('reads the title split over two lines and the wrapped, spaced contact block', () => {
    expect(report.meta).toEqual({
      agency: { zh: '桑日县人民政府' },
      level: 'county',
      year: 2022,
      template: '2021',
      period: { start: '2022-01-01', end: '2022-12-31' },
      address: '桑日县雅砻大道8号',
      postcode: '856200',
      phone: '0893-7341026',
      email: 'srxzfbgs@163.com',
    });
    expect(importReport.missingMeta).toEqual(['website']);
  });

  it('has exactly the 200 cells of the 2021 template with the printed figures', () => {
    expect(Object.keys(report.cells)).toHaveLength(200);
    expect(report.cells).toEqual(expectedCells('2021', C_ROWS));
    expect(rowValues(report, 'requests', 'denied_2')).toEqual([2, 0, 0, 0, 0, 0, 2]); // typo label
    expect(rowValues(report, 'requests', 'unable_2')).toEqual([3, 0, 0, 0, 0, 0, 3]); // after the page break
    expect(rowValues(report, 'requests', 'other_handling_1')).toEqual([2, 1, 0, 0, 0, 0, 3]); // numbers on their own line
    expect(report.cells['active.fees.amount']).toBe(7730.28);
    expect(report.units).toEqual({ 'active.fees.amount': '万元' });
  });

  it('is complete and lists the page furniture it dropped', () => {
    expect(result.complete).toBe(true);
    expect(importReport).toMatchObject({ missingSections: [], missingTables: [], missingRows: [], unplaced: [], notes: [] });
    expect(skippedText(result, 'page_furniture')).toEqual(
      [1, 2, 3, 4, 5].flatMap((n) => [`--- page ${n} ---`, `- ${n} -`]),
    );
    expect(importReport.skipped.every((s) => s.reason === 'page_furniture')).toBe(true);
  });

  it('reflows the wrapped prose, across a page break too', () => {
    const overview = paragraphs(report, 'overview');
    expect(overview).toHaveLength(4);
    expect(overview[1]).toBe('（一）主动公开情况。全年在县政府门户网站发布各类政府信息1486条，其中政策文件37件、政策解读15篇，召开新闻发布会4场。');
    expect(overview[2]).toContain('全年共受理政府信息公开申请70件，办结71件（含上年度结转申请3件），另有2件结转至下年度办理。');
    expect(paragraphs(report, 'problems')).toHaveLength(2);
    expect(report.sections.other?.zh).toBe('2022年，县政府未收取政府信息公开信息处理费，收费金额为0元。');
  });

  it('validates with no findings at all', () => {
    expect(validate(report)).toEqual([]);
  });
});

describe('fixture (d): PDF text with a single （六）其他处理 row (mixed document)', () => {
  const result = importFixture(D);
  const { importReport } = result;
  const report = reportOf(result);

  it('stays template 2021 and keeps the collapsed row as printed (R6)', () => {
    expect(importReport.template).toMatchObject({ id: '2021', decidedBy: 'headers' });
    expect(importReport.notes).toEqual([{ code: 'collapsed_other_handling', params: {} }]);
    expect(Object.keys(report.cells)).toHaveLength(186);
    expect(Object.keys(report.cells).filter((k) => k.startsWith('requests.other_handling_'))).toEqual([]);
    expect(rowValues(report, 'requests', 'other_handling')).toEqual([3, 0, 0, 0, 0, 0, 3]);
    expect(report.cells).toEqual(
      expectedCells(
        '2021',
        {
          'active.normative': [2, 1, 13],
          'active.licensing': [1402],
          'active.penalty': [198],
          'active.enforcement': [7],
          'active.fees': [7545],
          'requests.new_received': [40, 3, 0, 0, 1, 0, 44],
          'requests.carried_over': [2, 0, 0, 0, 0, 0, 2],
          'requests.granted': [20, 2, 0, 0, 1, 0, 23],
          'requests.partial': [4, 0, 0, 0, 0, 0, 4],
          'requests.denied_2': [1, 0, 0, 0, 0, 0, 1],
          'requests.denied_4': [1, 0, 0, 0, 0, 0, 1],
          'requests.unable_1': [8, 1, 0, 0, 0, 0, 9],
          'requests.unable_2': [2, 0, 0, 0, 0, 0, 2],
          'requests.not_processed_1': [2, 0, 0, 0, 0, 0, 2],
          'requests.other_handling': [3, 0, 0, 0, 0, 0, 3],
          'requests.results_total': [41, 3, 0, 0, 1, 0, 45],
          'requests.carry_forward': [1, 0, 0, 0, 0, 0, 1],
          'appeals.review': [1, 0, 0, 0, 1],
        },
        { collapsed: true },
      ),
    );
  });

  it('is complete: the collapsed row is not reported as missing rows', () => {
    expect(result.complete).toBe(true);
    expect(importReport).toMatchObject({ missingSections: [], missingTables: [], missingRows: [], unplaced: [] });
    expect(report.meta).toMatchObject({ agency: { zh: '桑日县人民政府' }, year: 2023, period: { start: '2023-01-01', end: '2023-12-31' } });
  });

  it('validates cleanly on its own and against (c) as the previous year (C1, C2 hold)', () => {
    const previous = reportOf(importFixture(C));
    expect(validate(report)).toEqual([]);
    expect(validate(report, { previous })).toEqual([]);
  });
});

describe('truncated PDF text is never complete', () => {
  const text = fixtureText(C);

  // Printed but not placed is not blank: a blank cell would be reported as "not filled" (M1).
  it('cut inside the one-line 四 row: the values are unplaced, the cells absent', () => {
    const cut = text.slice(0, text.indexOf('3 1 2 0 6 1 0 1 0 2') + '3 1 2 0 6 1 0'.length);
    const result = importText(cut);
    expect(result.complete).toBe(false);
    expect(result.importReport.unplaced).toEqual([
      { table: 'appeals', context: expect.any(String) as string, values: ['3', '1', '2', '0', '6', '1', '0'], reason: 'count_mismatch' },
    ]);
    expect(rowValues(result.report, 'appeals', 'review')).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(result.importReport.missingTables).toEqual(['appeals']);
    expect(result.importReport.missingSections).toEqual(['problems', 'other']);
  });

  it('cut at the page break inside 三: the rows after it are missing', () => {
    const cut = text.slice(0, text.indexOf('--- page 4 ---'));
    const result = importText(cut);
    expect(result.complete).toBe(false);
    expect(result.importReport.missingRows.filter((r) => r.table === 'requests').map((r) => r.row)).toEqual([
      'unable_2', 'unable_3', 'not_processed_1', 'not_processed_2', 'not_processed_3', 'not_processed_4', 'not_processed_5',
      'other_handling_1', 'other_handling_2', 'other_handling_3', 'results_total', 'carry_forward',
    ]);
    expect(result.importReport.missingTables).toEqual(['appeals']);
    expect(rowValues(result.report, 'requests', 'unable_1')).toEqual([12, 1, 0, 0, 1, 0, 14]);
  });
});
