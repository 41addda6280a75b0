/**
 * Property tests: random consistent reports have no errors (all three table shapes), and changing
 * any one cell of 三 or 四 is caught by an error that names that cell.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../../../src/report/model.ts';
import {
  cellKey,
  getTemplate,
  requestRows,
  type TemplateId,
} from '../../../../src/report/templates/index.ts';
import { reportTables } from '../../../../src/report/tables/index.ts';
import { validate } from '../../../../src/report/validate/index.ts';
import { collapseOtherHandling, setAppealGroup, setRequestRow, zeroReport } from './helpers.ts';

interface Variant {
  template: TemplateId;
  collapsed: boolean;
}

const VARIANTS: readonly Variant[] = [
  { template: '2019', collapsed: false },
  { template: '2021', collapsed: false },
  { template: '2021', collapsed: true },
];

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** A report whose tables satisfy R1–R6 and R5, filled from a pool of random small numbers. */
function consistentReport(variant: Variant, pool: readonly number[]): ReportDocument {
  let i = 0;
  const next = (): number => pool[i++ % pool.length] ?? 0;
  const six = (): number[] => Array.from({ length: 6 }, next);
  const report = zeroReport(variant.template, { level: 'city' });
  if (variant.collapsed) collapseOtherHandling(report, 0);
  const template = getTemplate(variant.template);

  const results = [0, 0, 0, 0, 0, 0];
  for (const row of requestRows(template, variant.collapsed).filter((r) => r.role === 'detail')) {
    const values = six();
    values.forEach((v, c) => (results[c] = (results[c] ?? 0) + v));
    setRequestRow(report, row.key, [...values, sum(values)]);
  }
  const forward = six();
  // R3 per column: received = results + forward − carried, kept non-negative.
  const carried = six().map((v, c) => Math.min(v, (results[c] ?? 0) + (forward[c] ?? 0)));
  const received = results.map((r, c) => r + (forward[c] ?? 0) - (carried[c] ?? 0));
  for (const [row, values] of [['results_total', results], ['carry_forward', forward], ['carried_over', carried], ['new_received', received]] as const) {
    setRequestRow(report, row, [...values, sum(values)]);
  }
  for (const group of template.appeals.groups) {
    const values = [next(), next(), next(), next()];
    setAppealGroup(report, group.key, [...values, sum(values)]);
  }
  for (const row of template.active) {
    for (const column of row.columns) {
      const value = column.kind === 'signed' ? next() - 30 : column.kind === 'money' ? next() * 100 + next() / 4 : next();
      report.cells[cellKey('active', row.key, column.key)] = value;
    }
  }
  return report;
}

const pool = fc.array(fc.nat({ max: 60 }), { minLength: 64, maxLength: 64 });
const variant = fc.constantFrom(...VARIANTS);

/** The printed cells of tables 三 and 四 of a variant. */
function tableCells(v: Variant): string[] {
  const template = getTemplate(v.template);
  return reportTables(template, { collapsedOtherHandling: v.collapsed }).tables.filter((t) => t.section !== 'active').flatMap((t) => t.cells);
}

describe('validator properties', () => {
  it('consistent reports of every template shape have no error findings', () => {
    fc.assert(
      fc.property(variant, pool, (v, values) => {
        const findings = validate(consistentReport(v, values));
        expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('the generator covers the collapsed shape as printed (no sub-rows, one （六） row)', () => {
    const report = consistentReport({ template: '2021', collapsed: true }, [1, 2, 3]);
    expect('requests.other_handling_1.total' in report.cells).toBe(false);
    expect(report.cells['requests.other_handling.total']).toBeTypeOf('number');
  });

  it('perturbing any one cell of 三 or 四 is caught by an error naming that cell', () => {
    const perturbation = variant.chain((v) =>
      fc.record({
        v: fc.constant(v),
        values: pool,
        key: fc.constantFrom(...tableCells(v)),
        delta: fc.integer({ min: -20, max: 20 }).filter((d) => d !== 0),
      }),
    );
    fc.assert(
      fc.property(perturbation, ({ v, values, key, delta }) => {
        const report = consistentReport(v, values);
        report.cells[key] = (report.cells[key] ?? 0) + delta;
        const caught = validate(report).some((f) => f.severity === 'error' && f.cells.includes(key));
        expect(caught, `${v.template}${v.collapsed ? ' collapsed' : ''} ${key} ${delta}`).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
