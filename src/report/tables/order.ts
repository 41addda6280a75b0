/**
 * Print order across both variants of a template (rules and exports must not miss a cell a report
 * holds in the other variant), and of the cells a report holds.
 */
import type { CellKey } from '../model.ts';
import { getTemplate, type TemplateDef, type TemplateId } from '../templates/index.ts';
import { reportTables } from './tables.ts';
import type { RowModel, SumIdentity } from './types.ts';

/**
 * `first`, with the items only `second` has inserted after the item that precedes them in
 * `second`: the collapsed （六） row lands just before the three sub-rows it stands for.
 */
function mergeBy<T>(first: readonly T[], second: readonly T[], id: (item: T) => string): T[] {
  const merged = [...first];
  const ids = first.map(id);
  let after = -1;
  for (const item of second) {
    const at = ids.indexOf(id(item));
    if (at >= 0) {
      after = at;
      continue;
    }
    after += 1;
    merged.splice(after, 0, item);
    ids.splice(after, 0, id(item));
  }
  return merged;
}

function bothVariants(template: TemplateDef) {
  return [false, true].map((collapsedOtherHandling) => reportTables(template, { collapsedOtherHandling })) as [
    ReturnType<typeof reportTables>,
    ReturnType<typeof reportTables>,
  ];
}

const rowsOf = new WeakMap<TemplateDef, readonly RowModel[]>();

/** Every row the template can print, in either variant, in print order (二, 三, 四). */
export function everyRow(template: TemplateDef): readonly RowModel[] {
  let rows = rowsOf.get(template);
  if (rows === undefined) {
    const [full, collapsed] = bothVariants(template).map((m) => m.tables.flatMap((t) => t.bodies.flatMap((b) => b.rows))) as [RowModel[], RowModel[]];
    rows = mergeBy(full, collapsed, (r) => r.id);
    rowsOf.set(template, rows);
  }
  return rows;
}

/** Every cell key the template can print, in either variant, in print order. */
export function everyCellKey(template: TemplateDef): CellKey[] {
  return everyRow(template).flatMap((r) => r.cells.flatMap((c) => (c === null ? [] : [c.key])));
}

/**
 * The sums of a row rule (R1, R4) in either variant, each total once, in print order: a report
 * holding both the collapsed row and sub-rows has every row's 总计 checked.
 */
export function everyRowSum(template: TemplateDef, rule: 'R1' | 'R4'): SumIdentity[] {
  const [full, collapsed] = bothVariants(template).map((m) => m.totals.sums.filter((s) => s.rule === rule)) as [SumIdentity[], SumIdentity[]];
  return mergeBy(full, collapsed, (s) => s.total);
}

/**
 * The cell keys a report holds, in print order (a 2021 report holding both the collapsed row and
 * sub-rows has both, the collapsed row first), then any the template does not know, sorted: an
 * export never drops a value, and the same report always lists its cells alike.
 */
export function orderedCellKeys(report: { meta: { template: TemplateId }; cells: Record<CellKey, unknown> }): CellKey[] {
  const present = new Set(Object.keys(report.cells));
  const ordered = everyCellKey(getTemplate(report.meta.template)).filter((key) => present.delete(key));
  return [...ordered, ...[...present].sort()];
}
