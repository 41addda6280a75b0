/**
 * The report as a clean HTML fragment for a portal CMS: one <section lang> holding h2 (title), h3
 * (the six sections), p and table — no document shell, no script, style, class or id, so an editor
 * can paste it into a page whose own h1 is the page title. Tables come from table-layout.ts: a
 * caption, thead/tbody, th with scope, and colspan/rowspan for the merged cells of the official
 * layout. Every text is escaped.
 */
import type { Lang, ReportDocument } from '../model.ts';
import type { MessageTree } from '../labels.ts';
import { reportOutline, type OutlineBlock, type OutlineSection, type TextPart } from './outline.ts';
import type { LayoutCell, LayoutRow, TableLayout } from './table-layout.ts';

/** BCP 47 tags for the lang attribute. */
const HTML_LANG: Record<Lang, string> = { zh: 'zh-Hans', bo: 'bo' };

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => ESCAPES[c] ?? c);
}

function parts(text: readonly TextPart[]): string {
  return text
    .map((p) => (p.lang === undefined ? escapeHtml(p.text) : `<span lang="${HTML_LANG[p.lang]}">${escapeHtml(p.text)}</span>`))
    .join('');
}

function cellHtml(cell: LayoutCell): string {
  const tag = cell.header ? 'th' : 'td';
  const attributes = [
    cell.scope === undefined ? '' : ` scope="${cell.scope}"`,
    cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : '',
    cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : '',
  ].join('');
  return `<${tag}${attributes}>${escapeHtml(cell.text)}</${tag}>`;
}

function rowsHtml(rows: readonly LayoutRow[]): string[] {
  return rows.map((row) => `<tr>${row.map(cellHtml).join('')}</tr>`);
}

function tableHtml(layout: TableLayout, caption: string): string {
  const lines = ['<table>', `<caption>${escapeHtml(caption)}</caption>`];
  if (layout.head.length > 0) lines.push('<thead>', ...rowsHtml(layout.head), '</thead>');
  for (const body of layout.bodies) lines.push('<tbody>', ...rowsHtml(body), '</tbody>');
  lines.push('</table>');
  return lines.join('\n');
}

function blockHtml(block: OutlineBlock, section: OutlineSection | undefined): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'untranslated':
      return `<p><em>${escapeHtml(block.text)}</em></p>`;
    case 'table':
      return tableHtml(block.layout, section?.heading ?? '');
  }
}

/**
 * The report in the official layout as an HTML fragment in `lang`, labels from `messages` (the
 * locale file of that language). Each table's caption is its section's heading.
 */
export function toHtmlFragment(report: ReportDocument, lang: Lang, messages: MessageTree): string {
  const outline = reportOutline(report, lang, messages);
  const lines = [`<section lang="${HTML_LANG[lang]}">`, `<h2>${parts(outline.title)}</h2>`];
  lines.push(...outline.preamble.map((b) => blockHtml(b, undefined)));
  for (const section of outline.sections) {
    lines.push(`<h3>${escapeHtml(section.heading)}</h3>`, ...section.blocks.map((b) => blockHtml(b, section)));
  }
  lines.push('</section>');
  return `${lines.join('\n')}\n`;
}
