/**
 * The tables 二, 三 and 四 of a draft as forms, built from the template definition: one card per
 * row, one input per cell, with label keys, what the cell holds (count, signed, money) and its
 * unit; and the totals computed from the parts (R1 row totals, R2 column totals of 三, R4 totals
 * of 四), shown beside the totals the official types.
 */
import { computed, ref, type Ref } from 'vue';
import { cellEditProblem } from '../report/field-rules.ts';
import type { CellKey, ReportDocument } from '../report/model.ts';
import { partsByTotal, reportTables, rowLabelPath, type ReportTables } from '../report/tables/index.ts';
import { getTemplate, hasCollapsedOtherHandling, type CellKind, type TemplateDef } from '../report/templates/index.ts';

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

/**
 * A total computed from its parts (blank parts count as nothing; null when every part is blank).
 * A part that is not a valid value (−3 or 2.5 in a count, text that is no number) is never added:
 * it is one to fix, and the sum of the others is what the Σ shows.
 */
export interface ComputedTotal {
  sum: number | null;
  parts: CellKey[];
}

/** The row cards of a table section: every row of the model's tables, one input per cell it has. */
function rowsOf(template: TemplateDef, tables: ReportTables, table: FormTable, units: Record<string, string>): FormRow[] {
  return tables.tables
    .filter((t) => t.section === table)
    .flatMap((t) => t.bodies.flatMap((b) => b.rows))
    .map((row) => ({
      id: row.id,
      labels: rowLabelPath(template, row.id, 'short'),
      cells: row.cells.flatMap((c) => (c === null ? [] : [{ key: c.key, label: c.column, kind: c.kind, unit: units[c.key] ?? c.unit }])),
    }));
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

/**
 * `typed`: cells holding text that is not a number (kept on the device, drafts store `scratch`):
 * their stored value is stale and stays out of every Σ.
 */
export function useDraftForm(document: Ref<ReportDocument | null>, typed: Ref<ReadonlySet<CellKey>> = ref(new Set())) {
  const template = computed(() => (document.value === null ? null : getTemplate(document.value.meta.template)));
  const collapsed = computed(() => (document.value === null || template.value === null ? false : hasCollapsedOtherHandling(template.value, document.value.cells)));
  const tables = computed(() => (template.value === null ? null : reportTables(template.value, { collapsedOtherHandling: collapsed.value })));

  /** Row cards of a table. */
  function rows(table: FormTable): FormRow[] {
    if (template.value === null || tables.value === null || document.value === null) return [];
    return rowsOf(template.value, tables.value, table, document.value.units);
  }

  const totals = computed<Map<CellKey, ComputedTotal>>(() => {
    const doc = document.value;
    const result = new Map<CellKey, ComputedTotal>();
    const def = template.value;
    if (doc === null || tables.value === null || def === null) return result;
    const valid = (key: CellKey, v: number | null | undefined): v is number =>
      typeof v === 'number' && !typed.value.has(key) && cellEditProblem(def, key, v) === undefined;
    for (const [total, parts] of partsByTotal(tables.value.totals)) {
      const values = parts.flatMap((p) => {
        const v = doc.cells[p];
        return valid(p, v) ? [v] : [];
      });
      // Sums of decimals would show binary noise (0.1 + 0.2): four places are plenty for 万元.
      const sum = values.length === 0 ? null : Math.round(values.reduce((a, b) => a + b, 0) * 10_000) / 10_000;
      result.set(total, { sum, parts: [...parts] });
    }
    return result;
  });

  return { template, collapsed, rows, totals };
}
