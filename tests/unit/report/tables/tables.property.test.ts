import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportTables, type TableModel } from '../../../../src/report/tables/index.ts';
import { getTemplate, TEMPLATE_IDS, type TemplateId } from '../../../../src/report/templates/index.ts';
import { readSharedText } from '../../../support/shared.ts';
import { tiles } from './grid.ts';

interface SharedTemplate {
  active: { key: string; columns: { key: string }[] }[];
  requests: { columns: { key: string }[]; rows: { key: string }[] };
  appeals: { groups: { key: string }[]; columns: { key: string }[] };
}

/** Every cell key templates.json lists for a template (the full variant). */
function sharedCellKeys(template: SharedTemplate): string[] {
  return [
    ...template.active.flatMap((r) => r.columns.map((c) => `active.${r.key}.${c.key}`)),
    ...template.requests.rows.flatMap((r) => template.requests.columns.map((c) => `requests.${r.key}.${c.key}`)),
    ...template.appeals.groups.flatMap((g) => template.appeals.columns.map((c) => `appeals.${g.key}.${c.key}`)),
  ];
}

const variants = fc.record({ id: fc.constantFrom(...TEMPLATE_IDS), collapsed: fc.boolean() });

function modelOf(id: TemplateId, collapsed: boolean) {
  return reportTables(getTemplate(id), { collapsedOtherHandling: collapsed });
}

/** The body of a table as rows of merged cells: row headers, then one place per value column. */
function bodyRows(table: TableModel) {
  return table.bodies.flatMap((b) => b.rows).map((r) => [...r.header, ...r.cells.map(() => ({ colSpan: 1, rowSpan: 1 }))]);
}

describe('the table model, for every template and variant', () => {
  let shared: Record<TemplateId, SharedTemplate>;
  beforeAll(() => {
    shared = (JSON.parse(readSharedText('domain/templates.json')) as { templates: Record<TemplateId, SharedTemplate> }).templates;
  });

  it('lists every cell key of templates.json exactly once in `order` and in exactly one table', () => {
    fc.assert(
      fc.property(variants, fc.nat(), ({ id }, pick) => {
        const model = modelOf(id, false);
        const keys = sharedCellKeys(shared[id]);
        const key = keys[pick % keys.length] ?? '';
        expect(model.order.filter((k) => k === key)).toHaveLength(1);
        expect(model.tables.filter((t) => t.cells.includes(key))).toHaveLength(1);
        expect(new Set(model.order)).toEqual(new Set(keys));
      }),
    );
  });

  it('has no cell twice, and `order` is its tables’ cells one after the other', () => {
    fc.assert(
      fc.property(variants, ({ id, collapsed }) => {
        const model = modelOf(id, collapsed);
        expect(new Set(model.order).size).toBe(model.order.length);
        expect(model.order).toEqual(model.tables.flatMap((t) => t.cells));
        const rowCells = model.tables.flatMap((t) => t.bodies.flatMap((b) => b.rows.flatMap((r) => r.cells.flatMap((c) => (c ? [c.key] : [])))));
        expect(rowCells).toEqual(model.order);
      }),
    );
  });

  it('tiles every head and every body with its merged cells, no hole and no overlap', () => {
    fc.assert(
      fc.property(variants, ({ id, collapsed }) => {
        for (const table of modelOf(id, collapsed).tables) {
          const width = table.singleRow
            ? table.bodies.flatMap((b) => b.rows).length * table.columns.length
            : table.labelColumns + table.columns.length;
          expect(tiles(table.head, width), `${id} ${table.id} head`).toBe(true);
          expect(tiles(bodyRows(table), table.labelColumns + table.columns.length), `${id} ${table.id} body`).toBe(true);
        }
      }),
    );
  });

  it('sums only cells the variant prints, each total once per rule', () => {
    fc.assert(
      fc.property(variants, ({ id, collapsed }) => {
        const model = modelOf(id, collapsed);
        const printed = new Set(model.order);
        for (const sum of model.totals.sums) {
          expect(printed.has(sum.total)).toBe(true);
          expect(sum.parts.every((p) => printed.has(p) && p !== sum.total)).toBe(true);
        }
        for (const rule of ['R1', 'R2', 'R4'] as const) {
          const totals = model.totals.sums.filter((s) => s.rule === rule).map((s) => s.total);
          expect(new Set(totals).size).toBe(totals.length);
        }
        for (const balance of model.totals.balances) expect([...balance.left, ...balance.right].every((k) => printed.has(k))).toBe(true);
      }),
    );
  });
});
