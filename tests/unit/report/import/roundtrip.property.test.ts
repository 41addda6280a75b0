/**
 * Export → import round trip: random consistent reports of both templates (and 2021 with the
 * collapsed （六） row), written in the official layout as one-cell-per-line text, `|` rows with
 * padding cells, Lotho's own Markdown export, HTML and Word, import to exactly the same cells.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toMarkdown } from '../../../../src/report/export/markdown.ts';
import { blankReport, textIn } from '../../../../src/report/factory.ts';
import { importFile, importText, type ImportResult } from '../../../../src/report/import/index.ts';
import { ZH_MESSAGES } from '../../../../src/report/labels.ts';
import type { CellKey, CellValue, ReportDocument } from '../../../../src/report/model.ts';
import { cellKey, getTemplate, requestRows, type TemplateId } from '../../../../src/report/templates/index.ts';
import { reportTables } from '../../../../src/report/tables/index.ts';
import { plainValue, renderCellLines, renderDocx, renderHtml, renderPipeRows, type ValueWriter } from './layout.ts';

const AGENCIES = ['措美县哲古镇人民政府', '错那县觉拉乡人民政府', '桑日县人民政府', '山南市人民政府', '林芝市林业和草原局'];

interface Shape {
  template: TemplateId;
  collapsed: boolean;
  agency: string;
  year: number;
  /** Print the 2019 采购总金额 with 元 after it. */
  yuan: boolean;
}

const shape: fc.Arbitrary<Shape> = fc.oneof(
  fc.record({
    template: fc.constant<TemplateId>('2019'),
    collapsed: fc.constant(false),
    agency: fc.constantFrom(...AGENCIES),
    year: fc.integer({ min: 2019, max: 2020 }),
    yuan: fc.boolean(),
  }),
  fc.record({
    template: fc.constant<TemplateId>('2021'),
    collapsed: fc.boolean(),
    agency: fc.constantFrom(...AGENCIES),
    year: fc.integer({ min: 2021, max: 2025 }),
    yuan: fc.constant(false),
  }),
);

/** Small counts mostly, sometimes large ones. */
const count = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 9 }) }, { weight: 1, arbitrary: fc.integer({ min: 10, max: 99999 }) });
const signed = fc.integer({ min: -500, max: 500 });
/** 万元 with up to two decimals: whole cents over 100 print without float noise. */
const money = fc.integer({ min: 0, max: 99_999_999 }).map((cents) => cents / 100);

/** A report whose tables obey R1–R4 (row totals, results total, 勾稽关系, appeal totals). */
function consistentReport(s: Shape): fc.Arbitrary<ReportDocument> {
  const template = getTemplate(s.template);
  const rows = requestRows(template, s.collapsed);
  const details = rows.filter((r) => r.role === 'detail');
  const applicants = template.requests.columns.filter((c) => c.key !== 'total');
  const activeKeys = template.active.flatMap((row) => row.columns.map((c) => ({ key: cellKey('active', row.key, c.key), kind: c.kind })));
  return fc
    .record({
      active: fc.tuple(...activeKeys.map((k) => (k.kind === 'signed' ? signed : k.kind === 'money' ? (s.template === '2021' ? money : fc.integer({ min: 0, max: 9_999_999 })) : count))),
      details: fc.array(fc.array(count, { minLength: applicants.length, maxLength: applicants.length }), { minLength: details.length, maxLength: details.length }),
      forward: fc.array(count, { minLength: applicants.length, maxLength: applicants.length }),
      carriedShare: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: applicants.length, maxLength: applicants.length }),
      appeals: fc.array(fc.array(count, { minLength: 4, maxLength: 4 }), { minLength: 3, maxLength: 3 }),
    })
    .map((v) => {
      const report = blankReport({ id: 'generated', template: s.template, year: s.year, agencyZh: s.agency, level: 'county', fill: 0 });
      // The collapsed form holds requests.other_handling.* in place of the three sub-rows (R6).
      report.cells = Object.fromEntries(reportTables(template, { collapsedOtherHandling: s.collapsed }).order.map((key): [CellKey, CellValue] => [key, 0]));
      activeKeys.forEach((k, i) => {
        report.cells[k.key] = v.active[i] ?? 0;
      });
      if (s.yuan) report.units['active.procurement.amount'] = '元';
      const setRow = (row: string, values: number[]): void => {
        applicants.forEach((c, i) => {
          report.cells[cellKey('requests', row, c.key)] = values[i] ?? 0;
        });
        report.cells[cellKey('requests', row, 'total')] = values.reduce((a, b) => a + b, 0);
      };
      const results = applicants.map((_, i) => v.details.reduce((sum, d) => sum + (d[i] ?? 0), 0));
      details.forEach((row, r) => {
        setRow(row.key, v.details[r] ?? []);
      });
      setRow('results_total', results);
      setRow('carry_forward', v.forward);
      const carried = applicants.map((_, i) => Math.floor((v.carriedShare[i] ?? 0) * ((results[i] ?? 0) + (v.forward[i] ?? 0))));
      setRow('carried_over', carried);
      setRow('new_received', applicants.map((_, i) => (results[i] ?? 0) + (v.forward[i] ?? 0) - (carried[i] ?? 0)));
      template.appeals.groups.forEach((g, i) => {
        const four = v.appeals[i] ?? [0, 0, 0, 0];
        template.appeals.columns.forEach((c, j) => {
          report.cells[cellKey('appeals', g.key, c.key)] = c.key === 'total' ? four.reduce((a, b) => a + b, 0) : (four[j] ?? 0);
        });
      });
      report.preamble = textIn('zh', `根据《中华人民共和国政府信息公开条例》要求，现公布${s.agency}${s.year}年政府信息公开工作年度报告。`);
      report.sections.overview = textIn('zh', `${s.year}年，本机关依法推进政府信息公开工作。`);
      report.sections.problems = textIn('zh', '公开载体还不够丰富。下一步将拓展公开渠道。');
      report.sections.other = textIn('zh', '无。');
      return report;
    });
}

