/**
 * Real pages added in December 2026 (tests/fixtures/real): every cell the page prints is read as
 * expected.json (typed from the page by hand before the import ran) says, none is added and none
 * is left uncertain. The corpus test allows a flagged cell; these pages leave no reason to flag one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText } from '../../../../src/report/import/index.ts';
import { readExpected, REAL_CORPUS } from '../../../support/real-corpus.ts';

describe('real pages added in December 2026: every printed cell read, none more', () => {
  it.each([
    'xz-xinlong-sewei-2021',
    'cn-haicheng-xiliu-2023',
    'cn-zibo-zhongbu-2020',
    'cn-jiulongpo-erlang-2022',
    'cn-changxingdao-jiedao-2022',
    'cn-eryuan-zhengwuju-2020',
    'cn-zhenan-maoping-2022',
    'cn-fengshou-xiang-2022',
  ])('%s', (id) => {
    const expected = readExpected(id);
    const { report, importReport } = importText(readFileSync(join(REAL_CORPUS, id, 'source.txt'), 'utf8'));
    expect(report.cells).toEqual(expected.cells);
    expect(report.units).toEqual(expected.units ?? {});
    expect(report.meta.template).toBe(expected.template);
    expect(report.meta.year).toBe(expected.year);
    expect(importReport.uncertain).toEqual([]);
  });
});
