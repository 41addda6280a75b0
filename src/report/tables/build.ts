/**
 * Builds the tables of one template variant from the definition: columns, merged header rows,
 * rows with their label paths and merged row headers, and cells. Nothing here names a row or a
 * column of a particular template: structure comes from `group`, `parent`, `sumsRow` and `role`.
 */
import type { CellKey } from '../model.ts';
import { cellKey, requestRows } from '../templates/index.ts';
import type { ActiveRowDef, ColumnDef, HeaderGroupDef, RequestRowDef, TemplateDef } from '../templates/types.ts';
import type { CellModel, ColumnModel, HeadCell, RowGroupModel, RowModel, TableModel } from './types.ts';

function head(label: string, scope: HeadCell['scope'], colSpan = 1, rowSpan = 1): HeadCell {
  return { label, colSpan, rowSpan, scope };
}

function lookup(groups: readonly HeaderGroupDef[], key: string, what: string): HeaderGroupDef {
  const group = groups.find((g) => g.key === key);
  if (group === undefined) throw new Error(`template: unknown ${what} ${key}`);
  return group;
}

/** A header group and the ones it sits under, outermost first. */
function groupChain(groups: readonly HeaderGroupDef[], key: string | undefined, what: string): HeaderGroupDef[] {
  const chain: HeaderGroupDef[] = [];
  for (let next = key; next !== undefined; next = chain[0]?.parent) {
    if (chain.length > groups.length) throw new Error(`template: ${what} ${key} sits under itself`);
    chain.unshift(lookup(groups, next, what));
  }
  return chain;
}

function columnModel(column: ColumnDef, groups: readonly HeaderGroupDef[]): ColumnModel {
  const model: ColumnModel = { key: column.key, label: column.label, kind: column.kind, sumsRow: column.sumsRow === true };
  if (column.unit !== undefined) model.unit = column.unit;
  if (column.group !== undefined) model.group = lookup(groups, column.group, 'column group');
  return model;
}

function cellModel(key: CellKey, column: ColumnModel): CellModel {
  const cell: CellModel = { key, column: column.label, kind: column.kind };
  return column.unit === undefined ? cell : { ...cell, unit: column.unit };
}

interface RowDraft {
  key: string;
  label: string;
  groups: HeaderGroupDef[];
  cells: (CellModel | null)[];
  role?: RequestRowDef['role'];
}

/** The keys of a row's groups down to `depth`, joined; undefined when the row is not that deep. */
function pathTo(row: RowDraft | undefined, depth: number): string | undefined {
  if (row === undefined || row.groups.length <= depth) return undefined;
  return row.groups.slice(0, depth + 1).map((g) => g.key).join('/');
}

/** How many rows from `start` on sit under the same header at `depth` (same path down to it). */
function runUnder(rows: readonly RowDraft[], start: number, depth: number): number {
  const own = pathTo(rows[start], depth);
  let n = 0;
  while (own !== undefined && pathTo(rows[start + n], depth) === own) n += 1;
  return n;
}

/**
 * Finishes the rows of a table: label paths, the merged row headers each row starts (a group's
 * header once, merged down over its rows; the row's label across the label columns left), and the
 * bodies (runs under the same outermost header).
 */
function finishRows(section: string, drafts: readonly RowDraft[], labelColumns: number): RowGroupModel[] {
  const bodies: { group: HeaderGroupDef | null; rows: RowModel[] }[] = [];
  drafts.forEach((draft, i) => {
    const header: HeadCell[] = [];
    const opens: { group: HeaderGroupDef; depth: number }[] = [];
    draft.groups.forEach((group, depth) => {
      if (pathTo(drafts[i - 1], depth) === pathTo(draft, depth)) return;
      header.push(head(group.label, 'row', 1, runUnder(drafts, i, depth)));
      opens.push({ group, depth });
    });
    header.push(head(draft.label, 'row', Math.max(1, labelColumns - draft.groups.length)));
    const row: RowModel = {
      id: `${section}.${draft.key}`,
      key: draft.key,
      label: draft.label,
      groups: draft.groups,
      path: [...draft.groups.map((g) => g.label), draft.label],
      opens,
      header,
      cells: draft.cells,
    };
    if (draft.role !== undefined) row.role = draft.role;
    const top = draft.groups[0] ?? null;
    const body = bodies.at(-1);
    if (body !== undefined && body.group?.key === top?.key) body.rows.push(row);
    else bodies.push({ group: top, rows: [row] });
  });
  return bodies;
}

function cellsOf(bodies: readonly RowGroupModel[]): CellKey[] {
  return bodies.flatMap((b) => b.rows.flatMap((r) => r.cells.flatMap((c) => (c === null ? [] : [c.key]))));
}