const reports = shape.chain(consistentReport);

/** Writes money with the unit the report stores for it (2019 采购总金额 may print 元). */
function writerFor(report: ReportDocument): ValueWriter {
  return (key, value) => {
    const text = plainValue(key, value);
    return text !== '' && key === 'active.procurement.amount' ? `${text}${report.units[key] ?? ''}` : text;
  };
}

function expectSameReport(imported: ImportResult, report: ReportDocument): void {
  expect(imported.report.cells).toEqual(report.cells);
  expect(imported.report.units).toEqual(report.units);
  expect(imported.report.meta).toMatchObject({ agency: { zh: report.meta.agency.zh }, year: report.meta.year, template: report.meta.template });
  expect(imported.importReport.template.decidedBy).toBe('headers');
  expect(imported.importReport.missingRows).toEqual([]);
  expect(imported.importReport.unplaced).toEqual([]);
  expect(imported.complete).toBe(true);
}

/** Some cells printed blank: 0 and null must come back as they were. */
function withBlanks(report: ReportDocument, blanks: readonly number[]): ReportDocument {
  const keys: CellKey[] = Object.keys(report.cells);
  const cells: Record<CellKey, CellValue> = { ...report.cells };
  const units = { ...report.units };
  for (const b of blanks) {
    const key = keys[b % keys.length];
    if (key === undefined) continue;
    cells[key] = null;
    // A unit printed after the value (元) goes with it; a template unit (万元) stays.
    if (key === 'active.procurement.amount') delete units['active.procurement.amount'];
  }
  return { ...report, cells, units };
}

describe('export → import round trip (property)', () => {
  it('one cell per line (seed layout)', () => {
    fc.assert(
      fc.property(reports, (report) => {
        expectSameReport(importText(renderCellLines(report, writerFor(report))), report);
      }),
      { numRuns: 50 },
    );
  });

  it('| rows padded after each spanning cell', () => {
    fc.assert(
      fc.property(reports, (report) => {
        expectSameReport(importText(renderPipeRows(report, writerFor(report), 'after-span')), report);
      }),
      { numRuns: 50 },
    );
  });

  it('| rows padded at the row end (corpus 14), blanks included', () => {
    fc.assert(
      fc.property(reports, fc.array(fc.nat(), { maxLength: 12 }), (generated, blanks) => {
        const report = withBlanks(generated, blanks);
        expectSameReport(importText(renderPipeRows(report, writerFor(report), 'row-end')), report);
      }),
      { numRuns: 50 },
    );
  });

  it("Lotho's own Markdown export, blanks included", () => {
    fc.assert(
      fc.property(reports, fc.array(fc.nat(), { maxLength: 12 }), (generated, blanks) => {
        const report = withBlanks(generated, blanks);
        expectSameReport(importText(toMarkdown(report, 'zh', ZH_MESSAGES)), report);
      }),
      { numRuns: 50 },
    );
  });

  it('HTML tables with colspan/rowspan, blanks included', async () => {
    await fc.assert(
      fc.asyncProperty(reports, fc.array(fc.nat(), { maxLength: 12 }), async (generated, blanks) => {
        const report = withBlanks(generated, blanks);
        const bytes = new TextEncoder().encode(renderHtml(report, writerFor(report)));
        expectSameReport(await importFile(bytes, 'report.html'), report);
      }),
      { numRuns: 50 },
    );
  });

  it('Word tables with merged cells', async () => {
    await fc.assert(
      fc.asyncProperty(reports, async (report) => {
        expectSameReport(await importFile(await renderDocx(report, writerFor(report)), 'report.docx'), report);
      }),
      { numRuns: 20 },
    );
  });
});
