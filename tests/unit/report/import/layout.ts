/**
 * Test helper: a report drawn in the official table layout (report-format.md §2–§3), as a grid of
 * cells with their merges, and writers of that grid in the shapes real sources take: one cell per
 * line (the seed), `|` rows with padding cells (corpus 05/06/14), HTML tables and Word tables.
 * Used to build fixtures of the same report in several formats and for the round-trip property.
 */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, VerticalMergeType } from 'docx';
import { officialLabel } from '../../../../src/report/labels.ts';
import type { CellKey, CellValue, ReportDocument, SectionKey } from '../../../../src/report/model.ts';
import {
  cellKey,
  getTemplate,
  hasCollapsedOtherHandling,
  requestRows,
  type ActiveRowDef,
  type TemplateDef,
} from '../../../../src/report/templates/index.ts';

/** A printed cell. `\n` in text is a line break inside the cell (本年新\n制作数量). */
export interface GridCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
}

/** The place of a cell merged from the row above (Word's vMerge continue, an HTML rowspan). */
export interface Continued {
  continued: true;
  colSpan?: number;
}

export type GridRow = (GridCell | Continued)[];
export type Grid = GridRow[];

export function isContinued(cell: GridCell | Continued): cell is Continued {
  return 'continued' in cell;
}

const cont = (colSpan?: number): Continued => (colSpan === undefined ? { continued: true } : { continued: true, colSpan });

/** How a value is printed; the default prints numbers as they are and blanks as empty cells. */
export type ValueWriter = (key: CellKey, value: CellValue | undefined) => string;

export const plainValue: ValueWriter = (_key, value) => (value === undefined || value === null ? '' : String(value));

/** Headers the seed prints on two lines inside their cell. */
const TWO_LINE_HEADERS: Record<string, string> = {
  本年新制作数量: '本年新\n制作数量',
  本年新公开数量: '本年新\n公开数量',
};

function header(label: string): string {
  return TWO_LINE_HEADERS[label] ?? label;
}

/** Table 二: per 第二十条 item a caption row, a header row and its rows, in 4 columns. */
export function activeGrid(report: ReportDocument, write: ValueWriter = plainValue): Grid {
  const template = getTemplate(report.meta.template);
  const items = new Map<string, ActiveRowDef[]>();
  for (const row of template.active) items.set(row.item, [...(items.get(row.item) ?? []), row]);
  const grid: Grid = [];
  const spread = (first: GridCell, rest: GridCell[]): GridRow => {
    // Fewer than 3 value columns: the last cell spans the rest (as in the 2021 template).
    const last = rest.at(-1);
    if (last !== undefined && rest.length < 3) last.colSpan = 4 - rest.length;
    return [first, ...rest];
  };
  for (const [item, rows] of items) {
    const first = rows[0];
    if (first === undefined) continue;
    grid.push([{ text: officialLabel(`template.active.items.${item}`), colSpan: 4 }]);
    grid.push(spread({ text: officialLabel('template.active.caption') }, first.columns.map((c) => ({ text: header(officialLabel(c.label)) }))));
    for (const row of rows) {
      grid.push(
        spread(
          { text: officialLabel(row.label) },
          row.columns.map((c) => {
            const key = cellKey('active', row.key, c.key);
            return { text: write(key, report.cells[key]) };
          }),
        ),
      );
    }
  }
  return grid;
}

function valueCells(report: ReportDocument, template: TemplateDef, row: string, write: ValueWriter): GridCell[] {
  return template.requests.columns.map((c) => {
    const key = cellKey('requests', row, c.key);
    return { text: write(key, report.cells[key]) };
  });
}

