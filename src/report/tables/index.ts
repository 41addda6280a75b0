/**
 * The one table model (see README.md): every table of a template variant, its arithmetic, the
 * print order of its cells and their label paths. Built once per template and variant; treat it
 * as read-only.
 */
export type * from './types.ts';
export { reportTables, tablesOfReport } from './tables.ts';
export { partsByTotal } from './totals.ts';
export { everyCellKey, everyRow, everyRowSum, orderedCellKeys } from './order.ts';
export { cellLabelKeys, cellLabelPath, rowLabelPath, type LabelForm } from './labels.ts';
