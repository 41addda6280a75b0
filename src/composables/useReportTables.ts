/**
 * The tables 二, 三 and 四 as the reader draws them, built from the template definition
 * (src/report/templates) — never from a hard-coded list of rows — plus the value of each cell
 * this year and, when the same agency's report for year − 1 is known, last year.
 */
import { computed, type Ref } from 'vue';
import type { CellKey, CellValue, ReportDocument } from '../report/model.ts';
import {
  cellKey,
  cellSpec,
  getTemplate,
  hasCollapsedOtherHandling,
  requestRows,
  type ActiveItem,
  type ActiveRowDef,
  type AppealGroupDef,
  type ColumnDef,
  type RequestGroup,
  type RequestRowDef,
  type TemplateDef,
} from '../report/templates/index.ts';

/** One 第二十条 item of section 二: its rows and the union of their columns, in template order. */
export interface ActiveTable {
  item: ActiveItem;
  columns: ColumnDef[];
  rows: { def: ActiveRowDef; cells: (CellKey | null)[] }[];
}

/** Section 二 as one table per 第二十条 item (report-format.md §2.2, §3.2). */
export function activeTables(template: TemplateDef): ActiveTable[] {
  const tables: ActiveTable[] = [];
  for (const def of template.active) {
    let table = tables.find((t) => t.item === def.item);
    if (table === undefined) {
      table = { item: def.item, columns: [], rows: [] };
      tables.push(table);
    }
    for (const column of def.columns) if (!table.columns.some((c) => c.key === column.key)) table.columns.push(column);
  }
  for (const table of tables) {
    for (const def of template.active.filter((r) => r.item === table.item)) {
      table.rows.push({
        def,
        cells: table.columns.map((c) => (def.columns.some((dc) => dc.key === c.key) ? cellKey('active', def.key, c.key) : null)),
      });
    }
  }
  return tables;
}

/** A merged row header of table 三 ("三、本年度办理结果", "（三）不予公开" …) or a data row. */
export type RequestLine =
  | { kind: 'group'; group: RequestGroup; depth: number }
  | { kind: 'row'; def: RequestRowDef; groups: RequestGroup[]; cells: CellKey[] };

/** A run of table 三 under the same top-level group (one `<tbody>`). */
export interface RequestBody {
  group: RequestGroup | null;
  lines: RequestLine[];
}

/** The merged groups a row of 三 sits under, outermost first (results ⊃ denied/unable/…). */
function groupPath(row: RequestRowDef): RequestGroup[] {
  if (row.group === undefined) return [];
  return row.group === 'results' ? ['results'] : ['results', row.group];
}

/**
 * Table 三 (§2.3, §3.3): rows as printed — with the single （六）其他处理 row when a 2021 report
 * holds it (R6) — split into row groups, each merged header emitted once before its first row.
 */
export function requestBodies(template: TemplateDef, collapsedOtherHandling: boolean): RequestBody[] {
  const bodies: RequestBody[] = [];
  let path: RequestGroup[] = [];
  for (const def of requestRows(template, collapsedOtherHandling)) {
    const next = groupPath(def);
    const top = next[0] ?? null;
    let body = bodies.at(-1);
    if (body === undefined || body.group !== top) {
      body = { group: top, lines: [] };
      bodies.push(body);
      path = [];
    }
    next.forEach((group, depth) => {
      if (path[depth] !== group) body.lines.push({ kind: 'group', group, depth });
    });
    path = next;
    body.lines.push({
      kind: 'row',
      def,
      groups: next,
      cells: template.requests.columns.map((c) => cellKey('requests', def.key, c.key)),
    });
  }
  return bodies;
}

/** The column groups of table 四's header (§2.4): 行政复议 alone, 行政诉讼 over its two groups. */
export interface AppealsHeader {
  /** First header row: a group without parent, or a parent over its groups. */
  top: { key: string; label: string; groups: AppealGroupDef[] }[];
}

/** Table 四's two-level header built from the template's groups. */
export function appealsHeader(template: TemplateDef): AppealsHeader {
  const top: AppealsHeader['top'] = [];
  for (const group of template.appeals.groups) {
    const key = group.parent ?? group.key;
    const last = top.at(-1);
    if (group.parent !== undefined && last?.key === group.parent) last.groups.push(group);
    else top.push({ key, label: group.parent === undefined ? group.label : `template.appeals.groups.${group.parent}`, groups: [group] });
  }
  return { top };
}

/** What the reader knows about one cell. */
export interface CellInfo {
  /** undefined: not in the report; null: printed blank (M1: not 0). */
  value: CellValue | undefined;
  /** Unit of a money cell: as printed, else the template's. */
  unit?: string;
  /** Last year's value, when last year's report is known and has the cell. */
  previous?: CellValue;
}

export function useReportTables(report: Ref<ReportDocument | null>, previous: Ref<ReportDocument | null>) {
  const template = computed(() => (report.value === null ? null : getTemplate(report.value.meta.template)));
  const collapsed = computed(() =>
    report.value === null || template.value === null ? false : hasCollapsedOtherHandling(template.value, report.value.cells),
  );
  const active = computed(() => (template.value === null ? [] : activeTables(template.value)));
  const requests = computed(() => (template.value === null ? [] : requestBodies(template.value, collapsed.value)));
  const appeals = computed(() => (template.value === null ? { top: [] } : appealsHeader(template.value)));
  /** The previous year, when its report is known (for "2019" next to last year's figures). */
  const previousYear = computed(() => previous.value?.meta.year ?? null);

  function cell(key: CellKey): CellInfo {
    const current = report.value;
    if (current === null || template.value === null) return { value: undefined };
    const info: CellInfo = { value: current.cells[key] };
    if (cellSpec(template.value, key)?.kind === 'money') {
      const unit = current.units[key] ?? cellSpec(template.value, key)?.unit;
      if (unit !== undefined) info.unit = unit;
    }
    const before = previous.value;
    // 三 and 四 are the same in both templates; 二's columns changed meaning in 2021 (§3.5).
    const comparable = before !== null && (!key.startsWith('active.') || before.meta.template === current.meta.template);
    if (comparable && key in before.cells) info.previous = before.cells[key] ?? null;
    return info;
  }

  return { template, active, requests, appeals, previousYear, cell };
}
