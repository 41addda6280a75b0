/**
 * `|` row renderings (corpus 05, 06, 14): (b) a 2021 report with padding cells after spanning
 * cells, blank cells (`规章 | |||`) and the colspan-like `| 行政许可 | 27 | ||`; (f) a 2019 report in
 * Markdown tables whose blank markers -, —, /, 无 and empty cells must come out as null, not 0.
 */
import { describe, expect, it } from 'vitest';
import { importText, reportOf } from '../../../../src/report/import/index.ts';
import { textToLines } from '../../../../src/report/import/sources/text.ts';
import { validate } from '../../../../src/report/validate/index.ts';
import { expectedCells, fixtureText, importFixture, paragraphs, rowValues, skippedText } from './helpers.ts';
import { plainValue, renderPipeRows } from './layout.ts';

describe('fixture (b): pipe rows with padding and blank cells, template 2021', () => {
  const result = importFixture('b-pipe-rows-2021.txt');
  const { importReport } = result;
  const report = reportOf(result);

  it('has the corpus shapes in the fixture', () => {
    const text = fixtureText('b-pipe-rows-2021.txt');
    expect(text).toContain('\n规章 | |||\n');
    expect(text).toContain('| 行政许可 | 27 | ||');
    expect(text).toContain('| 一、本年新收政府信息公开申请数量 |  |  | 4 |');
    expect(textToLines('规章 | |||')[0]?.cells).toEqual(['规章', '', '', '']);
  });

  it('decides template 2021 from the headers and reads the title and contact', () => {
    expect(importReport.template).toMatchObject({ id: '2021', decidedBy: 'headers' });
    expect(importReport.template.evidence).toEqual(expect.arrayContaining(['本年制发件数', '本年收费金额', '申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请']));
    expect(report.meta).toEqual({
      agency: { zh: '错那县觉拉乡人民政府' },
      level: 'township',
      year: 2021,
      template: '2021',
      period: { start: '2021-01-01', end: '2021-12-31' },
      phone: '0893-7712046',
      notice: '国办公开办函〔2021〕30号',
    });
    expect(importReport.missingMeta).toEqual(['address', 'postcode', 'website']);
  });

  it('places every value by label, blanks as null, padding ignored', () => {
    expect(Object.keys(report.cells)).toHaveLength(200);
    expect(report.cells).toEqual(
      expectedCells('2021', {
        'active.rules': [null, null, null],
        'active.normative': [1, 0, 3],
        'active.licensing': [27],
        'active.penalty': [3],
        'active.fees': [1.25],
        'requests.new_received': [4, 0, 0, 0, 0, 0, 4],
        'requests.granted': [2, 0, 0, 0, 0, 0, 2],
        'requests.denied_8': [1, 0, 0, 0, 0, 0, 1],
        'requests.unable_1': [1, 0, 0, 0, 0, 0, 1],
        'requests.unable_3': [null, null, null, null, null, null, null],
        'requests.results_total': [4, 0, 0, 0, 0, 0, 4],
        'appeals.review': [0, 1, 0, 0, 1],
      }),
    );
    expect(rowValues(report, 'requests', 'other_handling_3')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(report.units).toEqual({ 'active.fees.amount': '万元' });
  });

  it('is complete; the site name and the month line are portal chrome', () => {
    expect(result.complete).toBe(true);
    expect(importReport).toMatchObject({ missingSections: [], missingTables: [], missingRows: [], unplaced: [], notes: [] });
    expect(skippedText(result, 'portal_chrome')).toEqual(['错那县人民政府', '错那县人民政府', '(2022年1月)']);
  });

  it('keeps the prose', () => {
    expect(paragraphs(report, 'overview')).toHaveLength(2);
    expect(paragraphs(report, 'overview')[1]).toBe('全年主动公开各类政府信息58条,其中惠农惠牧政策21条、财政资金使用情况9条。');
    expect(paragraphs(report, 'problems')).toHaveLength(1);
    expect(report.sections.other?.zh).toBe('本年度未收取信息处理费。');
  });

  it('validates with blank-cell (M1) warnings only', () => {
    const findings = validate(report);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.map((f) => `${f.rule}:${String(f.params.row)}`)).toEqual(['M1:active.rules', 'M1:requests.unable_3']);
  });
});

