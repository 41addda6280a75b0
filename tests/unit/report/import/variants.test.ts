/**
 * Layout variants: (e) the Hubei table (labels with filling instructions, the extra row
 * 其他主动公开文件, an annotated 本年增/减 header with "-8" in it) with whitespace noise in numeric
 * cells; (g) numbers with units and signs; (h) portal chrome before the title and NFKC-normalised
 * half-width punctuation everywhere.
 */
import { describe, expect, it } from 'vitest';
import { validate } from '../../../../src/report/validate/index.ts';
import { reportOf } from '../../../../src/report/import/index.ts';
import { expectedCells, fixtureText, importFixture, paragraphs, rowValues, skippedText } from './helpers.ts';

describe('fixture (e): Hubei variant, one cell per line with padded numbers', () => {
  const result = importFixture('e-hubei-variant-2020.txt');
  const { report, importReport } = result;

  it('has the noise in the fixture', () => {
    const text = fixtureText('e-hubei-variant-2020.txt');
    expect(text).toContain('\n  0\n');
    expect(text).toContain('\n0 \n');
    expect(text).toContain('\n\u30000\n');
    expect(text).toContain('规章(设区的市、自治州人民政府应提供相关数据)');
    expect(text).toContain('本年增/减(指2020年增加或减少的事项数,减用负值表示,如-8)');
  });

  it('reads the annotated labels as template rows, the padded numbers as numbers', () => {
    expect(importReport.template).toMatchObject({ id: '2019', decidedBy: 'headers' });
    expect(Object.keys(report.cells)).toHaveLength(198);
    expect(report.cells).toEqual(
      expectedCells('2019', {
        'active.normative': [6, 6, 31],
        'active.licensing': [14, 2, 130],
        'active.other_services': [9, -1, 57],
        'active.penalty': [5, 0, 11],
        'active.enforcement': [2, 0, 1],
        'active.fees': [3, 0],
        'active.procurement': [2, 152790],
        'requests.new_received': [3, 0, 0, 0, 0, 1, 4],
        'requests.granted': [2, 0, 0, 0, 0, 1, 3],
        'requests.unable_1': [1, 0, 0, 0, 0, 0, 1],
        'requests.results_total': [3, 0, 0, 0, 0, 1, 4],
      }),
    );
    expect(report.units).toEqual({ 'active.procurement.amount': '元' });
  });

  it('reports the extra row 其他主动公开文件 as unplaced (unknown_row), never as cells', () => {
    expect(importReport.unplaced).toEqual([
      { table: 'active', context: '其他主动公开文件(含以本单位或本单位办公室名义正式签发的、除规范性文件以外的主动公开文件)', values: ['2', '2', '15'], reason: 'unknown_row' },
    ]);
    expect(Object.values(report.cells)).not.toContain(15);
    expect(rowValues(report, 'active', 'normative')).toEqual([6, 6, 31]);
    expect(importReport).toMatchObject({ missingSections: [], missingTables: [], missingRows: [] });
    expect(result.complete).toBe(false);
  });

  it('reads title, publication date and period; chrome is skipped', () => {
    expect(report.meta).toEqual({
      agency: { zh: '杨林尾镇' },
      level: 'township',
      year: 2020,
      template: '2019',
      period: { start: '2020-01-01', end: '2020-12-31' },
      publishedOn: '2021-01-20',
    });
    expect(skippedText(result, 'portal_chrome')).toEqual(['发布时间:2021-01-20 10:32 来源:杨林尾镇', '字号: 分享:']);
  });

  it('finds the Hubei heading 二、行政机关主动公开政府信息情况 and keeps its prose', () => {
    expect(paragraphs(report, 'overview')).toHaveLength(2);
    expect(paragraphs(report, 'active')).toEqual(['2020年,全镇主动公开政府信息96条,其中通过市政府门户网站镇级专栏公开61条、镇政务公开栏公开35条。']);
    expect(report.sections.other?.zh).toBe('无。');
  });
});