/** 二: one table per 第二十条 item; its columns are the union of its rows' columns, in order. */
export function activeTables(template: TemplateDef): TableModel[] {
  const byItem = new Map<string, ActiveRowDef[]>();
  for (const row of template.active) byItem.set(row.item, [...(byItem.get(row.item) ?? []), row]);
  return [...byItem].map(([item, rows]) => {
    const columns: ColumnModel[] = [];
    for (const row of rows) {
      for (const column of row.columns) if (!columns.some((c) => c.key === column.key)) columns.push(columnModel(column, []));
    }
    const drafts = rows.map((row): RowDraft => ({
      key: row.key,
      label: row.label,
      groups: [],
      cells: columns.map((c) => (row.columns.some((rc) => rc.key === c.key) ? cellModel(cellKey('active', row.key, c.key), c) : null)),
    }));
    const bodies = finishRows('active', drafts, 1);
    return {
      id: `active.${item}`,
      section: 'active',
      caption: lookup(template.activeHead.items, item, 'active item').label,
      labelColumns: 1,
      columns,
      head: [[head(template.activeHead.caption, 'col'), ...columns.map((c) => head(c.label, 'col'))]],
      singleRow: false,
      bodies,
      cells: cellsOf(bodies),
    };
  });
}

/**
 * Column header rows under a caption: a column outside any group is merged down over the group
 * row; a group heads its run of columns.
 */
function columnHead(columns: readonly ColumnModel[]): HeadCell[][] {
  const grouped = columns.some((c) => c.group !== undefined);
  const upper: HeadCell[] = [];
  const lower: HeadCell[] = [];
  columns.forEach((column, i) => {
    if (column.group === undefined) {
      upper.push(head(column.label, 'col', 1, grouped ? 2 : 1));
      return;
    }
    if (columns[i - 1]?.group?.key !== column.group.key) {
      let span = 0;
      while (columns[i + span]?.group?.key === column.group.key) span += 1;
      upper.push(head(column.group.label, 'colgroup', span));
    }
    lower.push(head(column.label, 'col'));
  });
  return grouped ? [upper, lower] : [upper];
}

function requestDraft(template: TemplateDef, row: RequestRowDef, columns: readonly ColumnModel[]): RowDraft {
  return {
    key: row.key,
    label: row.label,
    groups: groupChain(template.requests.rowGroups, row.group, 'row group'),
    cells: columns.map((c) => cellModel(cellKey('requests', row.key, c.key), c)),
    role: row.role,
  };
}

/** 三: the corner note over the label columns, the caption over the value columns, their groups. */
export function requestsTable(template: TemplateDef, collapsedOtherHandling: boolean): TableModel {
  const { requests } = template;
  const columns = requests.columns.map((c) => columnModel(c, requests.columnGroups));
  // As many label columns as the deepest row of either variant needs, so both print alike.
  const everyRow = [...requests.rows, ...(requests.collapsedOtherHandling === undefined ? [] : [requests.collapsedOtherHandling])];
  const labelColumns = Math.max(...everyRow.map((r) => groupChain(requests.rowGroups, r.group, 'row group').length + 1));
  const below = columnHead(columns);
  const bodies = finishRows('requests', requestRows(template, collapsedOtherHandling).map((r) => requestDraft(template, r, columns)), labelColumns);
  return {
    id: 'requests',
    section: 'requests',
    labelColumns,
    columns,
    head: [
      [head(requests.cornerNote, 'note', labelColumns, below.length + 1), head(requests.columnsCaption, 'colgroup', columns.length)],
      ...below,
    ],
    singleRow: false,
    bodies,
    cells: cellsOf(bodies),
  };
}

/**
 * 四: printed as one line of groups × columns. A group without a parent heads its columns, which
 * are merged down over the row of the groups that have one; a parent heads its run of groups.
 */
export function appealsTable(template: TemplateDef): TableModel {
  const { appeals } = template;
  const columns = appeals.columns.map((c) => columnModel(c, []));
  const drafts = appeals.groups.map((group): RowDraft => ({
    key: group.key,
    label: group.label,
    groups: groupChain(appeals.parents, group.parent, 'appeal parent'),
    cells: columns.map((c) => cellModel(cellKey('appeals', group.key, c.key), c)),
  }));
  const depth = Math.max(...drafts.map((d) => d.groups.length)) + 1;
  const rows: HeadCell[][] = Array.from({ length: depth + 1 }, () => []);
  drafts.forEach((draft, i) => {
    draft.groups.forEach((group, level) => {
      if (pathTo(drafts[i - 1], level) !== pathTo(draft, level)) {
        rows[level]?.push(head(group.label, 'colgroup', runUnder(drafts, i, level) * columns.length));
      }
    });
    const level = draft.groups.length;
    rows[level]?.push(head(draft.label, 'colgroup', columns.length));
    rows[level + 1]?.push(...columns.map((c) => head(c.label, 'col', 1, depth - level)));
  });
  const bodies = finishRows('appeals', drafts, depth);
  return {
    id: 'appeals',
    section: 'appeals',
    labelColumns: depth,
    columns,
    head: rows.filter((r) => r.length > 0),
    singleRow: true,
    bodies,
    cells: cellsOf(bodies),
  };
}
