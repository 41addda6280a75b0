import { describe, expect, it } from 'vitest';
import { blankReport } from '../../../../src/report/factory.ts';
import { orderedCellKeys, toCellsJson } from '../../../../src/report/export/index.ts';
import { getTemplate } from '../../../../src/report/templates/index.ts';
import { reportTables } from '../../../../src/report/tables/index.ts';

const base = { id: 'r1', agencyZh: '波密县倾多镇人民政府', level: 'township' as const };

describe('toCellsJson', () => {
  it('prints exactly the compact form, cells in template order, null kept, units of present cells only', () => {
    const report = blankReport({ ...base, template: '2019', year: 2020 });
    // Written out of order on purpose: the export orders by the template.
    report.cells = {
      'appeals.review.total': null,
      'requests.new_received.total': 0,
      'active.procurement.amount': 8040,
      'active.rules.made': null,
    };
    report.units = { 'active.procurement.amount': '元', 'active.procurement.count': '项' };
    expect(toCellsJson(report)).toBe(
      '{"template":"2019","year":2020,"agency":"波密县倾多镇人民政府",' +
        '"cells":{"active.rules.made":null,"active.procurement.amount":8040,' +
        '"requests.new_received.total":0,"appeals.review.total":null},' +
        '"units":{"active.procurement.amount":"元"}}',
    );
  });

  it('prints every cell of a blank report, in print order, all null', () => {
    const report = blankReport({ ...base, template: '2021', year: 2021 });
    const parsed = JSON.parse(toCellsJson(report)) as { cells: Record<string, unknown>; units: Record<string, string> };
    expect(Object.keys(parsed.cells)).toEqual(reportTables(getTemplate('2021')).order);
    expect(Object.values(parsed.cells).every((v) => v === null)).toBe(true);
    expect(parsed.units).toEqual({ 'active.fees.amount': '万元' });
  });

  it('puts a collapsed （六）其他处理 row of a 2021 report where the table prints it (R6)', () => {
    const report = blankReport({ ...base, template: '2021', year: 2023, fill: 0 });
    const cells: Record<string, number | null> = {};
    for (const [key, value] of Object.entries(report.cells)) {
      if (!key.startsWith('requests.other_handling_')) cells[key] = value;
    }
    for (const column of getTemplate('2021').requests.columns) cells[`requests.other_handling.${column.key}`] = 0;
    report.cells = cells;
    const keys = orderedCellKeys(report);
    expect(keys).toEqual(reportTables(getTemplate('2021'), { collapsedOtherHandling: true }).order);
    expect(keys.indexOf('requests.other_handling.total')).toBeLessThan(keys.indexOf('requests.results_total.natural_person'));
    expect(keys.indexOf('requests.other_handling.total')).toBeGreaterThan(keys.indexOf('requests.not_processed_5.total'));
  });

  it('never drops a value: sub-rows next to the collapsed row are kept after the template order', () => {
    const report = blankReport({ ...base, template: '2021', year: 2023, fill: 0 });
    report.cells['requests.other_handling.total'] = 1;
    const parsed = JSON.parse(toCellsJson(report)) as { cells: Record<string, unknown> };
    expect(Object.keys(parsed.cells)).toHaveLength(Object.keys(report.cells).length);
  });
});
