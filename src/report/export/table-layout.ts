/**
 * The official tables of sections 二, 三 and 四 as grids of cells with their merges
 * (report-format.md §2.2–§2.4, §3.2–§3.4; mirrors the Word copy of the 2021 template in
 * corpus/raw). The merged structure lives here only: the Word and HTML exports both draw these
 * grids, a cell with colSpan/rowSpan standing for the places it covers, which are left out of
 * later rows (HTML colspan/rowspan; Word gridSpan/vMerge).
 *
 * Rows, columns and labels come from the template definition and the message tree; nothing here
 * names a label.
 */
import type { CellKey, ReportDocument } from '../model.ts';
import { lookupMessage, type MessageTree } from '../labels.ts';
import {
  cellKey,
  cellSpec,
  getTemplate,
  hasCollapsedOtherHandling,
  requestRows,
  type ActiveRowDef,
  type ColumnDef,
  type TemplateDef,
} from '../templates/index.ts';

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

function header(text: string, scope: HeaderScope, options: Partial<Omit<LayoutCell, 'text' | 'header' | 'scope'>> = {}): LayoutCell {
  return cell(text, { ...options, header: true, scope });
}

class Layouts {
  private readonly template: TemplateDef;

  constructor(
    private readonly report: ReportDocument,
    private readonly messages: MessageTree,
  ) {
    this.template = getTemplate(report.meta.template);
  }

  private label(key: string): string {
    return labelIn(this.messages, key);
  }

  private value(key: CellKey): LayoutCell {
    return cell(valueText(this.report, this.template, key), { key });
  }

  /**
   * 二: one table; per 第二十条 item a caption row across the table, a header row (信息内容 and
   * the item's columns) and its rows. The grid has 1 + the most columns any item has; an item
   * with fewer columns lets its last column span the rest (2021 本年处理决定数量 spans 3).
   */
  active(): TableLayout {
    const items = new Map<string, ActiveRowDef[]>();
    for (const row of this.template.active) items.set(row.item, [...(items.get(row.item) ?? []), row]);
    const valueColumns = Math.max(...this.template.active.map((r) => r.columns.length));
    const grid = 1 + valueColumns;
    const spread = (first: LayoutCell, rest: LayoutCell[]): LayoutRow => {
      const last = rest.at(-1);
      if (last !== undefined) last.colSpan = grid - rest.length;
      return [first, ...rest];
    };
    const bodies: LayoutRow[][] = [];
    for (const [item, rows] of items) {
      const columns = new Map<string, ColumnDef>();
      for (const row of rows) for (const column of row.columns) columns.set(column.key, column);
      const body: LayoutRow[] = [
        [header(this.label(`template.active.items.${item}`), 'colgroup', { colSpan: grid })],
        spread(
          header(this.label('template.active.caption'), 'col'),
          [...columns.values()].map((c) => header(this.label(c.label), 'col')),
        ),
      ];
      for (const row of rows) {
        body.push(
          spread(
            header(this.label(row.label), 'row'),
            [...columns.keys()].map((c) =>
              row.columns.some((rc) => rc.key === c) ? this.value(cellKey('active', row.key, c)) : cell(''),
            ),
          ),
        );
      }
      bodies.push(body);
    }
    return { table: 'active', widths: Array<number>(grid).fill(1), head: [], bodies };
  }

