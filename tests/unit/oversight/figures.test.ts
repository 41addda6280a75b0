import { describe, expect, it } from 'vitest';
import type { OversightFigures, OversightRow } from '../../../src/contract/oversight.ts';
import type { KeyFigures } from '../../../src/report/key-figures.ts';
import { areaTotals, change } from '../../../src/oversight/figures.ts';

const figures = (received: number | null): KeyFigures => ({ received, results: received, review: 0, lawsuits: 0, disclosed: 0 });

function row(id: string, parentId: string | null, depth: number): OversightRow {
  return {
    agency: { id, zh: id, level: depth === 0 ? 'city' : depth === 1 ? 'county' : 'township', parentId },
    depth,
    status: 'published',
    reportId: `${id}-2024`,
    version: 1,
    draftId: null,
    publishedAt: '2025-01-20T02:00:00.000Z',
    deadline: '2025-01-31',
    late: false,
    atRisk: false,
    findings: { error: 0, warning: 0 },
  };
}

describe('key figures on the oversight page', () => {
  it('change from last year, blank when either year is blank', () => {
    expect(change(figures(5), figures(3), 'received')).toBe(2);
    expect(change(figures(1), figures(3), 'received')).toBe(-2);
    expect(change(figures(null), figures(3), 'received')).toBeNull();
    expect(change(figures(4), null, 'received')).toBeNull();
  });

  it('total each area below the agency asked about, its own report apart', () => {
    const rows = [row('city', null, 0), row('c1', 'city', 1), row('t1', 'c1', 2), row('t2', 'c1', 2), row('edu', 'city', 1)];
    const data: OversightFigures = {
      agency: rows[0]?.agency ?? row('city', null, 0).agency,
      year: 2024,
      rows: [
        { agencyId: 'city', figures: figures(10), previous: figures(8) },
        { agencyId: 'c1', figures: figures(4), previous: null },
        { agencyId: 't1', figures: figures(2), previous: figures(1) },
        { agencyId: 't2', figures: figures(null), previous: figures(1) },
        { agencyId: 'edu', figures: null, previous: figures(6) },
      ],
      sums: { figures: figures(16), previous: figures(16), reports: 3, previousReports: 4 },
    };
    expect(areaTotals(rows, data, 'received')).toEqual([
      { agencyId: 'city', own: true, withBelow: false, value: 10, previous: 8 },
      { agencyId: 'c1', own: false, withBelow: true, value: 6, previous: 2 },
      { agencyId: 'edu', own: false, withBelow: false, value: 0, previous: 6 },
    ]);
  });
});
