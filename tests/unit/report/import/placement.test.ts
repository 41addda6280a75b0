/**
 * Where rows were placed, judged beside the sums (issue 9): a figure moved into another row keeps
 * the sums within its row, so these tables' sums hold or cannot be checked, and only the placement
 * checks (parse/placement.ts) keep the moved figures from passing as certain.
 */
import { describe, expect, it } from 'vitest';
import { blankReport } from '../../../../src/report/factory.ts';
import { importText, previousYearDoubts, type ImportResult } from '../../../../src/report/import/index.ts';
import { placementDoubts } from '../../../../src/report/import/parse/placement.ts';
import type { RowMatch, RowSpec } from '../../../../src/report/import/parse/rows.ts';
import type { ReportDocument } from '../../../../src/report/model.ts';
import { renderCellLines } from './layout.ts';

const COLUMNS = ['natural_person', 'commercial', 'research', 'social_welfare', 'legal_service', 'other_org', 'total'];

/** A 2021 report of our own whose sums all hold: 3 new requests (2 granted, 1 carried forward). */
function report(): ReportDocument {
  const doc = blankReport({ id: 'placement', template: '2021', year: 2023, agencyZh: '错那县觉拉乡人民政府', level: 'township', fill: 0 });
  const set = (row: string, natural: number, commercial: number): void => {
    doc.cells[`requests.${row}.natural_person`] = natural;
    doc.cells[`requests.${row}.commercial`] = commercial;
    doc.cells[`requests.${row}.total`] = natural + commercial;
  };
  set('new_received', 2, 1);
  set('granted', 1, 1);
  set('results_total', 1, 1);
  set('carry_forward', 1, 0);
  doc.cells['active.rules.issued'] = 2;
  doc.cells['active.rules.repealed'] = 1;
  doc.cells['active.rules.in_force'] = 5;
  doc.cells['active.normative.in_force'] = 7;
  return doc;
}

function uncertainOf(result: ImportResult, prefix: string): Record<string, string> {
  return Object.fromEntries(result.importReport.uncertain.filter((u) => u.cell.startsWith(prefix)).map((u) => [u.cell, u.reason]));
}

function rowKeys(row: string): string[] {
  return COLUMNS.map((c) => `requests.${row}.${c}`);
}

describe('a figure one row off, with the sums holding', () => {
  it('flags the rows between a row read blank and a source row left over (labels printed apart from their figures)', () => {
    const text = renderCellLines(report());
    // PDF text: row 一's label, then row 二's, then both rows of figures.
    const shifted = text.replace(
      /一、本年新收政府信息公开申请数量\n((?:\t\d+\n){7})\n\t二、上年结转政府信息公开申请数量\n((?:\t\d+\n){7})/u,
      (_all, first: string, second: string) =>
        `一、本年新收政府信息公开申请数量\n\t二、上年结转政府信息公开申请数量\n${first}${second}`,
    );
    expect(shifted).toContain('二、上年结转政府信息公开申请数量\n\t2\n\t1\n');
    const result = importText(shifted);
    // Row 一 reads blank and row 二 takes row 一's figures: R1 holds in row 二, R3 cannot be checked.
    expect(result.report.cells['requests.new_received.total']).toBeNull();
    expect(result.report.cells['requests.carried_over.total']).toBe(3);
    expect(result.importReport.sums.find((s) => s.table === 'requests')?.holding).toBe(result.importReport.sums.find((s) => s.table === 'requests')?.checked);
    const flagged = uncertainOf(result, 'requests.');
    for (const cell of [...rowKeys('new_received'), ...rowKeys('carried_over')]) expect(flagged[cell]).toBe('row_shift');
    expect(flagged['requests.granted.total']).toBeUndefined();
    expect(result.complete).toBe(false);
  });

  it('flags a row whose label was found inside a definition of another row (长春 2020: 规章…的规范性文件)', () => {
    const text = renderCellLines(report()).replace(
      '\t规章\n',
      '\t规章：指省、自治区、直辖市和设区的市人民政府根据法律制定和发布的行政规范性文件\n',
    );
    const result = importText(text);
    // 规章's figures land in 行政规范性文件's row; the real 规范性文件 row is left over.
    expect(result.report.cells['active.normative.issued']).toBe(2);
    expect(result.report.cells['active.normative.in_force']).toBe(5);
    const flagged = uncertainOf(result, 'active.');
    expect(Object.keys(flagged).sort()).toEqual(['active.normative.in_force', 'active.normative.issued', 'active.normative.repealed']);
    expect(result.complete).toBe(false);
  });

  it('flags a row matched only typo-tolerantly unless the rows around it were matched exactly around it', () => {
    const clean = importText(renderCellLines(report()));
    expect(clean.importReport.uncertain).toEqual([]);
    // The official print's own typo, between two rows printed as the template says: in place.
    const typo = renderCellLines(report()).replace('2.其他法律行政法规禁止公开', '2.其他法律行政止公开');
    const held = importText(typo);
    expect(held.report.cells['requests.denied_2.total']).toBe(0);
    expect(held.importReport.uncertain).toEqual([]);
    // The row before it printed with a label of its own: nothing holds the loose match in place.
    const result = importText(typo.replace('1.属于国家秘密', '1.国家秘密事项'));
    expect(result.report.cells['requests.denied_2.total']).toBe(0);
    expect(result.importReport.missingRows).toContainEqual({ table: 'requests', row: 'denied_1' });
    expect(uncertainOf(result, 'requests.')).toEqual(Object.fromEntries(rowKeys('denied_2').map((c) => [c, 'label_loose'])));
  });
});

