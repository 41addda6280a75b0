/**
 * The i18n keys naming a row or a cell, for messages: "（三）不予公开 · 1.属于国家秘密 · 自然人".
 * Built from the template definition, so a label lives in one place (locales/).
 */
import type { AdminLevel, CellKey } from './model.ts';
import { parseCellKey, type TemplateDef } from './templates/index.ts';

/** Label keys of a row (`table.row`), outermost group first; empty when the row is unknown. */
export function rowLabelKeys(template: TemplateDef, table: string, row: string): string[] {
  if (table === 'active') {
    const def = template.active.find((r) => r.key === row);
    return def === undefined ? [] : [def.label];
  }
  if (table === 'requests') {
    const def = template.requests.rows.find((r) => r.key === row) ??
      (template.requests.collapsedOtherHandling?.key === row ? template.requests.collapsedOtherHandling : undefined);
    if (def === undefined) return [];
    // Rows under （三）（四）（五）（六） are only meaningful with their group: "1.属于国家秘密".
    const group = def.group !== undefined && def.group !== 'results' ? [`template.requests.groups.${def.group}`] : [];
    return [...group, def.label];
  }
  if (table === 'appeals') {
    const def = template.appeals.groups.find((g) => g.key === row);
    return def === undefined ? [] : [def.label];
  }
  return [];
}

/** Label keys of a cell: its row's, then its column's; empty when the key is unknown. */
export function cellLabelKeys(template: TemplateDef, key: CellKey): string[] {
  const parsed = parseCellKey(key);
  if (parsed === undefined) return [];
  const row = rowLabelKeys(template, parsed.table, parsed.row);
  if (row.length === 0) return [];
  if (parsed.table === 'active') {
    const column = template.active.find((r) => r.key === parsed.row)?.columns.find((c) => c.key === parsed.column);
    return column === undefined ? [] : [...row, column.label];
  }
  const columns = parsed.table === 'requests' ? template.requests.columns : template.appeals.columns;
  const column = columns.find((c) => c.key === parsed.column);
  return column === undefined ? [] : [...row, column.label];
}

/** Label key of an administrative level. */
export function levelLabelKey(level: AdminLevel): string {
  return `labels.levels.${level}`;
}
