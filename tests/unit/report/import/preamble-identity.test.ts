/**
 * Who a report is by, when the page prints no title line: the report names itself in its
 * preamble (编制了《2021年色威镇政府信息公开工作年度报告》, 现将茅坪回族镇2022年度…报告如下), on real
 * pages (tests/fixtures/real) and on the edges: a name that cannot be trusted is asked for.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText } from '../../../../src/report/import/index.ts';
import { REAL_CORPUS } from '../../../support/real-corpus.ts';

const BODY = ['一、总体情况', '本镇公开政府信息20条。', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '无。', '六、其他需要报告的事项', '无。'];

function importReal(id: string): ReturnType<typeof importText> {
  return importText(readFileSync(join(REAL_CORPUS, id, 'source.txt'), 'utf8'));
}

describe('the agency a title-less page names in its preamble', () => {
  it('reads 《2021年色威镇政府信息公开工作年度报告》 (year first, in quotes)', () => {
    const { report, importReport } = importReal('xz-xinlong-sewei-2021');
    expect(report.meta.agency.zh).toBe('色威镇');
    expect(report.meta.level).toBe('township');
    expect(importReport.needs).toEqual([]);
  });

  it('reads 现将茅坪回族镇2022年度政府信息公开工作报告如下 (agency first, no quotes)', () => {
    const { report, importReport } = importReal('cn-zhenan-maoping-2022');
    expect(report.meta.agency.zh).toBe('茅坪回族镇');
    expect(importReport.needs).toEqual([]);
  });

  it('asks instead of taking a name a mirror glued its spam to', () => {
    const { report, importReport } = importReal('cn-haicheng-xiliu-2023');
    expect(report.meta.agency.zh).toBe('');
    expect(importReport.needs).toEqual(['agency']);
  });

  it.each([
    ['我局', '现将我局2020年度政府信息公开工作情况报告如下。'],
    ['a name relative to an unsaid place', '现公布区统计局2023年政府信息公开工作年度报告。'],
    ['no agency at all', '现公布2023年度政府信息公开工作年度报告。'],
    ['a notice it cites', '根据《关于做好2022年度政府信息公开年度报告编制公布工作的通知》要求编制本报告。'],
  ])('asks when the sentence names %s', (_, preamble) => {
    const { report, importReport } = importText([preamble, ...BODY].join('\n'));
    expect(report.meta.agency.zh).toBe('');
    expect(importReport.needs).toContain('agency');
  });

  it('keeps a title line first: the preamble does not override it', () => {
    const { report } = importText(['扎囊县阿扎乡人民政府2022年政府信息公开工作年度报告', '现公布阿扎乡2022年政府信息公开工作年度报告。', ...BODY].join('\n'));
    expect(report.meta.agency.zh).toBe('扎囊县阿扎乡人民政府');
  });
});