describe('rows printed out of the template\'s order', () => {
  it('places 二\'s 第二十条第（一）项 table printed after the others by its own labels, flagged row_order', () => {
    const text = renderCellLines(report());
    // Cut the （一） item's table (信息内容 … 行政规范性文件 and its figures) and print it after （八）'s.
    const first = /\t第二十条第（一）项\n[\s\S]*?(?=\t第二十条第（五）项)/u.exec(text)?.[0] ?? '';
    expect(first).toContain('行政规范性文件');
    const moved = text.replace(first, '').replace('\n\n三、收到和处理', `\n${first}\n三、收到和处理`);
    expect(moved.indexOf('规章')).toBeGreaterThan(moved.indexOf('行政事业性收费'));
    const result = importText(moved);
    expect(['issued', 'repealed', 'in_force'].map((c) => result.report.cells[`active.rules.${c}`])).toEqual([2, 1, 5]);
    expect(result.report.cells['active.normative.in_force']).toBe(7);
    expect(result.importReport.missingRows).toEqual([]);
    expect(result.importReport.unplaced).toEqual([]);
    const flagged = uncertainOf(result, 'active.');
    expect(new Set(Object.values(flagged))).toEqual(new Set(['row_order']));
    expect(Object.keys(flagged).sort()).toEqual(['active.normative.in_force', 'active.normative.issued', 'active.normative.repealed', 'active.rules.in_force', 'active.rules.issued', 'active.rules.repealed']);
  });
});

describe('placementDoubts', () => {
  const specs: RowSpec[] = ['a', 'b', 'c'].map((id) => ({ id, labels: [id], valueCount: 2 }));
  const match = (evidence: [string, number, boolean][], unassigned: RowMatch['unassigned'] = [], missing: string[] = []): RowMatch => ({
    found: new Map(),
    missing,
    unplaced: [],
    evidence: new Map(evidence.map(([row, segment, blank]) => [row, { segment, loose: false, blank }])),
    unassigned,
  });

  it('flags two rows read from one source row', () => {
    expect(placementDoubts(specs, match([['a', 0, false], ['b', 0, false], ['c', 1, false]]))).toEqual([
      { row: 'a', reason: 'source_reused' },
      { row: 'b', reason: 'source_reused' },
    ]);
  });

  it('flags the rows between a missing row and a left-over source row that would fit it, and only those', () => {
    const doubts = placementDoubts(specs, match([['b', 0, false], ['c', 2, false]], [{ segment: 1, figures: 2 }], ['a']));
    expect(doubts).toEqual([{ row: 'b', reason: 'row_shift' }]);
    // A left-over row with another count of figures is not the missing row's.
    expect(placementDoubts(specs, match([['b', 0, false], ['c', 2, false]], [{ segment: 1, figures: 3 }], ['a']))).toEqual([]);
  });
});

describe('previousYearDoubts (the agency\'s report of the year before is known)', () => {
  const setRow = (doc: ReportDocument, row: string, natural: number): void => {
    for (const column of COLUMNS) doc.cells[`requests.${row}.${column}`] = 0;
    doc.cells[`requests.${row}.natural_person`] = natural;
    doc.cells[`requests.${row}.total`] = natural;
  };
  const lastYear = (): ReportDocument => {
    const doc = report();
    doc.meta.year = 2022;
    setRow(doc, 'carry_forward', 2);
    return doc;
  };

  it('flags 上年结转 and the neighbouring row that prints last year\'s 结转下年度 instead', () => {
    const doc = report(); // 2023: 上年结转 0, 本年新收 3
    setRow(doc, 'new_received', 2);
    setRow(doc, 'carried_over', 3);
    expect(previousYearDoubts(doc, lastYear()).sort()).toEqual([...rowKeys('carried_over'), ...rowKeys('new_received')].sort());
  });

  it('leaves a plain 上年结转 mismatch to the validator (C1), and needs last year\'s report of t−1', () => {
    const doc = report();
    setRow(doc, 'carried_over', 5);
    expect(previousYearDoubts(doc, lastYear())).toEqual([]);
    setRow(doc, 'new_received', 2);
    const older = lastYear();
    older.meta.year = 2021;
    expect(previousYearDoubts(doc, older)).toEqual([]);
    setRow(doc, 'carried_over', 2);
    expect(previousYearDoubts(doc, lastYear())).toEqual([]);
  });
});
