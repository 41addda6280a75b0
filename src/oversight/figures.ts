/**
 * Key figures as the comparison shows them: each agency's change from last year, and the totals
 * of each area directly below the agency asked about (a prefecture's counties with everything
 * below them), which is what a chart can show of a region without drawing 2,800 bars.
 */
import type { KeyFigure, KeyFigures } from '../report/key-figures.ts';
import type { OversightFigures, OversightRow } from '../contract/oversight.ts';

/** This year's figure minus last year's; null when either is blank. */
export function change(figures: KeyFigures | null, previous: KeyFigures | null, key: KeyFigure): number | null {
  const now = figures?.[key] ?? null;
  const before = previous?.[key] ?? null;
  return now === null || before === null ? null : now - before;
}

/** One bar group of the chart: an area and its totals of one figure this year and last. */
export interface AreaTotal {
  agencyId: string;
  /** True for the agency asked about itself (its own report only, not its area). */
  own: boolean;
  /** True when agencies below it are counted in (a county under a prefecture; not a township). */
  withBelow: boolean;
  value: number;
  previous: number;
}

/**
 * The totals of `key` per area: the root's own report, then each agency directly below the root
 * with everything below it. `rows` are the oversight rows (tree order, with depth and parent).
 */
export function areaTotals(rows: readonly OversightRow[], figures: OversightFigures, key: KeyFigure): AreaTotal[] {
  const root = rows.find((r) => r.depth === 0)?.agency.id;
  if (root === undefined) return [];
  const byAgency = new Map(figures.rows.map((r) => [r.agencyId, r]));
  const parentOf = new Map(rows.map((r) => [r.agency.id, r.agency.parentId]));
  /** The agency directly below the root that `id` sits under (itself at depth 1). */
  const areaOf = (id: string): string | undefined => {
    let at: string | undefined = id;
    while (at !== undefined) {
      const parent: string | null | undefined = parentOf.get(at);
      if (parent === root) return at;
      at = parent ?? undefined;
    }
    return undefined;
  };
  const parents = new Set(rows.flatMap((r) => (r.agency.parentId === null ? [] : [r.agency.parentId])));
  const totals = new Map<string, AreaTotal>([[root, { agencyId: root, own: true, withBelow: false, value: 0, previous: 0 }]]);
  for (const row of rows) {
    if (row.depth === 1) totals.set(row.agency.id, { agencyId: row.agency.id, own: false, withBelow: parents.has(row.agency.id), value: 0, previous: 0 });
  }
  for (const row of rows) {
    const area = row.depth === 0 ? root : areaOf(row.agency.id);
    const total = area === undefined ? undefined : totals.get(area);
    const f = byAgency.get(row.agency.id);
    if (total === undefined || f === undefined) continue;
    total.value += f.figures?.[key] ?? 0;
    total.previous += f.previous?.[key] ?? 0;
  }
  return [...totals.values()];
}

