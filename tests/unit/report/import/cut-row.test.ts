/**
 * A page that ends inside a table row. A table row's cells are positional, so the figures printed
 * before the end are its first cells; the rest were never printed (absent, not blank). A figure
 * the page ends on with no separator after it may be cut short itself (1, or 12?): listed, not
 * placed. In plain text nothing tells which cells a figure belongs to: nothing is placed. Checked
 * on a real page (tests/fixtures/real/cn-longgang-qubumen-2024, expected.json typed from it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText } from '../../../../src/report/import/index.ts';
import { readExpected, REAL_CORPUS } from '../../../support/real-corpus.ts';

const HEAD = [
  '扎囊县阿扎乡人民政府2023年政府信息公开工作年度报告',
  '一、总体情况',
  '本乡公开政府信息20条。',
  '二、主动公开政府信息情况',
  '第二十条第(一)项',
  '信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |',
  '规章 | 0 | 0 | 0 |',
];

describe('a page cut inside a table row', () => {
  it('gives the printed cells of the row and leaves the rest absent (龙岗区 department 2024: 7.属于行政执法案卷, six of seven)', () => {
    const id = 'cn-longgang-qubumen-2024';
    const expected = readExpected(id);
    const { report } = importText(readFileSync(join(REAL_CORPUS, id, 'source.txt'), 'utf8'));
    const denied7 = Object.entries(report.cells).filter(([key]) => key.startsWith('requests.denied_7.'));
    expect(Object.fromEntries(denied7)).toEqual(Object.fromEntries(Object.entries(expected.cells).filter(([key]) => key.startsWith('requests.denied_7.'))));
    expect('requests.denied_7.total' in report.cells).toBe(false);
  });

  it('places figures closed by a separator', () => {
    const { report } = importText([...HEAD, '行政规范性文件 | 2 | 0 |'].join('\n'));
    expect(report.cells['active.normative.issued']).toBe(2);
    expect(report.cells['active.normative.repealed']).toBe(0);
    expect('active.normative.in_force' in report.cells).toBe(false);
  });

  it('lists, not places, the figure the page ends on', () => {
    const { report, importReport } = importText([...HEAD, '行政规范性文件 | 2 | 1'].join('\n'));
    expect(report.cells['active.normative.issued']).toBe(2);
    expect('active.normative.repealed' in report.cells).toBe(false);
    expect(importReport.unplaced).toContainEqual(expect.objectContaining({ table: 'active', values: ['1'] }));
  });

  it('places nothing from plain text, where a blank cell leaves no trace', () => {
    const plain = ['扎囊县阿扎乡人民政府2023年政府信息公开工作年度报告', '一、总体情况', '本乡公开政府信息20条。', '二、主动公开政府信息情况', '第二十条第(一)项', '信息内容', '本年制发件数', '本年废止件数', '现行有效件数', '规章', '0', '0', '0', '行政规范性文件', '2', '0'];
    const { report, importReport } = importText(plain.join('\n'));
    expect('active.normative.issued' in report.cells).toBe(false);
    expect(importReport.unplaced).toContainEqual(expect.objectContaining({ table: 'active', values: ['2', '0'] }));
  });
});
