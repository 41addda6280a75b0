/**
 * Never refuse what can be read: the year and agency from every place a report states them, one
 * normalisation step for script and width, and what a person supplies when the source is silent.
 */
import { describe, expect, it } from 'vitest';
import { importText } from '../../../../src/report/import/index.ts';
import { ImportError } from '../../../../src/report/import/types.ts';

const BODY = ['一、总体情况', '本镇公开政府信息20条。', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '无。', '六、其他需要报告的事项', '无。'];

function report(...front: string[]): string {
  return [...front, ...BODY].join('\n');
}

describe('the year, from every place a report states it', () => {
  it.each([
    ['the year before the agency', ['2022年度扎囊县阿扎乡人民政府信息公开工作年度报告'], 2022, '扎囊县阿扎乡人民政府'],
    ['a title that says 年报', ['扎囊县阿扎乡人民政府2021年政府信息公开工作年报'], 2021, '扎囊县阿扎乡人民政府'],
    ['a title split over three lines, with spaces', ['扎囊县阿扎乡', '2023 年 政府信息公开', '工作年度报告'], 2023, '扎囊县阿扎乡'],
    ['the agency on the line above', ['扎囊县阿扎乡人民政府', '2020年政府信息公开工作年度报告'], 2020, '扎囊县阿扎乡人民政府'],
  ])('%s', (_, front, year, agency) => {
    const { report: r, importReport } = importText(report(...front));
    expect(r.meta.year).toBe(year);
    expect(r.meta.agency.zh).toBe(agency);
    expect(importReport.year).toMatchObject({ value: year, source: 'title' });
    expect(importReport.needs).toEqual([]);
  });

  it('reads 统计周期 when the title has no year', () => {
    const text = report('扎囊县阿扎乡人民政府政府信息公开工作年度报告', '本报告统计周期为2022年1月1日至2022年12月31日。');
    const { report: r, importReport } = importText(text);
    expect(r.meta.year).toBe(2022);
    expect(r.meta.period).toEqual({ start: '2022-01-01', end: '2022-12-31' });
    expect(importReport.year.source).toBe('period');
  });

  it('reads the prose when there is no title at all ("2023年，我镇…")', () => {
    const text = ['一、总体情况', '2023年，我镇认真贯彻落实《条例》，主动公开政府信息58条。', ...BODY.slice(2)].join('\n');
    const { report: r, importReport } = importText(text);
    expect(r.meta.year).toBe(2023);
    expect(importReport.year.source).toBe('prose');
    expect(importReport.needs).toEqual(['agency']);
  });

  it('takes a year from the file name only when the text states none, and says so', () => {
    const text = ['一、总体情况', '我镇主动公开政府信息58条。', ...BODY.slice(2)].join('\n');
    const { report: r, importReport } = importText(text, { fileName: '阿扎乡_2019年报.txt' });
    expect(r.meta.year).toBe(2019);
    expect(importReport.notes).toContainEqual({ code: 'year_from_file_name', params: { year: 2019 } });
  });

  it('reports a title and a statistics period that disagree (X2) instead of settling it silently', () => {
    const text = report('扎囊县阿扎乡人民政府2022年政府信息公开工作年度报告', '所列数据统计期限为2021年1月1日至2021年12月31日。');
    const { report: r, importReport } = importText(text);
    expect(r.meta.year).toBe(2022);
    expect(importReport.notes).toContainEqual({ code: 'year_conflict', params: { year: 2022, source: 'title', stated: 'period:2021' } });
  });

  it('does not take a 文号 or a full date in the prose as the report year', () => {
    const text = ['一、总体情况', '根据国办公开办函〔2019〕60号，自2019年5月15日起施行的《条例》，我镇公开信息5条。', ...BODY.slice(2)].join('\n');
    const { report: r, importReport } = importText(text);
    expect(r.meta.year).toBeUndefined();
    // No table header and no year: the template cannot be decided either.
    expect(importReport.needs).toEqual(['year', 'agency', 'template']);
  });
});

