/**
 * Reports for the Word and HTML export tests: seed-like documents (波密县倾多镇 style, built with
 * blankReport) filled with varied values — blanks (null), 0, signed and decimal values — in the
 * three shapes a report takes: 2019 with a money unit, 2021, and 2021 with one collapsed
 * （六）其他处理 row (R6). Plus a fast-check arbitrary of the same, what an import can give back, and
 * the check that it did.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { blankReport, textIn } from '../../../../src/report/factory.ts';
import type { CellKey, CellValue, ReportDocument } from '../../../../src/report/model.ts';
import { cellSpec, getTemplate, type CellKind } from '../../../../src/report/templates/index.ts';
import { reportTables } from '../../../../src/report/tables/index.ts';

export type Variant = '2019' | '2021' | '2021-collapsed';
export const VARIANTS: readonly Variant[] = ['2019', '2021', '2021-collapsed'];

/** The cell keys a variant holds, in template order. */
export function variantKeys(variant: Variant): CellKey[] {
  return [...reportTables(getTemplate(variant === '2019' ? '2019' : '2021'), { collapsedOtherHandling: variant === '2021-collapsed' }).order];
}

function kindOf(report: ReportDocument, key: CellKey): CellKind {
  return cellSpec(getTemplate(report.meta.template), key)?.kind ?? 'count';
}

/** A report of the variant with prose, its cells still blank; `fill` sets them. */
export function proseReport(variant: Variant, agency = '波密县倾多镇人民政府'): ReportDocument {
  const template = variant === '2019' ? '2019' : '2021';
  const report = blankReport({ id: `export-${variant}`, template, year: template === '2019' ? 2020 : 2022, agencyZh: agency, level: 'township' });
  // The collapsed variant holds requests.other_handling.* instead of the three sub-rows.
  report.cells = Object.fromEntries(variantKeys(variant).map((key) => [key, null]));
  report.preamble = textIn(
    'zh',
    '根据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）要求，现公布本年度政府信息公开工作年度报告。\n本报告包括六个部分。',
  );
  report.sections.overview = textIn('zh', '本年度，本镇扎实推进政府信息公开工作。\n（一）主动公开情况。公告栏主动公开各类政务信息893条。\n（二）依申请公开情况。');
  report.sections.active = textIn('zh', '本镇不制定规章。');
  report.sections.requests = textIn('zh', '本年度共收到政府信息公开申请。');
  // Not a short line naming 行政复议/行政诉讼: the importer reads such a line as the start of
  // table 四 (see the known-limitation tests).
  report.sections.appeals = textIn('zh', '本年度无此类案件。');
  report.sections.problems = textIn('zh', '人员力量不足。\n下一步将加强培训。');
  report.sections.other = textIn('zh', '无其他需要报告的事项。');
  return report;
}

/**
 * A seed-like report with every cell filled by a fixed pattern: every fifth cell blank, every
 * seventh 0, the rest varied; negative 本年增/减, decimal money, 2019 采购总金额 in 元.
 */
export function seedLike(variant: Variant): ReportDocument {
  const report = proseReport(variant);
  variantKeys(variant).forEach((key, i) => {
    const kind = kindOf(report, key);
    let value: CellValue = i % 5 === 4 ? null : i % 7 === 3 ? 0 : (i * 37) % 251;
    if (value !== null && value !== 0 && kind === 'signed') value = i % 2 === 0 ? -value : value;
    if (value !== null && value !== 0 && kind === 'money') value = value * 1000 + 0.25;
    report.cells[key] = value;
  });
  if (variant === '2019') {
    report.cells['active.procurement.amount'] = 251000;
    report.units['active.procurement.amount'] = '元';
  } else {
    report.cells['active.fees.amount'] = 7730.28;
  }
  return report;
}

function valueArbitrary(kind: CellKind): fc.Arbitrary<CellValue> {
  const number: fc.Arbitrary<number> =
    kind === 'signed'
      ? fc.integer({ min: -100_000, max: 100_000 })
      : kind === 'money'
        ? fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 100_000_000 }).map((n) => n / 100))
        : fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 1_000_000 }));
  return fc.option(number, { nil: null, freq: 4 });
}

/** Any report of any variant with random values (and, in 2019, a random unit for 采购总金额). */
export function reportArbitrary(): fc.Arbitrary<ReportDocument> {
  return fc.constantFrom(...VARIANTS).chain((variant) => {
    const base = proseReport(variant);
    const keys = variantKeys(variant);
    return fc
      .tuple(fc.tuple(...keys.map((key) => valueArbitrary(kindOf(base, key)))), fc.constantFrom<string | undefined>('元', '万元', undefined))
      .map(([values, unit]) => {
        const report = proseReport(variant);
        keys.forEach((key, i) => (report.cells[key] = values[i] ?? null));
        if (variant === '2019') report.units = unit === undefined ? {} : { 'active.procurement.amount': unit };
        return report;
      });
  });
}

/**
 * The units an import of the printed report can give back: a unit the template fixes (2021 万元)
 * always; a unit the report printed (2019 251000元) only where the cell has a value, since a
 * blank cell prints no unit.
 */
export function printableUnits(report: ReportDocument): Record<CellKey, string> {
  const template = getTemplate(report.meta.template);
  const units: Record<CellKey, string> = {};
  for (const [key, unit] of Object.entries(report.units)) {
    if (cellSpec(template, key)?.unit !== undefined || (report.cells[key] ?? null) !== null) units[key] = unit;
  }
  return units;
}

/** An import of the printed `report` gave back its template, its cells and the units it printed. */
export function expectTablesBack(back: Pick<ReportDocument, 'cells' | 'units'> & { meta: Pick<ReportDocument['meta'], 'template'> }, report: ReportDocument): void {
  expect(back.meta.template).toBe(report.meta.template);
  expect(back.cells).toEqual(report.cells);
  expect(back.units).toEqual(printableUnits(report));
}
