/** Lookups over the template definitions: which cells a report has, and what each may hold. */
import type { CellKey } from '../model.ts';
import { TEMPLATE_2019, TEMPLATE_2021 } from './definitions.ts';
import type { CellKind, RequestRowDef, TemplateDef, TemplateId } from './types.ts';

export * from './types.ts';
export { TEMPLATE_2019, TEMPLATE_2021 };

const TEMPLATES: Record<TemplateId, TemplateDef> = { '2019': TEMPLATE_2019, '2021': TEMPLATE_2021 };

/** The template definition for an id. */
export function getTemplate(id: TemplateId): TemplateDef {
  return TEMPLATES[id];
}

/** True for '2019' and '2021'. */
export function isTemplateId(value: unknown): value is TemplateId {
  return value === '2019' || value === '2021';
}

/** Builds a cell key `table.row.column`. */
export function cellKey(table: 'active' | 'requests' | 'appeals', row: string, column: string): CellKey {
  return `${table}.${row}.${column}`;
}

/** Splits a cell key into its three parts, or returns undefined for anything else. */
export function parseCellKey(key: string): { table: string; row: string; column: string } | undefined {
  const parts = key.split('.');
  if (parts.length !== 3) return undefined;
  const [table, row, column] = parts as [string, string, string];
  return { table, row, column };
}

/**
 * Rows of table 三 as printed: the full template, or for a 2021 report with one collapsed
 * （六）其他处理 row (R6) that row in place of the three sub-rows.
 */
export function requestRows(template: TemplateDef, collapsedOtherHandling = false): readonly RequestRowDef[] {
  const collapsed = template.requests.collapsedOtherHandling;
  if (!collapsedOtherHandling || collapsed === undefined) return template.requests.rows;
  const rows: RequestRowDef[] = [];
  for (const row of template.requests.rows) {
    if (row.group === 'other_handling') {
      if (!rows.includes(collapsed)) rows.push(collapsed);
    } else {
      rows.push(row);
    }
  }
  return rows;
}

/** Cell keys of section 二 in template order. */
export function activeCellKeys(template: TemplateDef): CellKey[] {
  return template.active.flatMap((row) => row.columns.map((c) => cellKey('active', row.key, c.key)));
}

/** Cell keys of table 三 in template order. */
export function requestCellKeys(template: TemplateDef, collapsedOtherHandling = false): CellKey[] {
  return requestRows(template, collapsedOtherHandling).flatMap((row) =>
    template.requests.columns.map((c) => cellKey('requests', row.key, c.key)),
  );
}

/** Cell keys of table 四 in template order. */
export function appealCellKeys(template: TemplateDef): CellKey[] {
  return template.appeals.groups.flatMap((g) => template.appeals.columns.map((c) => cellKey('appeals', g.key, c.key)));
}

/** Every cell key of a template, in the order the tables print them. */
export function allCellKeys(template: TemplateDef, collapsedOtherHandling = false): CellKey[] {
  return [...activeCellKeys(template), ...requestCellKeys(template, collapsedOtherHandling), ...appealCellKeys(template)];
}

/** What a cell may hold (R5) and its fixed unit, or undefined when the key is not in the template. */
export function cellSpec(template: TemplateDef, key: CellKey): { kind: CellKind; unit?: string } | undefined {
  const parsed = parseCellKey(key);
  if (parsed === undefined) return undefined;
  if (parsed.table === 'active') {
    const column = template.active.find((r) => r.key === parsed.row)?.columns.find((c) => c.key === parsed.column);
    return column && (column.unit === undefined ? { kind: column.kind } : { kind: column.kind, unit: column.unit });
  }
  if (parsed.table === 'requests') {
    const rowKnown = requestRows(template, false).some((r) => r.key === parsed.row) ||
      template.requests.collapsedOtherHandling?.key === parsed.row;
    const column = template.requests.columns.find((c) => c.key === parsed.column);
    return rowKnown && column ? { kind: column.kind } : undefined;
  }
  if (parsed.table === 'appeals') {
    const groupKnown = template.appeals.groups.some((g) => g.key === parsed.row);
    const column = template.appeals.columns.find((c) => c.key === parsed.column);
    return groupKnown && column ? { kind: column.kind } : undefined;
  }
  return undefined;
}

/** True when a 2021 report holds the single collapsed （六）其他处理 row instead of the sub-rows (R6). */
export function hasCollapsedOtherHandling(template: TemplateDef, cells: Record<CellKey, unknown>): boolean {
  const collapsed = template.requests.collapsedOtherHandling;
  if (collapsed === undefined) return false;
  return template.requests.columns.some((c) => cellKey('requests', collapsed.key, c.key) in cells);
}
