/**
 * The official tables of sections 二, 三 and 四 as grids of cells with their merges
 * (report-format.md §2.2–§2.4, §3.2–§3.4; mirrors the Word copy of the 2021 template in
 * corpus/raw). The merged structure lives here only: the Word and HTML exports both draw these
 * grids, a cell with colSpan/rowSpan standing for the places it covers, which are left out of
 * later rows (HTML colspan/rowspan; Word gridSpan/vMerge).
 *
 * Rows, columns, merges and label keys come from the table model (report/tables); this module only
 * fills in the text and the grid's widths.
 */
import type { CellKey, ReportDocument } from '../model.ts';
import { lookupMessage, type MessageTree } from '../labels.ts';
import { tablesOfReport, type HeadCell, type RowModel, type TableModel, type TableSection } from '../tables/index.ts';
import { cellSpec, getTemplate, type TemplateDef } from '../templates/index.ts';

/** What a header cell heads, as HTML's scope says it. */
export type HeaderScope = 'col' | 'colgroup' | 'row';

export interface LayoutCell {
  text: string;
  colSpan: number;
  rowSpan: number;
  /** A header cell (th); a value or a note is not. */
  header: boolean;
  scope?: HeaderScope;
  /** The cell key of a value cell. */
  key?: CellKey;
}

export type LayoutRow = LayoutCell[];

export interface TableLayout {
  table: 'active' | 'requests' | 'appeals';
  /** Relative widths of the grid columns; there are as many grid columns as entries. */
  widths: readonly number[];
  /** Column header rows (thead; repeated on every page in Word). May be empty. */
  head: LayoutRow[];
  /** Groups of body rows (tbody): 二 has one per 第二十条 item, with its own caption and header rows. */
  bodies: LayoutRow[][];
}

/** A label in the messages' language; a key missing from them shows as the key, so the gap is visible. */
export function labelIn(messages: MessageTree, key: string): string {
  return lookupMessage(messages, key) ?? key;
}

/** A number as printed: plain decimal notation, never an exponent (1e21, 1e-7). */
export function formatNumber(value: number): string {
  const plain = String(value);
  if (!/e/iu.test(plain)) return plain;
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/**
 * The printed text of a cell: '' when blank (null) or absent, 0 as 0. A money cell carries the
 * unit the report holds for it (251000元), except the unit the template's header already states
 * (2021 本年收费金额（单位：万元）).
 */
export function valueText(report: ReportDocument, template: TemplateDef, key: CellKey): string {
  const value = report.cells[key];
  if (value === undefined || value === null) return '';
  const spec = cellSpec(template, key);
  const unit = spec?.kind === 'money' ? report.units[key] : undefined;
  return unit === undefined || unit === spec?.unit ? formatNumber(value) : `${formatNumber(value)}${unit}`;
}

function cell(text: string, options: Partial<Omit<LayoutCell, 'text'>> = {}): LayoutCell {
  return { text, colSpan: 1, rowSpan: 1, header: false, ...options };
}

/** Word's widths of 三's three label columns (twips), its value columns 685 each. */
const REQUEST_LABEL_WIDTHS = [754, 921, 3271];

class Layouts {
  private readonly template: TemplateDef;

  constructor(
    private readonly report: ReportDocument,
    private readonly messages: MessageTree,
  ) {
    this.template = getTemplate(report.meta.template);
  }

  /** A merged cell of the model, its label in the messages' language; the corner note is no header. */
  private head(model: HeadCell): LayoutCell {
    const text = labelIn(this.messages, model.label);
    const spans = { colSpan: model.colSpan, rowSpan: model.rowSpan };
    return model.scope === 'note' ? cell(text, spans) : cell(text, { ...spans, header: true, scope: model.scope });
  }

  private values(row: RowModel): LayoutCell[] {
    return row.cells.map((c) => (c === null ? cell('') : cell(valueText(this.report, this.template, c.key), { key: c.key })));
  }

  /**
   * 二: one table; per 第二十条 item a caption row across the table, its header row and its rows.
   * The grid has the label column and the most value columns any item has; an item with fewer
   * lets its last column span the rest (2021 本年处理决定数量 spans 3).
   */
  active(tables: readonly TableModel[]): TableLayout {
    const grid = Math.max(...tables.map((t) => t.labelColumns + t.columns.length));
    const spread = (row: LayoutRow): LayoutRow => {
      const last = row.at(-1);
      if (last !== undefined) last.colSpan += grid - rowWidth(row);
      return row;
    };
    const bodies = tables.map((table): LayoutRow[] => [
      [cell(labelIn(this.messages, table.caption ?? ''), { colSpan: grid, header: true, scope: 'colgroup' })],
      ...table.head.map((row) => spread(row.map((c) => this.head(c)))),
      ...table.bodies.flatMap((b) => b.rows).map((row) => spread([...row.header.map((c) => this.head(c)), ...this.values(row)])),
    ]);
    return { table: 'active', widths: Array<number>(grid).fill(1), head: [], bodies };
  }

  /** 三: the model's head and merged row headers, one body. */
  requests(table: TableModel): TableLayout {
    const body = table.bodies.flatMap((b) => b.rows).map((row) => [...row.header.map((c) => this.head(c)), ...this.values(row)]);
    const labels = table.labelColumns === REQUEST_LABEL_WIDTHS.length ? REQUEST_LABEL_WIDTHS : Array<number>(table.labelColumns).fill(1649);
    return { table: 'requests', widths: [...labels, ...table.columns.map(() => 685)], head: table.head.map((row) => row.map((c) => this.head(c))), bodies: [body] };
  }

  /** 四: printed on one line, every group's cells side by side under the model's head. */
  appeals(table: TableModel): TableLayout {
    const values = table.bodies.flatMap((b) => b.rows).flatMap((row) => this.values(row));
    return { table: 'appeals', widths: values.map(() => 1), head: table.head.map((row) => row.map((c) => this.head(c))), bodies: [[values]] };
  }
}

/**
 * The three tables of a report in the official layout, labels in the language of `messages`. Table
 * 三 prints the collapsed （六）其他处理 row when the report holds it (R6).
 */
export function tableLayouts(report: ReportDocument, messages: MessageTree): Record<TableLayout['table'], TableLayout> {
  const layouts = new Layouts(report, messages);
  const { tables } = tablesOfReport(report);
  const of = (section: TableSection): TableModel[] => tables.filter((t) => t.section === section);
  const [requests] = of('requests');
  const [appeals] = of('appeals');
  if (requests === undefined || appeals === undefined) throw new Error(`template ${report.meta.template} lacks table 三 or 四`);
  return { active: layouts.active(of('active')), requests: layouts.requests(requests), appeals: layouts.appeals(appeals) };
}

/** The grid width of a row: the sum of its cells' spans (for tests and renderers). */
export function rowWidth(row: LayoutRow): number {
  return row.reduce((sum, c) => sum + c.colSpan, 0);
}
