/**
 * Mirrors that convert a page to Taiwan usage swap words, not only characters: 規範性文件 becomes
 * 規範性檔案, which character-by-character conversion leaves as 规范性档案. The row is still
 * 规范性文件 (a real page: tests/fixtures/real/cn-wuhan-shengtaihuanjing-2020-trad, expected.json
 * typed from it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText } from '../../../../src/report/import/index.ts';
import { readExpected, REAL_CORPUS } from '../../../support/real-corpus.ts';

describe('a Taiwan-wording mirror', () => {
  it('reads 規範性檔案 as the 规范性文件 row, and every other cell of its table as printed', () => {
    const id = 'cn-wuhan-shengtaihuanjing-2020-trad';
    const expected = readExpected(id);
    const { report, importReport } = importText(readFileSync(join(REAL_CORPUS, id, 'source.txt'), 'utf8'));
    expect(report.cells).toEqual(expected.cells);
    // 其他主動公開檔案 is no row of the template: its figures are listed, never placed.
    expect(importReport.unplaced.map((u) => u.values.filter((v) => v !== ''))).toContainEqual(['186', '86', '255']);
  });

  it('matches the swapped word in simplified text too', () => {
    const text = ['扎囊县阿扎乡人民政府2020年政府信息公开工作年度报告', '一、总体情况', '本镇公开政府信息20条。', '二、主动公开政府信息情况', '第二十条第(一)项', '信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量', '规章 | 0 | 0 | 0', '规范性档案 | 3 | 3 | 7'].join('\n');
    const { report } = importText(text);
    expect([report.cells['active.normative.made'], report.cells['active.normative.published'], report.cells['active.normative.total']]).toEqual([3, 3, 7]);
  });
});