describe('never refusing what can be read', () => {
  it('keeps a report whose year is nowhere: the year is needed, not guessed', () => {
    const { report: r, importReport, complete } = importText(report('扎囊县阿扎乡人民政府政府信息公开工作年度报告'));
    expect(r.meta.year).toBeUndefined();
    expect(importReport.needs).toEqual(['year', 'template']);
    expect(complete).toBe(false);
    expect(Object.keys(r.sections)).toHaveLength(6);
  });

  it('takes the supplied year, and notes where it differs from the one stated', () => {
    const silent = importText(report('扎囊县阿扎乡人民政府政府信息公开工作年度报告'), { year: 2021 });
    expect(silent.report.meta.year).toBe(2021);
    expect(silent.importReport.year.source).toBe('supplied');
    expect(silent.importReport.needs).toEqual([]);
    const stated = importText(report('扎囊县阿扎乡人民政府2022年政府信息公开工作年度报告'), { year: 2021, agency: '扎囊县扎塘镇人民政府' });
    expect(stated.report.meta).toMatchObject({ year: 2021, agency: { zh: '扎囊县扎塘镇人民政府' } });
    expect(stated.importReport.notes).toEqual(
      expect.arrayContaining([
        { code: 'supplied_differs', params: { field: 'year', found: 2022, supplied: 2021 } },
        { code: 'supplied_differs', params: { field: 'agency', found: '扎囊县阿扎乡人民政府', supplied: '扎囊县扎塘镇人民政府' } },
      ]),
    );
  });

  it('takes a supplied full name for the short one printed without noting a difference', () => {
    const short = importText(report('阿扎乡2022年政府信息公开工作年度报告'), { agency: '扎囊县阿扎乡人民政府' });
    expect(short.report.meta.agency.zh).toBe('扎囊县阿扎乡人民政府');
    expect(short.importReport.notes.filter((note) => note.code === 'supplied_differs')).toEqual([]);
  });

  it('asks for the agency when the title names it relative to an unsaid place, without its place, or in short', () => {
    for (const [title, reason] of [
      ['市政府研究室2019年政府信息公开工作年度报告', 'relative'],
      ['文教局2020年政府信息公开工作年度报告', 'no_place'],
      ['西藏自治区民委2023年政府信息公开工作年度报告', 'abbreviated'],
    ] as const) {
      const { report: imported, importReport } = importText(report(title));
      expect(imported.meta.agency.zh).toBe('');
      expect(importReport.needs).toContain('agency');
      expect(importReport.notes).toContainEqual({ code: 'agency_not_taken', params: { found: title.replace(/\d{4}年.*$/u, ''), reason } });
    }
  });

  it('asks for the template when neither headers nor year decide it, and takes a supplied one', () => {
    const text = ['一、总体情况', '我镇公开信息5条。', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况'].join('\n');
    expect(importText(text).importReport.needs).toEqual(['year', 'agency', 'template']);
    const supplied = importText(text, { template: '2019', year: 2020 });
    expect(supplied.importReport.template).toMatchObject({ id: '2019', decidedBy: 'supplied' });
    expect(supplied.importReport.needs).toEqual(['agency']);
  });

  it('still refuses what has nothing of a report, saying what it looked for', () => {
    const error: unknown = (() => {
      try {
        importText('会议纪要\n今天讨论了食堂菜单。');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({ code: 'not_a_report', params: { headings: 0, title: 0, tables: 0 } });
  });
});

describe('one normalisation step: script and width', () => {
  const traditional = [
    '扎囊縣阿扎鄉人民政府2021年政府信息公開工作年度報告',
    '一、總體情況',
    '2021年，本鄉主動公開政府信息20條。',
    '二、主動公開政府信息情況',
    '| 第二十條第（一）項 | | | |',
    '| 信息內容 | 本年製發件數 | 本年廢止件數 | 現行有效件數 |',
    '| 規章 | 0 | 0 | 0 |',
    '| 行政規範性文件 | ３ | 1 | 12 |',
    '| 第二十條第（五）項 | | | |',
    '| 信息內容 | 本年處理決定數量 | | |',
    '| 行政許可 | 27 | | |',
    '| 第二十條第（六）項 | | | |',
    '| 信息內容 | 本年處理決定數量 | | |',
    '| 行政處罰 | 4 | | |',
    '| 行政強制 | 0 | | |',
    '| 第二十條第（八）項 | | | |',
    '| 信息內容 | 本年收費金額（單位：萬元） | | |',
    '| 行政事業性收費 | 1.5 | | |',
  ].join('\n');

  it('reads a report in traditional characters and full-width digits, and says it converted them', () => {
    const { report: r, importReport } = importText(traditional);
    expect(r.meta).toMatchObject({ year: 2021, agency: { zh: '扎囊县阿扎乡人民政府' }, template: '2021' });
    expect(importReport.template.decidedBy).toBe('headers');
    expect(r.cells).toMatchObject({
      'active.normative.issued': 3,
      'active.normative.in_force': 12,
      'active.licensing.decisions': 27,
      'active.penalty.decisions': 4,
      'active.fees.amount': 1.5,
    });
    expect(r.sections.overview?.zh).toBe('2021年，本乡主动公开政府信息20条。');
    expect(importReport.notes.find((n) => n.code === 'traditional_converted')?.params.characters).toBeGreaterThan(30);
  });

  it('folds the Kangxi radicals PDF extraction produces (⾏政 for 行政) and leaves prose punctuation as printed', () => {
    const text = report('扎囊县阿扎乡人民政府2021年政府信息公开工作年度报告').replace('本镇公开政府信息20条。', '本镇⾏政许可事项5项，全部公开。');
    const { report: r, importReport } = importText(text);
    expect(r.sections.overview?.zh).toBe('本镇行政许可事项5项，全部公开。');
    expect(importReport.notes.some((n) => n.code === 'traditional_converted')).toBe(false);
  });
});
