/**
 * HTML to source lines, with htmlparser2 (no DOM: this runs in Node as well as in the browser).
 *
 * Flow text becomes one line per block; every table row becomes one line with `cells`. Spans
 * (colspan/rowspan) are NOT expanded into copies: the parser matches rows by their label sequence,
 * and a copied cell would invent a value (report-format.md §7.4).
 */
import { DomUtils, ElementType, parseDocument } from 'htmlparser2';
import type { SourceLine } from '../types.ts';

type DomNode = ReturnType<typeof parseDocument>['children'][number];
type DomElement = Parameters<typeof DomUtils.getAttributeValue>[0];
type DomText = Extract<DomNode, { type: typeof ElementType.Text }>;
type DomDocument = Extract<DomNode, { type: typeof ElementType.Root }>;

/** Elements whose text is never report content. */
const SKIPPED = new Set([
  'script', 'style', 'head', 'title', 'noscript', 'template', 'iframe', 'object', 'embed',
  'svg', 'canvas', 'nav', 'select', 'datalist',
]);

/** Elements that start and end a line. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details',
  'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main',
  'menu', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead',
  'tr', 'ul',
]);

/**
 * A cell this long and made of several blocks is a page-layout cell holding running text, not a
 * table value: its rows of text are read as lines instead of being glued into one cell.
 */
const LAYOUT_CELL_CHARS = 200;
const LAYOUT_CELL_BLOCKS = 3;

/** Collapses whitespace runs (including &nbsp; and full-width spaces) to one space and trims. */
function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

class LineSink {
  readonly lines: SourceLine[] = [];
  private buffer = '';

  text(data: string): void {
    this.buffer += data;
  }

  /** Ends the current line; a line with no visible text is not emitted. */
  flush(): void {
    const text = collapse(this.buffer);
    if (text !== '') this.lines.push({ text });
    this.buffer = '';
  }

  row(cells: string[]): void {
    this.flush();
    this.lines.push({ text: cells.join('\t'), cells });
  }
}

function isElement(node: DomNode): node is DomElement {
  return node.type === ElementType.Tag || node.type === ElementType.Script || node.type === ElementType.Style;
}

function isText(node: DomNode): node is DomText {
  return node.type === ElementType.Text;
}

function isDocument(node: DomNode): node is DomDocument {
  return node.type === ElementType.Root;
}

/** Walks running text: blocks and <br> break lines, tables go row by row. */
function walkFlow(node: DomNode, sink: LineSink, inPre: boolean): void {
  if (isText(node)) {
    if (!inPre) {
      sink.text(node.data);
      return;
    }
    const parts = node.data.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) sink.flush();
      sink.text(part);
    });
    return;
  }
  if (isDocument(node)) {
    for (const child of node.children) walkFlow(child, sink, inPre);
    return;
  }
  if (!isElement(node)) return; // comments, directives, CDATA
  const name = node.name;
  if (SKIPPED.has(name)) return;
  if (name === 'br') {
    sink.flush();
    return;
  }
  if (name === 'table') {
    sink.flush();
    walkTable(node, sink);
    sink.flush();
    return;
  }
  const block = BLOCKS.has(name);
  if (block) sink.flush();
  const pre = inPre || name === 'pre' || name === 'textarea';
  for (const child of node.children) walkFlow(child, sink, pre);
  if (block) sink.flush();
}

/** Rows of a table (also inside thead/tbody/tfoot), in document order. */
function walkTable(table: DomElement, sink: LineSink): void {
  for (const child of table.children) {
    if (!isElement(child)) {
      // Stray text directly inside <table> (invalid, but seen in scraped pages).
      if (isText(child) && collapse(child.data) !== '') {
        sink.text(child.data);
        sink.flush();
      }
      continue;
    }
    switch (child.name) {
      case 'tr':
        walkRow(child, sink);
        break;
      case 'thead':
      case 'tbody':
      case 'tfoot':
        walkTable(child, sink);
        break;
      case 'colgroup':
      case 'col':
        break;
      case 'caption':
        // A caption belongs to its table: as a one-cell row it cannot be read as section prose or
        // as a heading (a caption often repeats the section heading).
        sink.row([cellParts(child).join('')]);
        break;
      default:
        walkFlow(child, sink, false);
    }
  }
}

/** Text of a cell split at its blocks and <br>s, each part collapsed; empty parts dropped. */
function cellParts(cell: DomElement): string[] {
  const parts: string[] = [];
  let current = '';
  const breakPart = (): void => {
    const part = collapse(current);
    if (part !== '') parts.push(part);
    current = '';
  };
  const visit = (node: DomNode): void => {
    if (isText(node)) {
      current += node.data;
      return;
    }
    if (!isElement(node) || SKIPPED.has(node.name)) return;
    if (node.name === 'br') {
      breakPart();
      return;
    }
    const block = BLOCKS.has(node.name);
    if (block) breakPart();
    for (const child of node.children) visit(child);
    if (block) breakPart();
  };
  for (const child of cell.children) visit(child);
  breakPart();
  return parts;
}

function walkRow(tr: DomElement, sink: LineSink): void {
  const cells = tr.children.filter(
    (child): child is DomElement => isElement(child) && (child.name === 'td' || child.name === 'th'),
  );
  if (cells.length === 0) {
    for (const child of tr.children) walkFlow(child, sink, false);
    sink.flush();
    return;
  }
  const parts = cells.map(cellParts);
  const layout = cells.some(
    (cell, i) =>
      DomUtils.findOne((el) => el.name === 'table', cell.children, true) !== null ||
      isLayoutText(parts[i] ?? []),
  );
  if (layout) {
    // A page-layout row (a cell holds a nested table or running text): its cells are not values.
    // Read them as flow so the nested rows and paragraphs come out in document order.
    for (const cell of cells) walkFlow(cell, sink, false);
    return;
  }
  // Blocks and <br> inside a cell join with no space: a header printed as 本年新<br>制作数量 is
  // one label, 本年新制作数量.
  sink.row(parts.map((cellText) => cellText.join('')));
}

function isLayoutText(parts: string[]): boolean {
  if (parts.length < LAYOUT_CELL_BLOCKS) return false;
  let chars = 0;
  for (const part of parts) chars += part.length;
  return chars > LAYOUT_CELL_CHARS;
}

/**
 * The lines of an HTML document. script/style/head/nav and similar are dropped; each block
 * element or <br> ends a line; each <tr> is one line whose `cells` are its td/th texts in order
 * (blank or &nbsp;-only cells are '') and whose `text` is the cells joined with a tab. Nested
 * tables are flattened in document order.
 */
export function htmlToLines(html: string): SourceLine[] {
  const document = parseDocument(html, { decodeEntities: true });
  const sink = new LineSink();
  walkFlow(document, sink, false);
  sink.flush();
  return sink.lines;
}
