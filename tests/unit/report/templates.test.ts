import { beforeAll, describe, expect, it } from 'vitest';
import { officialLabel } from '../../../src/report/labels.ts';
import {
  cellSpec,
  getTemplate,
  hasCollapsedOtherHandling,
  requestRows,
  TEMPLATE_IDS,
  type TemplateId,
} from '../../../src/report/templates/index.ts';
import { reportTables } from '../../../src/report/tables/index.ts';
import { readSharedText } from '../../support/shared.ts';

interface SharedColumn { key: string; label: string; group?: string }
interface SharedTemplate {
  sections: { key: string; label: string; table?: string }[];
  active: { key: string; item: string; label: string; columns: SharedColumn[] }[];
  requests: { cornerNote: string; columnsCaption: string; columns: SharedColumn[]; rows: { key: string; label: string; group?: string }[] };
  appeals: { caption: string; groups: { key: string; label: string; parent?: string }[]; columns: SharedColumn[] };
}

describe('templates match ../shared/domain/templates.json', () => {
  let shared: Record<TemplateId, SharedTemplate>;
  beforeAll(() => {
    shared = (JSON.parse(readSharedText('domain/templates.json')) as { templates: Record<TemplateId, SharedTemplate> }).templates;
  });

  for (const id of TEMPLATE_IDS) {
    const ours = getTemplate(id);

    it(`${id}: sections, keys and official labels`, () => {
      const theirs = shared[id];
      expect(ours.sections.map((s) => [s.key, officialLabel(s.label), s.table])).toEqual(
        theirs.sections.map((s) => [s.key, s.label, s.table]),
      );
    });

    it(`${id}: section 二 rows and columns`, () => {
      const theirs = shared[id];
      const project = (rows: typeof ours.active) =>
        rows.map((r) => [r.key, officialLabel(r.label), r.columns.map((c) => [c.key, officialLabel(c.label)])]);
      expect(project(ours.active)).toEqual(theirs.active.map((r) => [r.key, r.label, r.columns.map((c) => [c.key, c.label])]));
      expect(ours.active.map((r) => officialLabel(`template.active.items.${r.item}`))).toEqual(theirs.active.map((r) => r.item));
      const items = ours.activeHead.items.map((i) => officialLabel(i.label));
      expect(items).toEqual([...new Set(theirs.active.map((r) => r.item))]);
      expect(officialLabel(ours.activeHead.caption)).toBe('信息内容');
    });

    it(`${id}: table 三 rows, groups and columns`, () => {
      const theirs = shared[id];
      expect(ours.requests.rows.map((r) => [r.key, officialLabel(r.label)])).toEqual(theirs.requests.rows.map((r) => [r.key, r.label]));
      expect(ours.requests.rows.map((r) => (r.group === undefined ? undefined : officialLabel(`template.requests.groups.${r.group}`)))).toEqual(
        theirs.requests.rows.map((r) => r.group),
      );
      expect(ours.requests.columns.map((c) => [c.key, officialLabel(c.label)])).toEqual(theirs.requests.columns.map((c) => [c.key, c.label]));
      const columnGroup = (key: string | undefined) => {
        const group = ours.requests.columnGroups.find((g) => g.key === key);
        return group === undefined ? undefined : officialLabel(group.label);
      };
      expect(ours.requests.columns.map((c) => columnGroup(c.group))).toEqual(theirs.requests.columns.map((c) => c.group));
      expect(ours.requests.rows.map((r) => ours.requests.rowGroups.find((g) => g.key === r.group)?.label)).toEqual(
        ours.requests.rows.map((r) => (r.group === undefined ? undefined : `template.requests.groups.${r.group}`)),
      );
      expect(ours.requests.columns.filter((c) => c.sumsRow).map((c) => officialLabel(c.label))).toEqual(['总计']);
      expect(officialLabel(ours.requests.cornerNote)).toBe(theirs.requests.cornerNote);
      expect(officialLabel(ours.requests.columnsCaption)).toBe(theirs.requests.columnsCaption);
      expect(officialLabel('template.requests.cornerNote')).toBe(theirs.requests.cornerNote);
      expect(officialLabel('template.requests.columnsCaption')).toBe(theirs.requests.columnsCaption);
    });

    it(`${id}: table 四 groups and columns`, () => {
      const theirs = shared[id];
      expect(ours.appeals.groups.map((g) => [g.key, officialLabel(g.label)])).toEqual(theirs.appeals.groups.map((g) => [g.key, g.label]));
      expect(ours.appeals.columns.map((c) => [c.key, officialLabel(c.label)])).toEqual(theirs.appeals.columns.map((c) => [c.key, c.label]));
      expect(officialLabel('template.appeals.caption')).toBe(theirs.appeals.caption);
      const parent = (key: string | undefined) => {
        const group = ours.appeals.parents.find((p) => p.key === key);
        return group === undefined ? undefined : officialLabel(group.label);
      };
      expect(ours.appeals.groups.map((g) => parent(g.parent))).toEqual(theirs.appeals.groups.map((g) => g.parent));
      expect(ours.appeals.columns.filter((c) => c.sumsRow).map((c) => officialLabel(c.label))).toEqual(['总计']);
    });
  }
});

describe('template lookups', () => {
  it('counts the cells of each template as printed', () => {
    expect(reportTables(getTemplate('2019')).order).toHaveLength(22 + 23 * 7 + 15);
    expect(reportTables(getTemplate('2021')).order).toHaveLength(10 + 25 * 7 + 15);
    // A 2021 report printing one （六）其他处理 row has 23 rows (R6).
    expect(reportTables(getTemplate('2021'), { collapsedOtherHandling: true }).order).toHaveLength(10 + 23 * 7 + 15);
  });

  it('replaces the three 2021 （六） sub-rows by the collapsed row in place', () => {
    const rows = requestRows(getTemplate('2021'), true).map((r) => r.key);
    expect(rows.slice(19, 22)).toEqual(['not_processed_5', 'other_handling', 'results_total']);
    expect(rows).not.toContain('other_handling_1');
    expect(requestRows(getTemplate('2019'), true)).toBe(getTemplate('2019').requests.rows);
  });

  it('knows what each cell may hold', () => {
    const t2019 = getTemplate('2019');
    const t2021 = getTemplate('2021');
    expect(cellSpec(t2019, 'active.fees.change')).toEqual({ kind: 'signed' });
    expect(cellSpec(t2019, 'active.procurement.amount')).toEqual({ kind: 'money' });
    expect(cellSpec(t2021, 'active.fees.amount')).toEqual({ kind: 'money', unit: '万元' });
    expect(cellSpec(t2021, 'requests.other_handling.total')).toEqual({ kind: 'count' });
    expect(cellSpec(t2021, 'active.procurement.amount')).toBeUndefined();
    expect(cellSpec(t2019, 'requests.other_handling_1.total')).toBeUndefined();
    expect(cellSpec(t2019, 'appeals.review.nope')).toBeUndefined();
    expect(cellSpec(t2019, 'not-a-key')).toBeUndefined();
  });

  it('detects a collapsed （六） row from the cells present', () => {
    const t2021 = getTemplate('2021');
    expect(hasCollapsedOtherHandling(t2021, { 'requests.other_handling.total': 0 })).toBe(true);
    expect(hasCollapsedOtherHandling(t2021, { 'requests.other_handling_1.total': 0 })).toBe(false);
    expect(hasCollapsedOtherHandling(getTemplate('2019'), { 'requests.other_handling.total': 0 })).toBe(false);
    expect(reportTables(t2021, { collapsedOtherHandling: true }).order).toContain('requests.other_handling.natural_person');
  });
});