/** Table 三: the corner note over 3 label columns, 7 value columns, merged group headers. */
export function requestsGrid(report: ReportDocument, write: ValueWriter = plainValue): Grid {
  const template = getTemplate(report.meta.template);
  const rows = requestRows(template, hasCollapsedOtherHandling(template, report.cells));
  const label = (key: string): string => officialLabel(key);
  const grid: Grid = [
    [
      { text: label('template.requests.cornerNote'), colSpan: 3, rowSpan: 3 },
      { text: label('template.requests.columnsCaption'), colSpan: 7 },
    ],
    [
      cont(3),
      { text: label('template.requests.columns.natural_person'), rowSpan: 2 },
      { text: label('template.requests.groups.legal_person'), colSpan: 5 },
      { text: label('template.requests.columns.total'), rowSpan: 2 },
    ],
    [
      cont(3),
      cont(),
      ...['commercial', 'research', 'social_welfare', 'legal_service', 'other_org'].map((c) => ({ text: label(`template.requests.columns.${c}`) })),
      cont(),
    ],
  ];
  const resultRows = rows.filter((r) => r.group !== undefined).length;
  let resultsStarted = false;
  let previousGroup: string | undefined;
  for (const row of rows) {
    const values = valueCells(report, template, row.key, write);
    const text = label(row.label);
    if (row.group === undefined) {
      grid.push([{ text, colSpan: 3 }, ...values]);
      continue;
    }
    const outer: GridCell | Continued = resultsStarted ? cont() : { text: label('template.requests.groups.results'), rowSpan: resultRows };
    resultsStarted = true;
    if (row.group === 'results') {
      grid.push([outer, { text, colSpan: 2 }, ...values]);
    } else {
      const size = rows.filter((r) => r.group === row.group).length;
      const inner: GridCell | Continued = previousGroup === row.group ? cont() : { text: label(`template.requests.groups.${row.group}`), rowSpan: size };
      grid.push([outer, inner, { text }, ...values]);
    }
    previousGroup = row.group;
  }
  return grid;
}

/** Table 四: 行政复议 (5) and 行政诉讼 (2 × 5) over one row of 15 values. */
export function appealsGrid(report: ReportDocument, write: ValueWriter = plainValue): Grid {
  const template = getTemplate(report.meta.template);
  const label = (key: string): string => officialLabel(key);
  const columns = template.appeals.columns.map((c) => label(c.label));
  const values: GridCell[] = template.appeals.groups.flatMap((g) =>
    template.appeals.columns.map((c) => {
      const key = cellKey('appeals', g.key, c.key);
      return { text: write(key, report.cells[key]) };
    }),
  );
  return [
    [
      { text: label('template.appeals.groups.review'), colSpan: 5 },
      { text: label('template.appeals.groups.litigation'), colSpan: 10 },
    ],
    [
      ...columns.map((text) => ({ text, rowSpan: 2 })),
      { text: label('template.appeals.groups.litigation_direct'), colSpan: 5 },
      { text: label('template.appeals.groups.litigation_after_review'), colSpan: 5 },
    ],
    [...columns.map(() => cont()), ...columns.map((text) => ({ text })), ...columns.map((text) => ({ text }))],
    values,
  ];
}

/** One cell per line as a docx→text converter writes it (the seed): TAB first, blank line after a row. */
export function gridToCellLines(grid: Grid): string[] {
  const lines: string[] = [];
  for (const row of grid) {
    for (const cell of row) lines.push(isContinued(cell) ? '\t' : `\t${cell.text}`);
    lines.push('');
  }
  return lines;
}

/**
 * Where a `|` rendering puts the empty cells that pad a row to the table's width: right after each
 * spanning cell, merged places included (a converter that expands spans), or all at the end of
 * the row (corpus 14: the real cells of the row, then padding).
 */
export type PipePadding = 'after-span' | 'row-end';

/** `|` rows of a grid, padded as asked. */
export function gridToPipeRows(grid: Grid, padding: PipePadding = 'after-span'): string[] {
  const width = (grid[0] ?? []).reduce((sum, cell) => sum + (cell.colSpan ?? 1), 0);
  return grid.map((row) => {
    let cells: string[];
    if (padding === 'after-span') {
      cells = row.flatMap((cell) => {
        const span = cell.colSpan ?? 1;
        const text = isContinued(cell) ? '' : cell.text.replace(/\n/gu, ' ');
        return [text, ...Array<string>(span - 1).fill('')];
      });
    } else {
      cells = row.filter((c): c is GridCell => !isContinued(c)).map((cell) => cell.text.replace(/\n/gu, ' '));
      cells.push(...Array<string>(Math.max(0, width - cells.length)).fill(''));
    }
    return `| ${cells.join(' | ')} |`;
  });
}

