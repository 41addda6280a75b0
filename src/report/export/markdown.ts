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
import { tablesOfReport, type ReportTables, type RowModel, type TableModel, type TableSection } from '../tables/index.ts';
import { cellSpec, getTemplate, type TemplateDef } from '../templates/index.ts';

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
  private readonly tables: ReportTables;

  constructor(
    private readonly report: ReportDocument,
    private readonly lang: Lang,
    private readonly messages: MessageTree,
  ) {
    this.template = getTemplate(report.meta.template);
    this.tables = tablesOfReport(report);
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

  private tableOf(section: TableSection): TableModel[] {
    return this.tables.tables.filter((t) => t.section === section);
  }

  private values(row: RowModel): string[] {
    return row.cells.map((c) => (c === null ? '' : this.value(c.key)));
  }

  private joined(keys: readonly string[]): string {
    return keys.map((k) => this.label(k)).join(LABEL_SEPARATOR);
  }

  /** 二: one table per 第二十条 item, 信息内容 then the item's columns. */
  private activeTables(): void {
    for (const table of this.tableOf('active')) {
      this.block(`**${escapeInline(this.label(table.caption ?? ''))}**`);
      this.table(
        (table.head[0] ?? []).map((c) => this.label(c.label)),
        table.bodies.flatMap((b) => b.rows).map((row) => [escapeCell(this.label(row.label)), ...this.values(row)]),
      );
    }
  }

  /**
   * 三: the corner note, the value columns under their group ("法人或其他组织 · 商业企业"); a row
   * under a merged group header carries the innermost one as prefix.
   */
  private requestsTable(): void {
    const { requests } = this.template;
    for (const table of this.tableOf('requests')) {
      this.block(`**${escapeInline(this.label(requests.columnsCaption))}**`);
      this.table(
        [this.label(requests.cornerNote), ...table.columns.map((c) => this.joined([...(c.group === undefined ? [] : [c.group.label]), c.label]))],
        table.bodies.flatMap((b) => b.rows).map((row) => [escapeCell(this.joined([...row.groups.slice(-1).map((g) => g.label), row.label])), ...this.values(row)]),
      );
    }
  }

  /** 四: one row of its groups' cells side by side, under headers flattened to "行政诉讼 · 复议后起诉 · 总计". */
  private appealsTable(): void {
    for (const table of this.tableOf('appeals')) {
      const rows = table.bodies.flatMap((b) => b.rows);
      this.table(
        rows.flatMap((row) => table.columns.map((c) => this.joined([...row.path, c.label]))),
        [rows.flatMap((row) => this.values(row))],
      );
    }
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
