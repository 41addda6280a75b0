import { describe, expect, it } from 'vitest';
import { classifyQuantity } from '../../../../src/report/validate/prose-figures.ts';
import { findQuantities, normaliseProse } from '../../../../src/report/validate/text.ts';
import { validate } from '../../../../src/report/validate/index.ts';
import { ofRule, setAppeals, setRequestRow, setSection, zeroReport } from './helpers.ts';

/** A city report in the shape of corpus 02: 3119 received, 34 carried, 3050 answered, 103 forward. */
function cityReport(): ReturnType<typeof zeroReport> {
  const report = zeroReport('2021', { year: 2024, level: 'city' });
  setRequestRow(report, 'new_received', [3001, 53, 0, 0, 61, 4, 3119]);
  setRequestRow(report, 'carried_over', [34, 0, 0, 0, 0, 0, 34]);
  setRequestRow(report, 'granted', [2932, 53, 0, 0, 61, 4, 3050]);
  setRequestRow(report, 'results_total', [2932, 53, 0, 0, 61, 4, 3050]);
  setRequestRow(report, 'carry_forward', [103, 0, 0, 0, 0, 0, 103]);
  setAppeals(report, [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]);
  Object.assign(report.cells, { 'active.rules.issued': 1, 'active.rules.in_force': 1, 'active.normative.issued': 8, 'active.normative.in_force': 8 });
  return report;
}

// Our own wording with corpus 02's constructs: PDF line breaks, spaces before 件, nested 含/另有.
const CITY_OVERVIEW = `2024 年，本市在门户网站发布政府信息 5500 余条，新制定市政府规章 1 件、
出台行政规范性文件 8 件。全年全市受理政府信息公开申请 3119 件，答
复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度
办理）。涉及政府信息公开的行政复议 351 件，其中结果维持 72 件；行政
诉讼 46 件，其中结果纠正 5 件。`;

describe('X1 overview figures vs tables', () => {
  it('passes when every quoted figure matches (corpus 02 pattern)', () => {
    const report = cityReport();
    setSection(report, 'overview', CITY_OVERVIEW);
    expect(validate(report)).toEqual([]);
  });

  it('warns for 受理 N 件 that matches neither 新收 nor 新收+结转 (corpus 04: 17 vs 95)', () => {
    const report = zeroReport('2021', { year: 2024 });
    setRequestRow(report, 'new_received', [95, 0, 0, 0, 0, 0, 95]);
    setRequestRow(report, 'granted', [95, 0, 0, 0, 0, 0, 95]);
    setRequestRow(report, 'results_total', [95, 0, 0, 0, 0, 0, 95]);
    setSection(report, 'overview', '2024 年，区政府办共受理政府信息公开申请 17 件，均按时答复。');
    const findings = validate(report);
    expect(findings.map((f) => f.rule)).toEqual(['X1']);
    expect(findings[0]?.severity).toBe('warning');
    expect(findings[0]?.params).toMatchObject({ figure: 'received', quoted: 17, expected: 95 });
    expect(findings[0]?.cells).toEqual(['requests.new_received.total', 'requests.carried_over.total']);
  });

  it('accepts 受理 = 新收 + 上年结转', () => {
    const report = cityReport();
    setSection(report, 'overview', '全年共受理申请 3153 件。');
    expect(ofRule(validate(report), 'X1')).toEqual([]);
  });

  it('warns for 规范性文件 against 本年新制作数量 on 2019 (corpus 06: 2 vs 11)', () => {
    const report = zeroReport('2019', { year: 2020, level: 'department' });
    report.cells['active.normative.made'] = 11;
    report.cells['active.normative.total'] = 11;
    setSection(report, 'overview', '利用办公平台发布信息95条,其中发布规范性文件2件,利用电子屏发布信息108条。');
    const [finding, ...rest] = ofRule(validate(report), 'X1');
    expect(rest).toEqual([]);
    expect(finding?.params).toMatchObject({ figure: 'normative', quoted: 2, expected: 11 });
    expect(finding?.cells).toEqual(['active.normative.made']);
  });

  it('checks each figure kind against its cell', () => {
    const report = cityReport();
    setSection(
      report,
      'overview',
      '答复 3000 件。上年度结转 30 件。结转下年度继续办理 100 件。行政复议 350 件。行政诉讼 45 件。规章 2 件。规范性文件 9 件。',
    );
    const findings = ofRule(validate(report), 'X1');
    expect(findings.map((f) => [f.params.figure, f.params.quoted, f.params.expected])).toEqual([
      ['answered', 3000, 3050],
      ['carried', 30, 34],
      ['forward', 100, 103],
      ['review', 350, 351],
      ['litigation', 45, 46],
      ['rules', 2, 1],
      ['normative', 9, 8],
    ]);
  });

  it('ignores approximate figures and non-件 units (the seed: 893条, 30余条, 10余条)', () => {
    const report = zeroReport('2019', { year: 2020, level: 'township' });
    setSection(
      report,
      'overview',
      '2020年，通过公告栏主动公开各类政务信息893条。公开扶贫信息30余条，全年共公开相关信息10余条。' +
        '受理申请近20件，行政复议约3件，行政诉讼超过5件，规范性文件10多件，规章5件以上，答复20件左右。',
    );
    expect(ofRule(validate(report), 'X1')).toEqual([]);
  });

  it('skips figures whose table cell is blank, and ambiguous clauses', () => {
    const report = cityReport();
    report.cells['requests.new_received.total'] = null;
    setSection(report, 'overview', '受理申请 9 件。行政复议和行政诉讼共 5 件。收到群众来信 4 件。不予受理 2 件。');
    expect(ofRule(validate(report), 'X1')).toEqual([]);
  });
});

