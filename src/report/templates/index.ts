/** Lookups over the template definitions: which cells a report has, and what each may hold. */
import type { CellKey } from '../model.ts';
import { TEMPLATE_2019, TEMPLATE_2021 } from './definitions.ts';
import { TEMPLATE_IDS, type CellKind, type RequestRowDef, type TemplateDef, type TemplateId } from './types.ts';

export * from './types.ts';
export { TEMPLATE_2019, TEMPLATE_2021 };

const TEMPLATES = new Map<string, TemplateDef>([
  ['2019', TEMPLATE_2019],
  ['2021', TEMPLATE_2021],
]);

/** The template definition for an id. */
export function getTemplate(id: TemplateId): TemplateDef {
  const template = TEMPLATES.get(id);
  if (template === undefined) throw new Error(`unknown template ${id}`);
  return template;
}

/** True for the id of a registered template ('2019', '2021'). */
export function isTemplateId(value: unknown): value is TemplateId {
  return typeof value === 'string' && TEMPLATES.has(value);
}

/**
 * Registers one more template: every lookup, schema and table model then knows it. A new national
 * template is its definition (as in definitions.ts) plus its labels in locales/; the test suite
 * registers a hypothetical third one to show that nothing else needs to change.
 */
export function registerTemplate(template: TemplateDef): void {
  if (TEMPLATES.has(template.id)) throw new Error(`template ${template.id} is already registered`);
  TEMPLATES.set(template.id, template);
  (TEMPLATE_IDS as TemplateId[]).push(template.id);
}

/** The registered templates, in the order they were registered. */
export function registeredTemplates(): TemplateDef[] {
  return [...TEMPLATES.values()];
}

function byFirstYear(templates: readonly TemplateDef[]): TemplateDef[] {
  return [...templates].sort((a, b) => a.reportYears.from - b.reportYears.from);
}

/** The newest registered template: what a report that says nothing of its template is read with. */
export function newestTemplate(): TemplateDef {
  const newest = byFirstYear(registeredTemplates()).at(-1);
  if (newest === undefined) throw new Error('no template registered');
  return newest;
}

/**
 * The template a report of `year` was meant to use: the newest whose `reportYears` began by then
 * (a year before every range gets the oldest template).
 */
export function templateForYear(year: number): TemplateDef {
  const begun = byFirstYear(registeredTemplates()).filter((t) => t.reportYears.from <= year);
  return begun.at(-1) ?? byFirstYear(registeredTemplates())[0] ?? newestTemplate();
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
 * （六）其他处理 row (R6) that row in place of the three sub-rows: the rows of the group that has
 * the collapsed row's key.
 */
export function requestRows(template: TemplateDef, collapsedOtherHandling = false): readonly RequestRowDef[] {
  const collapsed = template.requests.collapsedOtherHandling;
  if (!collapsedOtherHandling || collapsed === undefined) return template.requests.rows;
  const rows: RequestRowDef[] = [];
  for (const row of template.requests.rows) {
    if (row.group === collapsed.key) {
      if (!rows.includes(collapsed)) rows.push(collapsed);
    } else {
      rows.push(row);
    }
  }
  return rows;
}

export type CellSpec = Readonly<{ kind: CellKind; unit?: string }>;

/**
 * Specs already looked up, per template: every stored report is checked cell by cell when it is
 * read (schema.ts), and a region's 14,000 reports hold about 300 cells each. Only a template's own
 * keys are kept, so the map is bounded by the template whatever keys a file brings.
 */
const specsOf = new WeakMap<TemplateDef, Map<string, CellSpec>>();

/** What a cell may hold (R5) and its fixed unit, or undefined when the key is not in the template. */
export function cellSpec(template: TemplateDef, key: CellKey): CellSpec | undefined {
  let specs = specsOf.get(template);
  if (specs === undefined) {
    specs = new Map();
    specsOf.set(template, specs);
  }
  const known = specs.get(key);
  if (known !== undefined) return known;
  const spec = lookUpCellSpec(template, key);
  if (spec !== undefined) specs.set(key, Object.freeze(spec));
  return spec;
}

function lookUpCellSpec(template: TemplateDef, key: CellKey): CellSpec | undefined {
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