describe('fixture (f): blank markers in Markdown tables, template 2019', () => {
  const result = importFixture('f-blank-markers-2020.txt');
  const { importReport } = result;
  const report = reportOf(result);

  it('drops the Markdown separator rows and reads every table', () => {
    expect(fixtureText('f-blank-markers-2020.txt')).toContain('|---|---|---|---|');
    expect(importReport.template).toMatchObject({ id: '2019', decidedBy: 'headers' });
    expect(importReport).toMatchObject({ missingSections: [], missingTables: [], missingRows: [], unplaced: [] });
    expect(result.complete).toBe(true);
    expect(report.meta).toMatchObject({ agency: { zh: '朗县仲达镇人民政府' }, year: 2020, period: { start: '2020-01-01', end: '2020-12-31' } });
  });

  it('reads -, —, /, 无 and empty cells as null, and 0 as 0', () => {
    expect(Object.keys(report.cells)).toHaveLength(198);
    const dash = [null, null, null, null, null, null, null];
    expect(report.cells).toEqual(
      expectedCells('2019', {
        'active.rules': [null, null, null], // -
        'active.normative': [2, 2, 14],
        'active.licensing': [null, null, 0], // / / 0
        'active.other_services': [null, 0, null], // — 0 —
        'active.enforcement': [null, null, null], // 无
        'active.fees': [0, null], // 0 and an empty cell
        'active.procurement': [0, null],
        'requests.new_received': [2, 0, 0, 0, 0, 0, 2],
        'requests.carried_over': [0, null, null, null, null, null, 0],
        'requests.granted': [2, 0, 0, 0, 0, 0, 2],
        ...Object.fromEntries(
          ['denied_1', 'denied_2', 'denied_3', 'denied_4', 'denied_5', 'denied_6', 'denied_7', 'denied_8', 'unable_1', 'unable_2', 'unable_3',
            'not_processed_1', 'not_processed_2', 'not_processed_3', 'not_processed_4', 'not_processed_5', 'other_handling'].map((r) => [`requests.${r}`, dash]),
        ),
        'requests.results_total': [2, 0, 0, 0, 0, 0, 2],
        'appeals.litigation_direct': [null, null, null, null, null],
        'appeals.litigation_after_review': [null, null, null, null, null],
      }),
    );
    // Blank is not zero: the 行政复议 group printed 0s and stays 0.
    expect(rowValues(report, 'appeals', 'review')).toEqual([0, 0, 0, 0, 0]);
    expect(rowValues(report, 'requests', 'partial')).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('reports the blanks as M1 warnings, never as wrong totals', () => {
    const findings = validate(report);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(['M1']));
    expect(findings.map((f) => f.params.row)).toEqual(expect.arrayContaining(['active.rules', 'requests.carried_over', 'appeals.litigation_direct']));
  });
});

describe('the same report as (a) in both `|` padding styles', () => {
  const a = importFixture('a-seed-layout-2019.txt');

  it.each(['after-span', 'row-end'] as const)('%s padding imports to the cells of (a)', (padding) => {
    const text = renderPipeRows(reportOf(a), plainValue, padding);
    if (padding === 'row-end') {
      // corpus 14's shape: the header rows of 四 end in padding cells right before the value row.
      expect(text).toContain('| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |  |  |  |  |  |\n| 1 | 0 | 0 | 1 | 2 |');
    } else {
      expect(text).toContain('| 一、本年新收政府信息公开申请数量 |  |  | 5 | 1 |');
    }
    const result = importText(text);
    expect(result.report.cells).toEqual(a.report.cells);
    expect(result.importReport.unplaced).toEqual([]);
    expect(result.complete).toBe(true);
  });
});