describe('fixture (g): numbers with units and signs', () => {
  const result = importFixture('g-units-signs-2020.txt');
  const report = reportOf(result);

  it('reads 251000元 as 251000 with its unit, and signed changes', () => {
    expect(report.cells['active.procurement.amount']).toBe(251000);
    expect(report.units).toEqual({ 'active.procurement.amount': '元' });
    expect(rowValues(report, 'active', 'licensing')).toEqual([1200, 1036, 2236]); // +1036
    expect(rowValues(report, 'active', 'penalty')).toEqual([31, -8, 4]); // -8
    expect(rowValues(report, 'active', 'other_services')).toEqual([12, -2, 40]); // U+2212 minus
    expect(rowValues(report, 'active', 'fees')).toEqual([4, 0]); // +0
    expect(Object.is(report.cells['active.fees.change'], -0)).toBe(false);
  });

  it('is a complete 2019 report', () => {
    expect(Object.keys(report.cells)).toHaveLength(198);
    expect(report.cells).toEqual(
      expectedCells('2019', {
        'active.normative': [1, 1, 6],
        'active.licensing': [1200, 1036, 2236],
        'active.other_services': [12, -2, 40],
        'active.penalty': [31, -8, 4],
        'active.fees': [4, 0],
        'active.procurement': [3, 251000],
        'requests.new_received': [1, 0, 0, 0, 0, 0, 1],
        'requests.granted': [1, 0, 0, 0, 0, 0, 1],
        'requests.results_total': [1, 0, 0, 0, 0, 0, 1],
      }),
    );
    expect(result.complete).toBe(true);
    expect(result.importReport.template).toMatchObject({ id: '2019', decidedBy: 'headers' });
    expect(report.meta).toMatchObject({ agency: { zh: '扎囊县桑耶镇人民政府' }, address: '扎囊县桑耶镇', postcode: '850800', phone: '0893-7351208' });
  });

  it('accepts signed changes (R5 allows them in 本年增/减)', () => {
    expect(validate(report).filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('fixture (h): portal chrome and half-width punctuation', () => {
  const result = importFixture('h-portal-chrome-2021.txt');
  const { report, importReport } = result;

  it('skips breadcrumbs, the 索引号 table and the title printed again, wrapped', () => {
    expect(skippedText(result, 'portal_chrome')).toEqual([
      '浪卡子县人民政府',
      '关怀版 无障碍',
      '您当前所在位置: 首页 > 政务公开 > 法定主动公开内容 > 政府信息公开年报',
      '索引号 | 11542233MB1D93021K/2022-00017 | 发文机关 | 打隆镇人民政府 |',
      '文号 | | 成文日期 | 2022-01-20 |',
      '发布时间:2022-01-26   浏览次数:   【字体:大 中 小】',
      '浪卡子县打隆镇2021年政府信息',
      '公开工作年度报告',
    ]);
    expect(importReport.skipped.every((s) => s.reason === 'portal_chrome')).toBe(true);
  });

  it('reads the metadata; the publication date is 发布时间, not 成文日期', () => {
    expect(report.meta).toEqual({
      agency: { zh: '浪卡子县打隆镇' },
      level: 'township',
      year: 2021,
      template: '2021',
      period: { start: '2021-01-01', end: '2021-12-31' },
      publishedOn: '2022-01-26',
      address: '浪卡子县打隆镇',
      postcode: '851100',
      phone: '0893-7391018',
      website: 'http://www.langkazi.gov.cn',
      notice: '国办公开办函〔2021〕30号',
      declaredParts: 6,
    });
    expect(importReport.missingMeta).toEqual([]);
  });

  it('matches half-width (一) labels and reads all 200 cells', () => {
    expect(fixtureText('h-portal-chrome-2021.txt')).toContain('\n(二)部分公开(区分处理的,只计这一情形,不计其他情形)\n');
    expect(importReport.template).toMatchObject({ id: '2021', decidedBy: 'headers' });
    expect(Object.keys(report.cells)).toHaveLength(200);
    expect(report.cells).toEqual(
      expectedCells('2021', {
        'active.normative': [0, 0, 1],
        'active.licensing': [16],
        'requests.new_received': [2, 0, 0, 0, 0, 0, 2],
        'requests.granted': [1, 0, 0, 0, 0, 0, 1],
        'requests.unable_1': [1, 0, 0, 0, 0, 0, 1],
        'requests.results_total': [2, 0, 0, 0, 0, 0, 2],
      }),
    );
    expect(report.units).toEqual({ 'active.fees.amount': '万元' });
    expect(result.complete).toBe(true);
  });

  it('keeps the preamble and the prose', () => {
    const preamble = (report.preamble?.zh ?? '').split('\n');
    expect(preamble).toHaveLength(2);
    expect(preamble[1]).toMatch(/^本报告包括总体情况/u);
    expect(paragraphs(report, 'overview')).toHaveLength(3);
    expect(paragraphs(report, 'overview')[2]).toBe('(三)政府信息管理情况。镇党政办公室落实“先审后发”,全年未发生泄密和错发信息问题。');
    expect(paragraphs(report, 'problems')).toHaveLength(2);
  });
});
