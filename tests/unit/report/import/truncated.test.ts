/**
 * Fixture (k): a text that ends in the middle of table 三 (like the partial corpus pages), and
 * every cut of the full fixtures: a truncated report is never presented as complete.
 */
import { describe, expect, it } from 'vitest';
import { importText } from '../../../../src/report/import/index.ts';
import { fixtureText, importFixture, rowValues } from './helpers.ts';

describe('fixture (k): text cut in the middle of 三', () => {
  const result = importFixture('k-truncated-2020.txt');
  const { report, importReport } = result;

  it('is not complete', () => {
    expect(result.complete).toBe(false);
  });

  it('reads what is there: the header, 二 and the first rows of 三', () => {
    expect(importReport.template).toMatchObject({ id: '2019', decidedBy: 'headers' });
    expect(report.meta).toMatchObject({ agency: { zh: '拉康镇' }, year: 2020, publishedOn: '2021-01-28' });
    expect(rowValues(report, 'active', 'normative')).toEqual([1, 1, 3]);
    expect(rowValues(report, 'active', 'licensing')).toEqual([6, 0, 22]);
    expect(rowValues(report, 'requests', 'new_received')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(rowValues(report, 'requests', 'granted')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(Object.keys(report.cells)).toHaveLength(22 + 3 * 7);
  });

  it('lists the cut row as unplaced and leaves none of its values in the cells', () => {
    expect(importReport.unplaced).toEqual([
      { table: 'requests', context: '(二)部分公开(区分处理的,只计这一情形,不计其他情形)', values: ['0', '0', '0', '0'], reason: 'count_mismatch' },
    ]);
    // Printed but not placeable: absent, so M1 does not call them "not filled".
    expect(rowValues(report, 'requests', 'partial')).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('lists every row after the cut as missing, and the missing sections and table', () => {
    expect(importReport.missingRows).toEqual(
      [
        'denied_1', 'denied_2', 'denied_3', 'denied_4', 'denied_5', 'denied_6', 'denied_7', 'denied_8',
        'unable_1', 'unable_2', 'unable_3',
        'not_processed_1', 'not_processed_2', 'not_processed_3', 'not_processed_4', 'not_processed_5',
        'other_handling', 'results_total', 'carry_forward',
      ].map((row) => ({ table: 'requests', row })),
    );
    expect(importReport.missingSections).toEqual(['appeals', 'problems', 'other']);
    expect(importReport.missingTables).toEqual(['appeals']);
    expect(Object.keys(report.sections)).toEqual(['overview', 'active', 'requests']);
  });
});

/** The index of the first line that is exactly `text` (after trimming). */
function lineIndex(lines: readonly string[], text: string): number {
  const i = lines.findIndex((l) => l.trim() === text);
  if (i < 0) throw new Error(`no line ${text}`);
  return i;
}

describe('every cut of a full report is incomplete', () => {
  it.each([
    ['a-seed-layout-2019.txt', '六、其他需要报告的事项'],
    ['c-pdf-text-2021.txt', '六、其他需要报告的事项'],
    ['b-pipe-rows-2021.txt', '六、其他需要报告的事项'],
  ])('%s cut before any line up to its last heading', (name, lastHeading) => {
    const lines = fixtureText(name).split('\n');
    expect(importFixture(name).complete).toBe(true);
    const last = lineIndex(lines, lastHeading);
    let checked = 0;
    for (let cut = 1; cut <= last; cut += 1) {
      const text = lines.slice(0, cut).join('\n');
      let complete: boolean;
      try {
        complete = importText(text).complete;
      } catch {
        continue; // too little left to be a report at all: refused, which is fine
      }
      checked += 1;
      if (complete) throw new Error(`${name} cut after line ${cut} claims to be complete`);
    }
    expect(checked).toBeGreaterThan(last / 2);
  });

  it('a cut inside table 三 of (a) always shows up in the requests table', () => {
    const lines = fixtureText('a-seed-layout-2019.txt').split('\n');
    const first = lineIndex(lines, '三、收到和处理政府信息公开申请情况');
    // Up to the label of the last row: a label with nothing after it would read as a blank row.
    const lastLabel = lineIndex(lines, '四、结转下年度继续办理');
    for (let cut = first + 1; cut < lastLabel; cut += 1) {
      const { importReport } = importText(lines.slice(0, cut).join('\n'));
      const shows =
        importReport.missingTables.includes('requests') ||
        importReport.missingRows.some((r) => r.table === 'requests') ||
        importReport.unplaced.some((u) => u.table === 'requests');
      if (!shows) throw new Error(`cut after line ${cut} inside 三 is not reported`);
    }
  });
});
