/**
 * The tables 二, 三 and 四 as the reader draws them, read from the table model (src/report/tables)
 * — never from a hard-coded list of rows — plus the value of each cell
 * this year and, when the same agency's report for year − 1 is known, last year.
 */
import { computed, type Ref } from 'vue';
import type { CellKey, CellValue, ReportDocument } from '../report/model.ts';
import { tablesOfReport, type ColumnModel, type ReportTables, type RowModel, type TableModel } from '../report/tables/index.ts';
import { cellSpec, getTemplate, type AppealGroupDef } from '../report/templates/index.ts';

/** One 第二十条 item of section 二: its rows and the union of their columns, in template order. */
export interface ActiveTable {
  /** The table's id, fit for DOM ids (active-1). */
  key: string;
  /** i18n key of the item's caption (第二十条第（一）项). */
  caption: string;
  columns: readonly ColumnModel[];
  rows: { def: RowModel; cells: (CellKey | null)[] }[];
}

function rowsOf(table: TableModel): RowModel[] {
  return table.bodies.flatMap((b) => b.rows);
}

const keysOf = (row: RowModel): (CellKey | null)[] => row.cells.map((c) => c?.key ?? null);

/** Section 二 as one table per 第二十条 item (report-format.md §2.2, §3.2), from the table model. */
export function activeTables(tables: ReportTables): ActiveTable[] {
  return tables.tables
    .filter((t) => t.section === 'active')
    .map((t) => ({ key: t.id.replaceAll('.', '-'), caption: t.caption ?? '', columns: t.columns, rows: rowsOf(t).map((def) => ({ def, cells: keysOf(def) })) }));
}

/** A merged row header of table 三 ("三、本年度办理结果", "（三）不予公开" …) or a data row. */
export type RequestLine =
  | { kind: 'group'; group: string; label: string; depth: number }
  | { kind: 'row'; def: RowModel; groups: string[]; cells: CellKey[] };

/** A run of table 三 under the same top-level group (one `<tbody>`). */
export interface RequestBody {
  group: string | null;
  lines: RequestLine[];
}

/**
 * Table 三 (§2.3, §3.3) as the model's row groups, each merged header emitted once, as a line of
 * its own, before its first row.
 */
export function requestBodies(tables: ReportTables): RequestBody[] {
  const table = tables.tables.find((t) => t.section === 'requests');
  return (table?.bodies ?? []).map((body) => {
    const lines: RequestLine[] = [];
    for (const row of body.rows) {
      for (const { group, depth } of row.opens) lines.push({ kind: 'group', group: group.key, label: group.label, depth });
      lines.push({ kind: 'row', def: row, groups: row.groups.map((g) => g.key), cells: row.cells.flatMap((c) => (c === null ? [] : [c.key])) });
    }
    return { group: body.group?.key ?? null, lines };
  });
}

/** The column groups of table 四's header (§2.4): 行政复议 alone, 行政诉讼 over its two groups. */
export interface AppealsHeader {
  /** First header row: a group without parent, or a parent over its groups. */
  top: { key: string; label: string; groups: AppealGroupDef[] }[];
}

/** Table 四's two-level header, from the model's rows (the groups) and the merged headers above them. */
export function appealsHeader(tables: ReportTables): AppealsHeader {
  const top: AppealsHeader['top'] = [];
  const table = tables.tables.find((t) => t.section === 'appeals');
  for (const row of table === undefined ? [] : rowsOf(table)) {
    const parent = row.groups[0];
    const group: AppealGroupDef = { key: row.key, label: row.label, ...(parent === undefined ? {} : { parent: parent.key }) };
    const last = top.at(-1);
    if (parent !== undefined && last?.key === parent.key) last.groups.push(group);
    else top.push(parent === undefined ? { key: row.key, label: row.label, groups: [group] } : { key: parent.key, label: parent.label, groups: [group] });
  }
  return { top };
}

/** The value columns of the model's table of a section (三, 四). */
export function columnsOf(tables: ReportTables, section: 'requests' | 'appeals'): readonly ColumnModel[] {
  return tables.tables.find((t) => t.section === section)?.columns ?? [];
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
  const tables = computed(() => (report.value === null ? null : tablesOfReport(report.value)));
  const active = computed(() => (tables.value === null ? [] : activeTables(tables.value)));
  const requests = computed(() => (tables.value === null ? [] : requestBodies(tables.value)));
  const requestColumns = computed(() => (tables.value === null ? [] : columnsOf(tables.value, 'requests')));
  const appeals = computed(() => (tables.value === null ? { top: [] } : appealsHeader(tables.value)));
  const appealColumns = computed(() => (tables.value === null ? [] : columnsOf(tables.value, 'appeals')));
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

  return { template, active, requests, requestColumns, appeals, appealColumns, previousYear, cell };
}