describe('X1 outcomes of 三 and the columns of 二', () => {
  /** A 2019 report whose outcomes add up to: 予以公开 20, 部分公开 5, 不予公开 3 (two rows), 无法提供 7. */
  function outcomes(): ReturnType<typeof zeroReport> {
    const report = zeroReport('2019', { year: 2020 });
    setRequestRow(report, 'granted', [18, 2, 0, 0, 0, 0, 20]);
    setRequestRow(report, 'partial', [5, 0, 0, 0, 0, 0, 5]);
    setRequestRow(report, 'denied_4', [1, 0, 0, 0, 0, 0, 1]);
    setRequestRow(report, 'denied_6', [2, 0, 0, 0, 0, 0, 2]);
    setRequestRow(report, 'unable_1', [7, 0, 0, 0, 0, 0, 7]);
    return report;
  }

  it('compares each outcome with the sum of its rows, and passes when they agree', () => {
    const report = outcomes();
    setSection(report, 'overview', '予以公开及部分公开25件，不予公开3件，无法提供7件，不予处理0件，其他处理0件。同意公开答复20件，部分公开答复5件。');
    expect(ofRule(validate(report), 'X1')).toEqual([]);
  });

  it('warns for an outcome that differs (corpus 01: 予以公开及部分公开258件 vs 275)', () => {
    const report = outcomes();
    setSection(report, 'overview', '予以公开及部分公开24件，占33.9%;不予公开4件;因本机关不掌握等原因无法提供7件。');
    const findings = ofRule(validate(report), 'X1');
    expect(findings.map((f) => [f.params.figure, f.params.quoted, f.params.expected])).toEqual([
      ['granted_partial', 24, 25],
      ['denied', 4, 3],
    ]);
    expect(findings[1]?.cells).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `requests.denied_${n}.total`));
  });

  it('adds the printed figures of a row whose 总计 is blank (corpus 01 leaves every 总计 blank)', () => {
    const report = outcomes();
    setRequestRow(report, 'granted', [18, 2, null, null, null, null, null]);
    setSection(report, 'overview', '予以公开19件。');
    expect(ofRule(validate(report), 'X1').map((f) => [f.params.quoted, f.params.expected])).toEqual([[19, 20]]);
    // A row with nothing printed at all gives no figure to compare.
    setRequestRow(report, 'granted', [null, null, null, null, null, null, null]);
    expect(ofRule(validate(report), 'X1')).toEqual([]);
  });

  it('reads 转下一年度 as carried forward, not as answered (上海市科委 2024)', () => {
    const report = outcomes();
    setRequestRow(report, 'carry_forward', [1, 0, 0, 0, 0, 0, 1]);
    setSection(report, 'overview', '转下一年度办理答复的有 2 件。');
    expect(ofRule(validate(report), 'X1').map((f) => [f.params.figure, f.params.quoted, f.params.expected])).toEqual([['forward', 2, 1]]);
  });

  it('takes 规章/规范性文件 from the column the clause names', () => {
    const report = zeroReport('2019', { year: 2020 });
    Object.assign(report.cells, { 'active.rules.made': 0, 'active.rules.published': 13, 'active.rules.total': 40 });
    setSection(report, 'overview', '主动公开规章13件。规章对外公开总数量40件。新制作规章0件。');
    expect(ofRule(validate(report), 'X1')).toEqual([]);
    setSection(report, 'overview', '规章对外公开总数量1件。');
    const [finding] = ofRule(validate(report), 'X1');
    expect(finding?.cells).toEqual(['active.rules.total']);
    expect(finding?.params).toMatchObject({ quoted: 1, expected: 40 });
  });

  it('ignores figures for several things together and the departments\' documents (corpus 01 公报)', () => {
    const report = zeroReport('2019', { year: 2020 });
    Object.assign(report.cells, { 'active.normative.made': 60, 'active.normative.published': 60 });
    setSection(report, 'overview', '全年共编发公报24期，刊登政府规章、规范性文件等112件，部门规范性文件45件。');
    expect(ofRule(validate(report), 'X1')).toEqual([]);
  });
});

describe('prose figure reading', () => {
  it('joins PDF lines and keeps digits on both sides of a break apart', () => {
    expect(normaliseProse('行政复议 351\n件')).toBe('行政复议 351件');
    expect(normaliseProse('共计 95\n2024 年')).toBe('共计 95 2024 年');
    expect(normaliseProse('受理申请１２件，')).toBe('受理申请12件,');
  });

  it('marks approximate figures', () => {
    const text = normaliseProse('5500 余条，近20件，约 3 件，12件以上，7 件');
    expect(findQuantities(text).map((q) => [q.value, q.approximate])).toEqual([
      [5500, true],
      [20, true],
      [3, true],
      [12, true],
      [7, false],
    ]);
  });

  it('classifies carried/forward before 答复 (含上年度结转…另有…顺延)', () => {
    const text = normaliseProse(CITY_OVERVIEW);
    const figures = findQuantities(text).map((q) => [q.value, classifyQuantity(q)]);
    expect(figures).toContainEqual([3050, 'answered']);
    expect(figures).toContainEqual([34, 'carried']);
    expect(figures).toContainEqual([103, 'forward']);
    expect(figures).toContainEqual([72, undefined]);
  });
});
