import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatNumber, tableLayouts, valueText, type LayoutRow, type TableLayout } from '../../../../src/report/export/table-layout.ts';
import { ZH_MESSAGES, type MessageTree } from '../../../../src/report/labels.ts';
import { getTemplate } from '../../../../src/report/templates/index.ts';
import { seedLike, variantKeys, VARIANTS } from './reports.ts';

const BO = JSON.parse(readFileSync(new URL('../../../../locales/bo.json', import.meta.url), 'utf8')) as MessageTree;

/** Width of each row once the cells merged down from rows above are counted in. */
function filledWidths(rows: readonly LayoutRow[]): number[] {
  let carried: number[] = [];
  return rows.map((row) => {
    let width = carried.filter((n) => n > 0).length;
    const next = carried.map((n) => Math.max(0, n - 1));
    for (const cell of row) {
      width += cell.colSpan;
      for (let i = 0; i < cell.colSpan; i += 1) next.push(cell.rowSpan - 1);
    }
    carried = next;
    return width;
  });
}

function allRows(layout: TableLayout): LayoutRow[] {
  return [...layout.head, ...layout.bodies.flat()];
}

describe('tableLayouts', () => {
  for (const variant of VARIANTS) {
    for (const [lang, messages] of [['zh', ZH_MESSAGES], ['bo', BO]] as const) {
      it(`fills every grid row, places every cell once, and has every label (${variant}, ${lang})`, () => {
        const layouts = tableLayouts(seedLike(variant), messages);
        const keys: string[] = [];
        for (const layout of Object.values(layouts)) {
          // Row groups never share a merge, so each body and the head fill their grid alone.
          for (const rows of [layout.head, ...layout.bodies]) {
            for (const width of filledWidths(rows)) expect(width, layout.table).toBe(layout.widths.length);
          }
          for (const cell of allRows(layout).flat()) {
            if (cell.key !== undefined) keys.push(cell.key);
            else expect(cell.text, `${layout.table}: a label missing from ${lang}`).not.toMatch(/^(?:template|export)\./u);
            if (cell.header) expect(cell.scope).toBeDefined();
          }
        }
        expect(keys).toEqual(variantKeys(variant));
      });
    }
  }

  it('prints numbers in plain notation and money with the unit the header does not state', () => {
    expect(formatNumber(1e21)).toBe('1000000000000000000000');
    expect(formatNumber(1e-7)).toBe('0.0000001');
    expect(formatNumber(-8)).toBe('-8');
    const r2019 = seedLike('2019');
    expect(valueText(r2019, getTemplate('2019'), 'active.procurement.amount')).toBe('251000元');
    r2019.cells['active.rules.made'] = null;
    expect(valueText(r2019, getTemplate('2019'), 'active.rules.made')).toBe('');
    const r2021 = seedLike('2021');
    expect(valueText(r2021, getTemplate('2021'), 'active.fees.amount')).toBe('7730.28');
  });
});
