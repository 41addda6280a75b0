import { describe, expect, it } from 'vitest';
import {
  cellLabelKeys,
  cellLabelPath,
  everyCellKey,
  everyRow,
  everyRowSum,
  orderedCellKeys,
  partsByTotal,
  reportTables,
  rowLabelPath,
  tablesOfReport,
  type HeadCell,
  type TableModel,
} from '../../../../src/report/tables/index.ts';
import { cellKey, getTemplate, requestRows, type TemplateDef } from '../../../../src/report/templates/index.ts';

const t2019 = reportTables(getTemplate('2019'));
const t2021 = reportTables(getTemplate('2021'));
const t2021collapsed = reportTables(getTemplate('2021'), { collapsedOtherHandling: true });

function table(tables: typeof t2019, id: string): TableModel {
  const found = tables.tables.find((t) => t.id === id);
  if (found === undefined) throw new Error(`no table ${id}`);
  return found;
}

const spans = (cells: readonly HeadCell[]): [string, number, number, string][] =>
  cells.map((c) => [c.label, c.colSpan, c.rowSpan, c.scope]);

function row(tables: typeof t2019, id: string) {
  const found = tables.tables.flatMap((t) => t.bodies.flatMap((b) => b.rows)).find((r) => r.id === id);
  if (found === undefined) throw new Error(`no row ${id}`);
  return found;
}