  /**
   * 三: three label columns under the corner note (colspan 3, rowspan 3); over the 7 value
   * columns 申请人情况 (colspan 7), then the columns, those between 自然人 and 总计 under
   * 法人或其他组织. A row outside the results sits across the three label columns; the results
   * rows sit under 三、本年度办理结果 (merged down), and a row of a sub-group such as （三）不予公开
   * under its group (merged down) as well.
   */
  requests(collapsedOtherHandling: boolean): TableLayout {
    const { columns } = this.template.requests;
    const ungrouped = new Set(['natural_person', 'total']);
    const grouped = columns.filter((c) => !ungrouped.has(c.key));
    const second: LayoutRow = [];
    const third: LayoutRow = [];
    let groupPlaced = false;
    for (const column of columns) {
      if (ungrouped.has(column.key)) {
        second.push(header(this.label(column.label), 'col', { rowSpan: 2 }));
        continue;
      }
      if (!groupPlaced) {
        second.push(header(this.label('template.requests.groups.legal_person'), 'colgroup', { colSpan: grouped.length }));
        groupPlaced = true;
      }
      third.push(header(this.label(column.label), 'col'));
    }
    const head: LayoutRow[] = [
      [
        cell(this.label('template.requests.cornerNote'), { colSpan: 3, rowSpan: 3 }),
        header(this.label('template.requests.columnsCaption'), 'colgroup', { colSpan: columns.length }),
      ],
      second,
      third,
    ];

    const rows = requestRows(this.template, collapsedOtherHandling);
    const body: LayoutRow[] = [];
    rows.forEach((row, i) => {
      const values = columns.map((c) => this.value(cellKey('requests', row.key, c.key)));
      const label = this.label(row.label);
      if (row.group === undefined) {
        body.push([header(label, 'row', { colSpan: 3 }), ...values]);
        return;
      }
      const cells: LayoutRow = [];
      if (rows[i - 1]?.group === undefined) {
        cells.push(header(this.label('template.requests.groups.results'), 'row', { rowSpan: runLength(rows, i, (r) => r.group !== undefined) }));
      }
      if (row.group === 'results') {
        cells.push(header(label, 'row', { colSpan: 2 }));
      } else {
        const group = row.group;
        if (rows[i - 1]?.group !== group) {
          cells.push(header(this.label(`template.requests.groups.${group}`), 'row', { rowSpan: runLength(rows, i, (r) => r.group === group) }));
        }
        cells.push(header(label, 'row'));
      }
      body.push([...cells, ...values]);
    });
    // Label columns as in the Word template (754, 921, 3271 twips), value columns equal.
    return { table: 'requests', widths: [754, 921, 3271, ...columns.map(() => 685)], head, bodies: [body] };
  }

  /**
   * 四: a group without a parent (行政复议) spans its columns, which are merged down over the
   * sub-group row; groups with a parent (行政诉讼) sit under it, their columns below them. One row
   * of values.
   */
  appeals(): TableLayout {
    const { groups, columns } = this.template.appeals;
    const nested = groups.some((g) => g.parent !== undefined);
    const first: LayoutRow = [];
    const second: LayoutRow = [];
    const third: LayoutRow = [];
    const columnHeaders = (rowSpan: number): LayoutRow => columns.map((c) => header(this.label(c.label), 'col', { rowSpan }));
    groups.forEach((group, i) => {
      if (group.parent === undefined) {
        first.push(header(this.label(group.label), 'colgroup', { colSpan: columns.length, rowSpan: 1 }));
        second.push(...columnHeaders(nested ? 2 : 1));
        return;
      }
      const parent = group.parent;
      if (groups[i - 1]?.parent !== parent) {
        const siblings = runLength(groups, i, (g) => g.parent === parent);
        first.push(header(this.label(`template.appeals.groups.${parent}`), 'colgroup', { colSpan: siblings * columns.length }));
      }
      second.push(header(this.label(group.label), 'colgroup', { colSpan: columns.length }));
      third.push(...columnHeaders(1));
    });
    const values = groups.flatMap((g) => columns.map((c) => this.value(cellKey('appeals', g.key, c.key))));
    const head = [first, second, third].filter((row) => row.length > 0);
    return { table: 'appeals', widths: values.map(() => 1), head, bodies: [[values]] };
  }
}

/** How many items from `start` on satisfy `test`, without a gap. */
function runLength<T>(items: readonly T[], start: number, test: (item: T) => boolean): number {
  let n = 0;
  for (let i = start; i < items.length; i += 1) {
    const item = items[i];
    if (item === undefined || !test(item)) break;
    n += 1;
  }
  return n;
}

/**
 * The three tables of a report in the official layout, labels in the language of `messages`. Table
 * 三 prints the collapsed （六）其他处理 row when the report holds it (R6).
 */
export function tableLayouts(report: ReportDocument, messages: MessageTree): Record<TableLayout['table'], TableLayout> {
  const layouts = new Layouts(report, messages);
  const template = getTemplate(report.meta.template);
  return {
    active: layouts.active(),
    requests: layouts.requests(hasCollapsedOtherHandling(template, report.cells)),
    appeals: layouts.appeals(),
  };
}

/** The grid width of a row: the sum of its cells' spans (for tests and renderers). */
export function rowWidth(row: LayoutRow): number {
  return row.reduce((sum, c) => sum + c.colSpan, 0);
}
