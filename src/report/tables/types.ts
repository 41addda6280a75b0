/**
 * The table model's types: what a renderer, a rule or the importer may rely on. Every text is an
 * i18n key; filling it in is the consumer's job.
 */
import type { CellKey } from '../model.ts';
import type { CellKind, HeaderGroupDef, RequestRowRole, TemplateId } from '../templates/types.ts';

/** The three table sections of a report. */
export type TableSection = 'active' | 'requests' | 'appeals';

/** What a header cell heads, as HTML's `scope` says it; a note (the corner of 三) heads nothing. */
export type HeadScope = 'col' | 'colgroup' | 'row' | 'note';

/** One merged header cell. Its grid position follows from the cells before it, as in HTML. */
export interface HeadCell {
  /** i18n key of its text. */
  label: string;
  colSpan: number;
  rowSpan: number;
  scope: HeadScope;
}

/** A value column of a table. */
export interface ColumnModel {
  key: string;
  /** i18n key of the column header. */
  label: string;
  kind: CellKind;
  unit?: string;
  /** The merged header the column sits under (法人或其他组织), if any. */
  group?: HeaderGroupDef;
  /** The column is its row's sum of the other columns (R1, R4). */
  sumsRow: boolean;
}

/** A cell of a row: its key and what it may hold. */
export interface CellModel {
  key: CellKey;
  /** i18n key of its column's header. */
  column: string;
  kind: CellKind;
  /** Unit fixed by the template (万元); a report may print its own for money cells. */
  unit?: string;
}

/** A data row. */
export interface RowModel {
  /** `table.row`: active.rules, requests.denied_1, appeals.review. */
  id: string;
  /** The row's key in its cell keys. */
  key: string;
  /** i18n key of the row's own label. */
  label: string;
  /** The merged row headers the row sits under, outermost first (三、本年度办理结果, （三）不予公开). */
  groups: readonly HeaderGroupDef[];
  /** Label-key path: the groups' labels, then the row's own. */
  path: readonly string[];
  /** The groups whose merged header starts at this row, with their depth (0: outermost). */
  opens: readonly { group: HeaderGroupDef; depth: number }[];
  /**
   * The row headers that start at this row, merged down over the rows that share them and across
   * the label columns the row's path leaves free (see `labelColumns`).
   */
  header: readonly HeadCell[];
  /** One per value column of the table; null where the row has no such cell (二's shorter rows). */
  cells: readonly (CellModel | null)[];
  /** Role of a row of 三 in the arithmetic (R2, R3). */
  role?: RequestRowRole;
}

/** A run of rows under the same outermost row header (one `<tbody>`); null for rows standing alone. */
export interface RowGroupModel {
  group: HeaderGroupDef | null;
  rows: readonly RowModel[];
}

/** One printed table: 二 has one per 第二十条 item, 三 and 四 one each. */
export interface TableModel {
  /** active.1 … active.9, requests, appeals. */
  id: string;
  section: TableSection;
  /** i18n key of the caption printed across the table (二's 第二十条第（一）项), if any. */
  caption?: string;
  /** Columns of row labels before the value columns in the official print (0: 四's one-line print). */
  labelColumns: number;
  columns: readonly ColumnModel[];
  /**
   * Header rows over the label and value columns of the official print. For a `singleRow` table
   * they head rows × columns laid side by side: 行政复议 · 行政诉讼 › 未经复议直接起诉 … › 结果维持 ….
   */
  head: readonly (readonly HeadCell[])[];
  /**
   * The official print puts every row's cells side by side on one line (四: 15 cells). The rows
   * are still listed one by one, so a narrow screen can print them as rows.
   */
  singleRow: boolean;
  bodies: readonly RowGroupModel[];
  /** The table's cell keys in print order. */
  cells: readonly CellKey[];
}

/** A total cell and the cells it adds up (report-format.md §4.2). */
export interface SumIdentity {
  rule: 'R1' | 'R2' | 'R4' | 'R6';
  total: CellKey;
  parts: readonly CellKey[];
}

/** Two sums that must be equal: the printed 勾稽关系 of 三, per column (R3). */
export interface BalanceIdentity {
  rule: 'R3';
  /** The column it holds in. */
  column: string;
  left: readonly CellKey[];
  right: readonly CellKey[];
}

/** The arithmetic of the tables as printed. */
export interface TotalsModel {
  /** R1 per row of 三, then R2 per column of 三, then R4 per group of 四, in print order. */
  sums: readonly SumIdentity[];
  balances: readonly BalanceIdentity[];
  /**
   * Collapsed variant only: the （六）其他处理 row as the sum of the sub-rows it stands for (R6).
   * The parts are not printed by this variant; the rule applies when a report holds both.
   */
  collapsed: readonly SumIdentity[];
}

/** Which rows a report prints where the template allows two ways (R6). */
export interface TableVariant {
  /** A 2021 report printing one （六）其他处理 row instead of its three sub-rows. */
  collapsedOtherHandling: boolean;
}

/** Every table of a template in one variant, their arithmetic and the print order of their cells. */
export interface ReportTables {
  templateId: TemplateId;
  variant: TableVariant;
  /** 二's tables in item order, then 三, then 四. */
  tables: readonly TableModel[];
  totals: TotalsModel;
  /** Every cell key in print order; each appears once, in exactly one table. */
  order: readonly CellKey[];
}
