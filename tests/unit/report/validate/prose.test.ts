import { describe, expect, it } from 'vitest';
import { textIn } from '../../../../src/report/factory.ts';
import { validate } from '../../../../src/report/validate/index.ts';
import { ofRule, setSection, zeroReport } from './helpers.ts';

describe('X2 one report year', () => {
  it('passes when period, overview and statistics sentence agree', () => {
    const report = zeroReport('2019', { year: 2020 });
    report.meta.period = { start: '2020-01-01', end: '2020-12-31' };
    report.preamble = textIn('zh', '所列数据统计时限为2020年1月1日至2020年12月31日。');
    setSection(report, 'overview', '  2020年，本镇扎实推进政府信息公开工作，2019年以来持续完善制度。');
    expect(ofRule(validate(report), 'X2')).toEqual([]);
  });

  it('warns for a period of another year (corpus 19: 2019 figures in a 2020 report)', () => {
    const report = zeroReport('2019', { year: 2020 });
    report.meta.period = { start: '2019-01-01', end: '2019-12-31' };
    expect(ofRule(validate(report), 'X2').map((f) => f.params)).toEqual([
      { expected: 2020, actual: '2019', source: 'period' },
    ]);
  });

  it('warns for the overview leading with another year, heading or not', () => {
    const report = zeroReport('2021', { year: 2021 });
    setSection(report, 'overview', '一、总体情况\n2020 年，我县坚持以公开为常态。');
    expect(ofRule(validate(report), 'X2').map((f) => f.params.source)).toEqual(['overview']);
  });

  it('warns for a statistics period of another year in the prose', () => {
    const report = zeroReport('2021', { year: 2021 });
    report.preamble = textIn('zh', '报告中所列数据统计期限自 2020 年 1 月 1 日起至 2020 年 12 月 31 日止。');
    expect(ofRule(validate(report), 'X2').map((f) => f.params)).toEqual([
      { expected: 2021, actual: '2020', source: 'statistics' },
    ]);
  });

  it('warns for the introduction naming another year\'s report (墨脱县德兴乡 2020: 编制2021年度…年度报告)', () => {
    const report = zeroReport('2019', { year: 2020 });
    report.preamble = textIn('zh', '结合上级要求，编制2021年度墨脱县德兴乡人民政府信息公开年度报告。现公布本单位2020年政府信息公开工作年度报告。');
    expect(ofRule(validate(report), 'X2').map((f) => f.params)).toEqual([{ expected: 2020, actual: '2021', source: 'statement' }]);
  });

  it('does not take last year\'s report named in the overview as a statement (上海市政府办公厅 2020)', () => {
    const report = zeroReport('2019', { year: 2020 });
    setSection(report, 'overview', '按规定及时发布市政府办公厅2019年度政府信息公开年报。');
    expect(ofRule(validate(report), 'X2')).toEqual([]);
  });

  it('warns for a malformed year such as 202020年 (corpus 20)', () => {
    const report = zeroReport('2019', { year: 2020 });
    setSection(report, 'problems', '202020年，工作人员变动较大。');
    const [finding] = ofRule(validate(report), 'X2');
    expect(finding?.params).toEqual({ expected: 2020, actual: '202020', source: 'malformed' });
    expect(finding?.severity).toBe('warning');
  });
});

describe('X3 其中 part not above its whole', () => {
  it('passes when parts fit, including several parts of one whole (corpus 02)', () => {
    const report = zeroReport('2021');
    setSection(report, 'overview', '行政复议 351 件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚未审结 37 件；另发布信息95条，其中规范性文件2件。');
    expect(ofRule(validate(report), 'X3')).toEqual([]);
  });

  it('warns like corpus 06 (主动公开信息19条，其中…推送35条), once per part value', () => {
    const report = zeroReport('2019', { year: 2020 });
    setSection(report, 'overview', '主动公开信息19条，其中向门户网站推送35条，涉及监管信息35条。');
    const findings = ofRule(validate(report), 'X3');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.params).toMatchObject({ whole: 19, part: 35, unit: '条' });
    expect(findings[0]?.params.excerpt).toContain('其中');
  });

  it('ignores approximate wholes and parts in another unit', () => {
    const report = zeroReport('2019');
    setSection(report, 'overview', '公开信息30余条，其中扶贫信息40条。发布信息3条，其中文件5件。共发布5条，其中近8条为通知。' +
        '平台发布信息95条，其中发布文件2件，利用电子屏发布信息108条。');
    expect(ofRule(validate(report), 'X3')).toEqual([]);
  });
});

describe('X4 declared parts', () => {
  const six = ['overview', 'active', 'requests', 'appeals', 'problems', 'other'] as const;

  it('passes when the intro count matches the sections', () => {
    const report = zeroReport('2019');
    report.meta.declaredParts = 6;
    for (const key of six) setSection(report, key, '内容。');
    expect(ofRule(validate(report), 'X4')).toEqual([]);
  });

  it('warns like the seed (以上四个部分, six sections)', () => {
    const report = zeroReport('2019');
    report.meta.declaredParts = 4;
    for (const key of six) setSection(report, key, '内容。');
    expect(ofRule(validate(report), 'X4').map((f) => f.params)).toEqual([{ declared: 4, actual: 6 }]);
  });
});

describe('X5 信息处理费 in section 六 (2021)', () => {
  it('passes when 六 mentions it, even at 0 元', () => {
    const report = zeroReport('2021');
    setSection(report, 'other', '2024 年，全年收取政府信息公开信息处理费 0 元。');
    expect(ofRule(validate(report), 'X5')).toEqual([]);
  });

  it('warns when 六 is silent about it, but not on 2019 reports', () => {
    const report = zeroReport('2021');
    setSection(report, 'other', '无其他需要报告的事项。');
    expect(ofRule(validate(report), 'X5')).toHaveLength(1);
    const old = zeroReport('2019');
    setSection(old, 'other', '无其他需要报告的事项。');
    expect(ofRule(validate(old), 'X5')).toEqual([]);
  });
});