function escapeHtml(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

/** An HTML table: rowspan/colspan on the first cell of a merge, <br> in two-line cells, &nbsp; blanks. */
export function gridToHtml(grid: Grid): string {
  const rows = grid.map((row) => {
    const cells = row.filter((c): c is GridCell => !isContinued(c)).map((cell) => {
      const span = `${cell.colSpan === undefined ? '' : ` colspan="${cell.colSpan}"`}${cell.rowSpan === undefined ? '' : ` rowspan="${cell.rowSpan}"`}`;
      const text = cell.text === '' ? '&nbsp;' : cell.text.split('\n').map(escapeHtml).join('<br>');
      return `<td${span}>${text}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<table border="1">\n${rows.join('\n')}\n</table>`;
}

/** A Word table: gridSpan for colSpan, vMerge restart/continue for rowSpan, one paragraph per line. */
export function gridToDocxTable(grid: Grid): Table {
  return new Table({
    rows: grid.map(
      (row) =>
        new TableRow({
          children: row.map((cell) => {
            const columnSpan = cell.colSpan;
            if (isContinued(cell)) {
              return new TableCell({ children: [new Paragraph('')], verticalMerge: VerticalMergeType.CONTINUE, ...(columnSpan === undefined ? {} : { columnSpan }) });
            }
            return new TableCell({
              children: cell.text.split('\n').map((line) => new Paragraph({ text: line, alignment: AlignmentType.CENTER })),
              ...(columnSpan === undefined ? {} : { columnSpan }),
              ...(cell.rowSpan === undefined ? {} : { verticalMerge: VerticalMergeType.RESTART }),
            });
          }),
        }),
    ),
  });
}

/** The report's text blocks in print order, with the table grids in their sections. */
export interface ReportLayout {
  title: string[];
  preamble: string[];
  sections: { key: SectionKey; heading: string; paragraphs: string[]; table?: Grid }[];
}

export function reportLayout(report: ReportDocument, write: ValueWriter = plainValue): ReportLayout {
  const template = getTemplate(report.meta.template);
  const paragraphs = (text: string | undefined): string[] => (text ?? '').split('\n').filter((l) => l.trim() !== '');
  const grids = { active: activeGrid, requests: requestsGrid, appeals: appealsGrid };
  return {
    title: [report.meta.agency.zh, `${report.meta.year}年政府信息公开工作年度报告`],
    preamble: paragraphs(report.preamble?.zh),
    sections: template.sections.map((section) => {
      const entry: ReportLayout['sections'][number] = {
        key: section.key,
        heading: officialLabel(section.label),
        paragraphs: paragraphs(report.sections[section.key]?.zh),
      };
      if (section.table !== undefined) entry.table = grids[section.table](report, write);
      return entry;
    }),
  };
}

/** The whole report as one-cell-per-line text (seed style). */
export function renderCellLines(report: ReportDocument, write: ValueWriter = plainValue): string {
  const layout = reportLayout(report, write);
  const lines = [...layout.title, '', ...layout.preamble];
  for (const section of layout.sections) {
    lines.push(section.heading, ...section.paragraphs);
    if (section.table !== undefined) lines.push(...gridToCellLines(section.table), '');
  }
  return `${lines.join('\n')}\n`;
}

/** The whole report with its tables as `|` rows with padding cells. */
export function renderPipeRows(report: ReportDocument, write: ValueWriter = plainValue, padding: PipePadding = 'after-span'): string {
  const layout = reportLayout(report, write);
  const lines = [...layout.title, ...layout.preamble];
  for (const section of layout.sections) {
    lines.push(section.heading, ...section.paragraphs);
    if (section.table !== undefined) lines.push(...gridToPipeRows(section.table, padding));
  }
  return `${lines.join('\n')}\n`;
}

/** The whole report as an HTML page. */
export function renderHtml(report: ReportDocument, write: ValueWriter = plainValue): string {
  const layout = reportLayout(report, write);
  const p = (text: string): string => `<p>${escapeHtml(text)}</p>`;
  const body = [...layout.title.map((t) => `<h1>${escapeHtml(t)}</h1>`), ...layout.preamble.map(p)];
  for (const section of layout.sections) {
    body.push(`<h2>${escapeHtml(section.heading)}</h2>`, ...section.paragraphs.map(p));
    if (section.table !== undefined) body.push(gridToHtml(section.table));
  }
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(layout.title.join(''))}</title></head>\n<body>\n${body.join('\n')}\n</body></html>\n`;
}

/** The whole report as a .docx with real Word tables (merged cells included). */
export async function renderDocx(report: ReportDocument, write: ValueWriter = plainValue): Promise<Uint8Array> {
  const layout = reportLayout(report, write);
  const children: (Paragraph | Table)[] = [
    ...layout.title.map((t) => new Paragraph({ text: t, alignment: AlignmentType.CENTER })),
    ...layout.preamble.map((t) => new Paragraph(t)),
  ];
  for (const section of layout.sections) {
    children.push(new Paragraph(section.heading), ...section.paragraphs.map((t) => new Paragraph(t)));
    if (section.table !== undefined) children.push(gridToDocxTable(section.table), new Paragraph(''));
  }
  const document = new Document({ sections: [{ children }] });
  return Packer.pack(document, 'uint8array');
}
