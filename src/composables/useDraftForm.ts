/**
 * The tables 二, 三 and 四 of a draft as forms, built from the template definition: one card per
 * row, one input per cell, with label keys, what the cell holds (count, signed, money) and its
 * unit; and the totals computed from the parts (R1 row totals, R2 column totals of 三, R4 totals
 * of 四), shown beside the totals the official types.
 */
import { computed, type Ref } from 'vue';
import type { CellKey, ReportDocument } from '../report/model.ts';
import { rowLabelKeys } from '../report/cell-labels.ts';
import {
  cellKey,
  cellSpec,
  getTemplate,
  hasCollapsedOtherHandling,
  requestRows,
  type CellKind,
  type TemplateDef,
} from '../report/templates/index.ts';

/** The tables a step may hold. */
export type FormTable = 'active' | 'requests' | 'appeals';

/** One input of a row card. */
export interface FormCell {
  key: CellKey;
  /** i18n key of the column header. */
  label: string;
  kind: CellKind;
  unit: string | undefined;
}

/** One row card: its label keys (group first) and its cells. */
export interface FormRow {
  id: string;
  labels: string[];
  cells: FormCell[];
}

/** A total computed from its parts (blank parts count as nothing; null when every part is blank). */
export interface ComputedTotal {
  sum: number | null;
  parts: CellKey[];
}

function rowsOf(template: TemplateDef, table: FormTable, collapsed: boolean, units: Record<string, string>): FormRow[] {
  const cell = (key: CellKey, label: string): FormCell => {
    const spec = cellSpec(template, key);
    return { key, label, kind: spec?.kind ?? 'count', unit: units[key] ?? spec?.unit };
  };
  if (table === 'active') {
    return template.active.map((r) => ({
      id: `active.${r.key}`,
      labels: [r.label],
      cells: r.columns.map((c) => cell(cellKey('active', r.key, c.key), c.label)),
    }));
  }
  if (table === 'requests') {
    return requestRows(template, collapsed).map((r) => ({
      id: `requests.${r.key}`,
      labels: rowLabelKeys(template, 'requests', r.key),
      cells: template.requests.columns.map((c) => cell(cellKey('requests', r.key, c.key), c.label)),
    }));
  }
  return template.appeals.groups.map((g) => ({
    id: `appeals.${g.key}`,
    labels: g.parent === undefined ? [g.label] : [`template.appeals.groups.${g.parent}`, g.label],
    cells: template.appeals.columns.map((c) => cell(cellKey('appeals', g.key, c.key), c.label)),
  }));
}

/** Which parts make which total cell, from the template (the rules R1, R2 and R4). */
export function totalParts(template: TemplateDef, collapsed: boolean): Map<CellKey, CellKey[]> {
  const parts = new Map<CellKey, CellKey[]>();
  const applicants = template.requests.columns.map((c) => c.key).filter((c) => c !== 'total');
  const rows = requestRows(template, collapsed);
  for (const row of rows) {
    parts.set(cellKey('requests', row.key, 'total'), applicants.map((c) => cellKey('requests', row.key, c)));
  }
  const details = rows.filter((r) => r.role === 'detail');
  const totalRow = rows.find((r) => r.role === 'results_total');
  if (totalRow !== undefined) {
    // (七)总计 per column: the column sum (R2) is what the official reads off the rows above.
    for (const column of template.requests.columns) {
      parts.set(cellKey('requests', totalRow.key, column.key), details.map((r) => cellKey('requests', r.key, column.key)));
    }
  }
  const outcomes = template.appeals.columns.map((c) => c.key).filter((c) => c !== 'total');
  for (const group of template.appeals.groups) {
    parts.set(cellKey('appeals', group.key, 'total'), outcomes.map((c) => cellKey('appeals', group.key, c)));
  }
  return parts;
}

/** The step (section) a cell is edited in. */
export function tableOfCell(key: CellKey): FormTable | undefined {
  const table = key.split('.')[0];
  return table === 'active' || table === 'requests' || table === 'appeals' ? table : undefined;
}

/** The DOM id of a cell's input, for links from findings. */
export function cellInputId(key: CellKey): string {
  return `cell-${key.replaceAll('.', '-')}`;
}

export function useDraftForm(document: Ref<ReportDocument | null>) {
  const template = computed(() => (document.value === null ? null : getTemplate(document.value.meta.template)));
  const collapsed = computed(() => (document.value === null || template.value === null ? false : hasCollapsedOtherHandling(template.value, document.value.cells)));

  /** Row cards of a table. */
  function rows(table: FormTable): FormRow[] {
    if (template.value === null || document.value === null) return [];
    return rowsOf(template.value, table, collapsed.value, document.value.units);
  }

  const totals = computed<Map<CellKey, ComputedTotal>>(() => {
    const doc = document.value;
    const result = new Map<CellKey, ComputedTotal>();
    if (doc === null || template.value === null) return result;
    for (const [total, parts] of totalParts(template.value, collapsed.value)) {
      const values = parts.map((p) => doc.cells[p]).filter((v): v is number => typeof v === 'number');
      // Sums of decimals would show binary noise (0.1 + 0.2): four places are plenty for 万元.
      const sum = values.length === 0 ? null : Math.round(values.reduce((a, b) => a + b, 0) * 10_000) / 10_000;
      result.set(total, { sum, parts });
    }
    return result;
  });

  return { template, collapsed, rows, totals };
}