describe('the table model', () => {
  it('has one table per 第二十条 item, then 三, then 四', () => {
    expect(t2019.tables.map((t) => t.id)).toEqual(['active.1', 'active.5', 'active.6', 'active.8', 'active.9', 'requests', 'appeals']);
    expect(t2021.tables.map((t) => t.id)).toEqual(['active.1', 'active.5', 'active.6', 'active.8', 'requests', 'appeals']);
    expect(table(t2021, 'active.8').caption).toBe('template.active.items.8');
  });

  it('prints the cells in the order of the template definition, per variant', () => {
    // Written out from the definition itself: 二's rows × their columns, 三's rows × columns, 四's groups × columns.
    const definitionOrder = (template: TemplateDef, collapsed: boolean): string[] => [
      ...template.active.flatMap((r) => r.columns.map((c) => cellKey('active', r.key, c.key))),
      ...requestRows(template, collapsed).flatMap((r) => template.requests.columns.map((c) => cellKey('requests', r.key, c.key))),
      ...template.appeals.groups.flatMap((g) => template.appeals.columns.map((c) => cellKey('appeals', g.key, c.key))),
    ];
    expect(t2019.order).toEqual(definitionOrder(getTemplate('2019'), false));
    expect(t2021.order).toEqual(definitionOrder(getTemplate('2021'), false));
    expect(t2021collapsed.order).toEqual(definitionOrder(getTemplate('2021'), true));
    expect(reportTables(getTemplate('2019'), { collapsedOtherHandling: true })).toBe(t2019);
  });

  it('gives 二 the union of its rows’ columns, kinds and the template’s unit', () => {
    const fees = table(t2021, 'active.8');
    expect(fees.columns.map((c) => [c.key, c.kind, c.unit])).toEqual([['amount', 'money', '万元']]);
    expect(spans(fees.head[0] ?? [])).toEqual([
      ['template.active.caption', 1, 1, 'col'],
      ['template.t2021.active.columns.amount', 1, 1, 'col'],
    ]);
    const item5 = table(t2019, 'active.5');
    expect(item5.columns.map((c) => c.key)).toEqual(['previous', 'change', 'decisions']);
    expect(row(t2019, 'active.licensing').cells.map((c) => c?.kind)).toEqual(['count', 'signed', 'count']);
    expect(row(t2019, 'active.procurement').cells.map((c) => c?.key)).toEqual(['active.procurement.count', 'active.procurement.amount']);
  });

  it('heads 三 with the corner note, 申请人情况 and 法人或其他组织 over five columns', () => {
    const requests = table(t2021, 'requests');
    expect(requests.labelColumns).toBe(3);
    expect(requests.head.map(spans)).toEqual([
      [['template.requests.cornerNote', 3, 3, 'note'], ['template.requests.columnsCaption', 7, 1, 'colgroup']],
      [
        ['template.requests.columns.natural_person', 1, 2, 'col'],
        ['template.requests.groups.legal_person', 5, 1, 'colgroup'],
        ['template.requests.columns.total', 1, 2, 'col'],
      ],
      ['commercial', 'research', 'social_welfare', 'legal_service', 'other_org'].map((c) => [`template.requests.columns.${c}`, 1, 1, 'col']),
    ]);
    expect(requests.columns.filter((c) => c.group !== undefined).map((c) => c.key)).toEqual([
      'commercial', 'research', 'social_welfare', 'legal_service', 'other_org',
    ]);
  });

  it('gives every row of 三 its label path and merged row headers', () => {
    expect(row(t2021, 'requests.new_received').path).toEqual(['template.requests.rows.new_received']);
    expect(spans(row(t2021, 'requests.new_received').header)).toEqual([['template.requests.rows.new_received', 3, 1, 'row']]);
    // 三、本年度办理结果 over （一）…（七）: 2 + 8 + 3 + 5 + 3 + 1 rows in 2021, 2 + 8 + 3 + 5 + 1 + 1 collapsed.
    expect(spans(row(t2021, 'requests.granted').header)).toEqual([
      ['template.requests.groups.results', 1, 22, 'row'],
      ['template.requests.rows.granted', 2, 1, 'row'],
    ]);
    expect(row(t2021collapsed, 'requests.granted').header[0]?.rowSpan).toBe(20);
    expect(row(t2021, 'requests.denied_1').path).toEqual([
      'template.requests.groups.results', 'template.requests.groups.denied', 'template.requests.rows.denied_1',
    ]);
    expect(spans(row(t2021, 'requests.denied_1').header)).toEqual([
      ['template.requests.groups.denied', 1, 8, 'row'],
      ['template.requests.rows.denied_1', 1, 1, 'row'],
    ]);
    expect(spans(row(t2021, 'requests.denied_2').header)).toEqual([['template.requests.rows.denied_2', 1, 1, 'row']]);
    expect(row(t2021collapsed, 'requests.other_handling').path).toEqual([
      'template.requests.groups.results', 'template.requests.rows.other_handling',
    ]);
    expect(table(t2021, 'requests').bodies.map((b) => [b.group?.key ?? null, b.rows.length])).toEqual([
      [null, 2], ['results', 22], [null, 1],
    ]);
  });

  it('heads 四 as one line: 行政复议 alone, 行政诉讼 over its two groups', () => {
    const appeals = table(t2019, 'appeals');
    expect(appeals.singleRow).toBe(true);
    const columns = (rowSpan: number) => ['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => [`template.appeals.columns.${c}`, 1, rowSpan, 'col']);
    expect(appeals.head.map(spans)).toEqual([
      [['template.appeals.groups.review', 5, 1, 'colgroup'], ['template.appeals.groups.litigation', 10, 1, 'colgroup']],
      [...columns(2), ['template.appeals.groups.litigation_direct', 5, 1, 'colgroup'], ['template.appeals.groups.litigation_after_review', 5, 1, 'colgroup']],
      [...columns(1), ...columns(1)],
    ]);
    expect(row(t2019, 'appeals.litigation_direct').path).toEqual(['template.appeals.groups.litigation', 'template.appeals.groups.litigation_direct']);
  });

  it('knows every total and its parts (R1, R2, R4), the 勾稽关系 (R3) and the collapsed row (R6)', () => {
    const count = (tables: typeof t2019, rule: string) => tables.totals.sums.filter((s) => s.rule === rule).length;
    expect([count(t2019, 'R1'), count(t2019, 'R2'), count(t2019, 'R4')]).toEqual([23, 7, 3]);
    expect([count(t2021, 'R1'), count(t2021collapsed, 'R1')]).toEqual([25, 23]);
    const r1 = t2021.totals.sums.find((s) => s.rule === 'R1' && s.total === 'requests.granted.total');
    expect(r1?.parts).toEqual(['natural_person', 'commercial', 'research', 'social_welfare', 'legal_service', 'other_org'].map((c) => `requests.granted.${c}`));
    const r2 = (tables: typeof t2019) => tables.totals.sums.find((s) => s.rule === 'R2' && s.total === 'requests.results_total.natural_person');
    expect(r2(t2019)?.parts).toHaveLength(19);
    expect(r2(t2021)?.parts).toHaveLength(21);
    expect(r2(t2021collapsed)?.parts).toContain('requests.other_handling.natural_person');
    expect(t2021.totals.sums.find((s) => s.total === 'appeals.review.total')?.parts).toEqual(
      ['upheld', 'corrected', 'other', 'pending'].map((c) => `appeals.review.${c}`),
    );
    expect(t2021.totals.balances).toHaveLength(7);
    expect(t2021.totals.balances[6]).toEqual({
      rule: 'R3',
      column: 'total',
      left: ['requests.new_received.total', 'requests.carried_over.total'],
      right: ['requests.results_total.total', 'requests.carry_forward.total'],
    });
    expect(t2021.totals.collapsed).toEqual([]);
    expect(t2021collapsed.totals.collapsed[0]).toEqual({
      rule: 'R6',
      total: 'requests.other_handling.natural_person',
      parts: [1, 2, 3].map((n) => `requests.other_handling_${n}.natural_person`),
    });
    // （七）总计's 总计 adds up across (R1) and down (R2); one sum per total shows the column's.
    expect(partsByTotal(t2019.totals).get('requests.results_total.total')).toHaveLength(19);
  });

  it('picks the variant a report prints', () => {
    const report = { meta: { template: '2021' as const }, cells: { 'requests.other_handling.total': 0 } };
    expect(tablesOfReport(report)).toBe(t2021collapsed);
    expect(tablesOfReport({ meta: { template: '2021' }, cells: {} })).toBe(t2021);
  });
});

describe('label paths and orders across variants', () => {
  const template = getTemplate('2021');

  it('names a cell fully for a line read alone, shortly among its neighbours', () => {
    expect(cellLabelPath(template, 'requests.denied_1.commercial', 'full')).toEqual({
      row: ['template.requests.groups.results', 'template.requests.groups.denied', 'template.requests.rows.denied_1'],
      column: ['template.requests.groups.legal_person', 'template.requests.columns.commercial'],
    });
    expect(cellLabelPath(template, 'requests.denied_1.commercial', 'short')).toEqual({
      row: ['template.requests.groups.denied', 'template.requests.rows.denied_1'],
      column: ['template.requests.columns.commercial'],
    });
    expect(cellLabelPath(template, 'active.fees.amount', 'full')?.row).toEqual(['template.active.items.8', 'template.t2021.active.rows.fees']);
    expect(cellLabelKeys(template, 'requests.granted.total')).toEqual(['template.requests.rows.granted', 'template.requests.columns.total']);
    // The collapsed row is named whichever variant the report prints.
    expect(rowLabelPath(template, 'requests.other_handling', 'short')).toEqual(['template.requests.rows.other_handling']);
    expect(rowLabelPath(template, 'appeals.litigation_direct', 'short')).toEqual([
      'template.appeals.groups.litigation', 'template.appeals.groups.litigation_direct',
    ]);
    expect(cellLabelPath(template, 'active.procurement.amount', 'full')).toBeUndefined();
    expect(rowLabelPath(template, 'requests.nope', 'short')).toEqual([]);
  });

  it('orders every cell of both variants, the collapsed row just before its sub-rows', () => {
    const keys = everyCellKey(template);
    expect(keys.indexOf('requests.other_handling.total') + 1).toBe(keys.indexOf('requests.other_handling_1.natural_person'));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(10 + 26 * 7 + 15);
    const report = { meta: { template: '2021' as const }, cells: { 'zz.odd': 1, 'appeals.review.total': 0, 'requests.other_handling_1.total': 0, 'requests.other_handling.total': 0 } };
    expect(orderedCellKeys(report)).toEqual(['requests.other_handling.total', 'requests.other_handling_1.total', 'appeals.review.total', 'zz.odd']);
    expect(everyRowSum(template, 'R1').map((s) => s.total)).toHaveLength(26);
    expect(everyRow(template).map((r) => r.id)).toContain('requests.other_handling');
  });
});
