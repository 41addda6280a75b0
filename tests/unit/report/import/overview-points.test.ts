/**
 * Numbered points of 总体情况 are not section headings: `2、主动公开信息情况。全年…25条。` and
 * `3、依申请公开信息情况。…` once took the places of 二 and 三, and section 二's table was read as
 * 三's rows (a real page: tests/fixtures/real/cn-yueyang-nanhu-ju-2019, expected.json typed from it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText } from '../../../../src/report/import/index.ts';
import { readExpected, REAL_CORPUS } from '../../../support/real-corpus.ts';

const TABLE_TWO = ['第二十条第(一)项', '信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数', '规章 | 0 | 0 | 0', '行政规范性文件 | 2 | 0 | 5'];

describe('numbered points of 总体情况', () => {
  it('leave section 二 its table (南湖新区 bureau 2019: every cell of 二 read)', () => {
    const id = 'cn-yueyang-nanhu-ju-2019';
    const expected = readExpected(id);
    const { report, importReport } = importText(readFileSync(join(REAL_CORPUS, id, 'source.txt'), 'utf8'));
    const active = Object.fromEntries(Object.entries(report.cells).filter(([key]) => key.startsWith('active.')));
    expect(active).toEqual(expected.cells);
    expect(importReport.missingTables).not.toContain('active');
    // 三 drops its blank cells on that page: its figures cannot be placed, and say so.
    expect(importReport.unplaced.every((u) => u.table === 'requests')).toBe(true);
  });

  it('are passed over for the real headings after them', () => {
    const text = ['一、总体情况', '1、强化组织领导。由分管副局长指导。', '2、主动公开信息情况。全年主动公开信息25条。', '3、依申请公开信息情况。全年收到申请3条。', '二、主动公开政府信息情况', ...TABLE_TWO, '三、收到和处理政府信息公开申请情况'].join('\n');
    const { report } = importText(text, { year: 2023, agency: '扎囊县阿扎乡人民政府' });
    expect(report.cells['active.normative.issued']).toBe(2);
    expect(report.cells['active.normative.in_force']).toBe(5);
  });

  it('still allow an Arabic-numbered heading (the seed writes 1、 总体情况) and a Chinese one run into its sentence', () => {
    const text = ['1、 总体情况', '本镇公开政府信息20条。', '二、主动公开政府信息情况。本年制发行政规范性文件2件。', ...TABLE_TWO].join('\n');
    const { report, importReport } = importText(text, { year: 2023, agency: '扎囊县阿扎乡人民政府' });
    expect(importReport.missingSections).not.toContain('overview');
    expect(report.cells['active.normative.issued']).toBe(2);
  });
});
