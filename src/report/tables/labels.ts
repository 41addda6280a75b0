/**
 * The label-key path of a cell or a row, from the table model: the one place that decides which
 * merged headers name a cell. `full` names every header above it (二's item, every row group, the
 * column group) for a line read on its own (CSV); `short` names what tells the cell from its
 * neighbours (row groups not `implied`, the column) for findings, form cards and Markdown rows.
 */
import type { CellKey } from '../model.ts';
import type { TemplateDef } from '../templates/types.ts';
import { reportTables } from './tables.ts';
import type { ColumnModel, RowModel, TableModel } from './types.ts';

export type LabelForm = 'full' | 'short';

interface Place {
  table: TableModel;
  row: RowModel;
  column?: ColumnModel;
}

const indexes = new WeakMap<TemplateDef, { cells: Map<CellKey, Place>; rows: Map<string, Place> }>();

/** Cells and rows of both variants by key (the collapsed row is known whichever the report prints). */
function indexOf(template: TemplateDef) {
  let index = indexes.get(template);
  if (index === undefined) {
    index = { cells: new Map(), rows: new Map() };
    for (const collapsedOtherHandling of [false, true]) {
      for (const table of reportTables(template, { collapsedOtherHandling }).tables) {
        for (const row of table.bodies.flatMap((b) => b.rows)) {
          if (!index.rows.has(row.id)) index.rows.set(row.id, { table, row });
          row.cells.forEach((cell, i) => {
            if (cell !== null && !index?.cells.has(cell.key)) index?.cells.set(cell.key, { table, row, column: table.columns[i] });
          });
        }
      }
    }
    indexes.set(template, index);
  }
  return index;
}

function rowPath(place: Place, form: LabelForm): string[] {
  const { table, row } = place;
  if (form === 'short') return [...row.groups.filter((g) => g.implied !== true).map((g) => g.label), row.label];
  return [...(table.caption === undefined ? [] : [table.caption]), ...row.path];
}

/** Label keys of a row (`table.row`, e.g. requests.denied_1), outermost first; empty when unknown. */
export function rowLabelPath(template: TemplateDef, rowId: string, form: LabelForm): string[] {
  const place = indexOf(template).rows.get(rowId);
  return place === undefined ? [] : rowPath(place, form);
}

/** Label keys of a cell's row and column, outermost first; undefined when the key is unknown. */
export function cellLabelPath(template: TemplateDef, key: CellKey, form: LabelForm): { row: string[]; column: string[] } | undefined {
  const place = indexOf(template).cells.get(key);
  if (place?.column === undefined) return undefined;
  const { column } = place;
  const group = form === 'full' && column.group !== undefined ? [column.group.label] : [];
  return { row: rowPath(place, form), column: [...group, column.label] };
}

/** The short label keys of a cell, row then column, as one list (for a finding, a field name). */
export function cellLabelKeys(template: TemplateDef, key: CellKey): string[] {
  const path = cellLabelPath(template, key, 'short');
  return path === undefined ? [] : [...path.row, ...path.column];
}
