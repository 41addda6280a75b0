/**
 * The report as Markdown (GFM tables) in the official layout (report-format.md §2–§3): title,
 * preamble, the six sections in order, and the tables of 二, 三 and 四 in their sections.
 * Labels come from the message tree of the language asked for; prose is never shown in the other
 * language — a block with no text in `lang` says so with `export.untranslated`.
 */
import type { BilingualText, CellKey, Lang, ReportDocument } from '../model.ts';
import { formatMessage, type MessageTree } from '../labels.ts';
import { LABEL_SEPARATOR } from './json.ts';
import { labelIn } from './table-layout.ts';
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

export { LABEL_SEPARATOR };

/** Escapes what Markdown would read as markup in running text. */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`);
}

/** Escapes a line of prose, including markers that would start a heading, list or quote. */
function escapeLine(line: string): string {
  return escapeInline(line).replace(/^(\s*)([#+=-])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

function escapeCell(text: string): string {
  return escapeInline(text).replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

class Renderer {
  private readonly lines: string[] = [];
  private readonly template: TemplateDef;

  constructor(
    private readonly report: ReportDocument,
    private readonly lang: Lang,
    private readonly messages: MessageTree,
  ) {
    this.template = getTemplate(report.meta.template);
  }

  /** A label in `lang` (a missing key shows as the key: table-layout.ts labelIn). */
  private label(key: string): string {
    return labelIn(this.messages, key);
  }

  private block(...lines: string[]): void {
    if (this.lines.length > 0) this.lines.push('');
    this.lines.push(...lines);
  }

  private prose(text: BilingualText | undefined): void {
    if (text === undefined) return;
    const body = text[this.lang];
    if (body === undefined || body.trim() === '') {
      if ((text.zh ?? text.bo ?? '').trim() !== '') this.block(`*${escapeInline(this.label('export.untranslated'))}*`);
      return;
    }
    for (const paragraph of body.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '')) {
      this.block(escapeLine(paragraph));
    }
  }

  private value(key: CellKey): string {
    const value = this.report.cells[key];
    if (value === undefined || value === null) return '';
    const unit = cellSpec(this.template, key)?.kind === 'money' ? (this.report.units[key] ?? '') : '';
    return `${String(value)}${escapeCell(unit)}`;
  }

  private table(header: string[], rows: string[][]): void {
    const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
    this.block(line(header.map(escapeCell)), line(header.map(() => '---')), ...rows.map(line));
  }

  /** 二: one table per 第二十条 item, 信息内容 then the item's columns. */
  private activeTables(): void {
    const items = new Map<string, ActiveRowDef[]>();
    for (const row of this.template.active) items.set(row.item, [...(items.get(row.item) ?? []), row]);
    for (const [item, rows] of items) {
      const columns = new Map<string, ColumnDef>();
      for (const row of rows) for (const column of row.columns) columns.set(column.key, column);
      this.block(`**${escapeInline(this.label(`template.active.items.${item}`))}**`);
      this.table(
        [this.label('template.active.caption'), ...[...columns.values()].map((c) => this.label(c.label))],
        rows.map((row) => [
          escapeCell(this.label(row.label)),
          ...[...columns.keys()].map((c) =>
            row.columns.some((rc) => rc.key === c) ? this.value(cellKey('active', row.key, c)) : '',
          ),
        ]),
      );
    }
  }

  /** 三: the corner note, 7 value columns; a row under a merged group header carries it as prefix. */
  private requestsTable(): void {
    const { columns } = this.template.requests;
    const legalPerson = this.label('template.requests.groups.legal_person');
    const header = columns.map((c) =>
      c.key === 'natural_person' || c.key === 'total' ? this.label(c.label) : `${legalPerson}${LABEL_SEPARATOR}${this.label(c.label)}`,
    );
    const collapsed = hasCollapsedOtherHandling(this.template, this.report.cells);
    this.block(`**${escapeInline(this.label('template.requests.columnsCaption'))}**`);
    this.table(
      [this.label('template.requests.cornerNote'), ...header],
      requestRows(this.template, collapsed).map((row) => {
        const label = this.label(row.label);
        const prefix = row.group === undefined ? '' : `${this.label(`template.requests.groups.${row.group}`)}${LABEL_SEPARATOR}`;
        return [escapeCell(`${prefix}${label}`), ...columns.map((c) => this.value(cellKey('requests', row.key, c.key)))];
      }),
    );
  }

  /** 四: one row of 15 cells under a two-level header flattened to "行政复议 · 结果维持" …. */
  private appealsTable(): void {
    const { groups, columns } = this.template.appeals;
    const header: string[] = [];
    const row: string[] = [];
    for (const group of groups) {
      const parent = group.parent === undefined ? '' : `${this.label(`template.appeals.groups.${group.parent}`)}${LABEL_SEPARATOR}`;
      for (const column of columns) {
        header.push(`${parent}${this.label(group.label)}${LABEL_SEPARATOR}${this.label(column.label)}`);
        row.push(this.value(cellKey('appeals', group.key, column.key)));
      }
    }
    this.table(header, [row]);
  }

  render(): string {
    const { meta } = this.report;
    const agency = this.lang === 'bo' ? (meta.agency.bo ?? meta.agency.zh) : meta.agency.zh;
    const title = formatMessage(this.label('export.title'), { agency, year: meta.year });
    this.block(`# ${escapeInline(title)}`);
    this.prose(this.report.preamble);
    for (const section of this.template.sections) {
      this.block(`## ${escapeInline(this.label(section.label))}`);
      this.prose(this.report.sections[section.key]);
      if (section.table === 'active') this.activeTables();
      if (section.table === 'requests') this.requestsTable();
      if (section.table === 'appeals') this.appealsTable();
    }
    return `${this.lines.join('\n')}\n`;
  }
}

/**
 * The report in the official layout as Markdown, in `lang`, with labels from `messages` (the
 * locale file of that language).
 */
export function toMarkdown(report: ReportDocument, lang: Lang, messages: MessageTree): string {
  return new Renderer(report, lang, messages).render();
}
