/**
 * The report as a Word document (.docx) in the official layout (report-format.md §2–§3), with the
 * `docx` package: title, preamble, the six section headings and their prose (one paragraph per
 * line), and the tables of 二, 三 and 四 as real Word tables whose merged cells (gridSpan, vMerge)
 * are those of the official template — drawn from table-layout.ts, which the HTML export shares.
 *
 * Page and type as a 公文 (GB/T 9704): A4, margins 37/35/28/26 mm, title 22 pt (二号) bold,
 * headings 16 pt (三号) bold, body 16 pt, tables 10.5 pt (五号). Chinese text is set in 宋体
 * (SimSun, the eastAsia font) with Times New Roman for digits and Latin; Tibetan text in a named
 * Tibetan font (TIBETAN_FONT), embedded in the file when the caller gives its bytes (`DocxOptions`):
 * LibreOffice and Word without the font installed then draw it instead of tofu. Line spacing is
 * Word's "multiple" (lineRule "auto", always written: LibreOffice reads a w:line without a rule as an
 * exact height, which made the two lines of a 22 pt title overlap), never "exactly": an exact height
 * clips Tibetan stacks.
 *
 * Runs in Node and in the browser: the package is packed straight to a Uint8Array.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IRunOptions,
} from 'docx';
import type { Lang, ReportDocument } from '../model.ts';
import type { MessageTree } from '../labels.ts';
import { reportOutline, titleText, type OutlineBlock, type ReportOutline, type TextPart } from './outline.ts';
import type { LayoutCell, LayoutRow, TableLayout } from './table-layout.ts';

/** Chinese text: 宋体 for Han characters, Times New Roman for digits and Latin, as 公文 set them. */
export const CHINESE_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimSun', cs: 'Times New Roman' } as const;

/**
 * Tibetan text. Noto Serif Tibetan is free and is the font the app itself ships
 * (@fontsource/noto-serif-tibetan). Word's w:rFonts names one font and has no fallback list: where
 * it is not installed, Word substitutes — on Windows, Microsoft Himalaya comes with the system;
 * offices in Tibet often have the 珠穆朗玛 (Qomolangma) fonts. The name is set in every slot (ascii,
 * hAnsi, eastAsia, cs), because which slot Word uses for U+0F00–U+0FFF depends on its version and
 * the run's hints.
 */
export const TIBETAN_FONT = 'Noto Serif Tibetan';

const TIBETAN_FONTS = { ascii: TIBETAN_FONT, hAnsi: TIBETAN_FONT, eastAsia: TIBETAN_FONT, cs: TIBETAN_FONT } as const;

/** Word's language tags (w:lang) for proofing and line breaking. */
const CHINESE_LANGUAGE = { value: 'en-US', eastAsia: 'zh-CN' } as const;
const TIBETAN_LANGUAGE = { value: 'bo-CN', eastAsia: 'zh-CN', bidirectional: 'bo-CN' } as const;

// A4 and the 公文 margins (GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), in twips.
const PAGE = { width: 11906, height: 16838 } as const;
const MARGIN = { top: 2098, bottom: 1984, left: 1587, right: 1474 } as const;
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

// Sizes in half-points.
const SIZE = { title: 44, heading: 32, body: 32, table: 21 } as const;
const MULTIPLE = LineRuleType.AUTO;
/**
 * Line spacing of prose, headings and title, in 240ths of a line: 1.5 lines for Chinese, as 公文
 * are set; single for Tibetan, whose font's own line (ascent and descent for the deepest stacks)
 * is already about twice its size, so 1.5 of it left a blank line's worth between lines.
 */
const PROSE_LINE: Record<Lang, number> = { zh: 360, bo: 240 };
const TABLE_SPACING = { line: 240, lineRule: MULTIPLE, before: 0, after: 0 } as const;

function bodySpacing(lang: Lang) {
  return { line: PROSE_LINE[lang], lineRule: MULTIPLE, after: 0 } as const;
}

function headingSpacing(lang: Lang) {
  return { line: PROSE_LINE[lang], lineRule: MULTIPLE, before: 120, after: 60 } as const;
}

function titleSpacing(lang: Lang) {
  return { line: PROSE_LINE[lang], lineRule: MULTIPLE, before: 0, after: 240 } as const;
}
/** Two characters of body text: the first-line indent of Chinese paragraphs. */
const CHINESE_INDENT = SIZE.body * 20;

/** Runs of Tibetan script (with the spaces between Tibetan words) inside a text. */
const TIBETAN_RUN = /[\u0F00-\u0FFF]+(?:\s+[\u0F00-\u0FFF]+)*/gu;

/** Splits text into Tibetan and other pieces, in order; empty pieces are dropped. */
export function scriptPieces(text: string): { text: string; tibetan: boolean }[] {
  const pieces: { text: string; tibetan: boolean }[] = [];
  let at = 0;
  for (const match of text.matchAll(TIBETAN_RUN)) {
    if (match.index > at) pieces.push({ text: text.slice(at, match.index), tibetan: false });
    pieces.push({ text: match[0], tibetan: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), tibetan: false });
  return pieces;
}

type RunStyle = Pick<IRunOptions, 'bold' | 'italics' | 'size'>;

/** Text runs with the font of their script: a run that holds Tibetan is set in the Tibetan font. */
function runs(text: string, style: RunStyle): TextRun[] {
  return scriptPieces(text).map(
    (piece) =>
      new TextRun({
        ...style,
        text: piece.text,
        font: piece.tibetan ? TIBETAN_FONTS : CHINESE_FONT,
        language: piece.tibetan ? TIBETAN_LANGUAGE : CHINESE_LANGUAGE,
      }),
  );
}

/** The title's runs, with a line break after a part that ends a line (the agency's name). */
function titleRuns(parts: readonly TextPart[], style: RunStyle): TextRun[] {
  return parts.flatMap((part, index) => {
    const previous = parts[index - 1];
    // The space between agency and year in the Tibetan title would start the second line.
    const text = previous?.endsLine === true ? part.text.trimStart() : part.text;
    const breakBefore = previous?.endsLine === true ? [new TextRun({ break: 1 })] : [];
    return [...breakBefore, ...runs(text, style)];
  });
}

/** Every text of the document that is set in the Tibetan font, one piece a line (what an embedded font must draw). */
function tibetanTextOf(outline: ReportOutline): string {
  const texts = [
    ...outline.title.map((part) => part.text),
    ...[...outline.preamble, ...outline.sections.flatMap((section) => section.blocks)].flatMap((block) =>
      block.kind === 'table' ? [...block.layout.head, ...block.layout.bodies.flat()].flat().map((cell) => cell.text) : [block.text],
    ),
    ...outline.sections.map((section) => section.heading),
  ];
  return texts.flatMap((text) => scriptPieces(text).filter((piece) => piece.tibetan).map((piece) => piece.text)).join('\n');
}

function proseParagraph(block: Exclude<OutlineBlock, { kind: 'table' }>, lang: Lang): Paragraph {
  return new Paragraph({
    children: runs(block.text, { size: SIZE.body, ...(block.kind === 'untranslated' ? { italics: true } : {}) }),
    alignment: AlignmentType.JUSTIFIED,
    spacing: bodySpacing(lang),
    // Tibetan paragraphs are not indented.
    ...(lang === 'zh' ? { indent: { firstLine: CHINESE_INDENT } } : {}),
  });
}

function cellAlignment(cell: LayoutCell): (typeof AlignmentType)[keyof typeof AlignmentType] {
  // Row labels read from the left; group headers merged down, column headers and values centre.
  return cell.scope === 'row' && cell.rowSpan === 1 ? AlignmentType.LEFT : AlignmentType.CENTER;
}

function tableCell(cell: LayoutCell): TableCell {
  return new TableCell({
    children: [
      new Paragraph({
        children: runs(cell.text, { size: SIZE.table }),
        alignment: cellAlignment(cell),
        spacing: TABLE_SPACING,
      }),
    ],
    verticalAlign: VerticalAlignTable.CENTER,
    ...(cell.colSpan > 1 ? { columnSpan: cell.colSpan } : {}),
    ...(cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
  });
}

function tableRow(row: LayoutRow, head: boolean): TableRow {
  return new TableRow({ children: row.map(tableCell), cantSplit: true, ...(head ? { tableHeader: true } : {}) });
}

/** Grid column widths in twips, in proportion to the layout's, filling the text width. */
function columnWidths(widths: readonly number[]): number[] {
  const total = widths.reduce((a, b) => a + b, 0);
  const scaled = widths.map((w) => Math.floor((w * TEXT_WIDTH) / total));
  const rest = TEXT_WIDTH - scaled.reduce((a, b) => a + b, 0);
  if (scaled.length > 0) scaled[scaled.length - 1] = (scaled.at(-1) ?? 0) + rest;
  return scaled;
}

function table(layout: TableLayout): Table {
  return new Table({
    rows: [...layout.head.map((r) => tableRow(r, true)), ...layout.bodies.flat().map((r) => tableRow(r, false))],
    columnWidths: columnWidths(layout.widths),
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    margins: { left: 57, right: 57, top: 28, bottom: 28 },
  });
}

function heading(text: string, lang: Lang): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs(text, { size: SIZE.heading, bold: true }), spacing: headingSpacing(lang) });
}

/** Paragraph styles without the package's colours and theme fonts: black, the sizes above. */
function headingStyle(lang: Lang) {
  return { run: { size: SIZE.heading, bold: true, color: '000000' }, paragraph: { spacing: headingSpacing(lang) } } as const;
}

export interface DocxOptions {
  /**
   * The Tibetan font's bytes (TrueType/OpenType, not WOFF) to embed, for the Tibetan text the
   * document sets in it (one piece a line; a subset that draws this text is enough). Called only when
   * the document has Tibetan text. Without it, or when it gives undefined, the font is only named.
   * The caller chooses how to get the bytes: this module reads no files (it runs in the browser too).
   */
  tibetanFont?: (tibetanText: string) => Promise<Uint8Array | undefined>;
}

/** The document's `fonts` (embedded fonts) option, whose type the package declares as a Node Buffer. */
type EmbeddedFonts = NonNullable<ConstructorParameters<typeof Document>[0]['fonts']>;

/**
 * The Tibetan font embedded as Word embeds one (word/fonts/font1.odttf, obfuscated with the key
 * of w:embedRegular's w:fontKey, ECMA-376 Part 1 §17.8.1), or nothing.
 */
async function embeddedFonts(outline: ReportOutline, options: DocxOptions): Promise<EmbeddedFonts> {
  const tibetanText = tibetanTextOf(outline);
  if (tibetanText === '' || options.tibetanFont === undefined) return [];
  const bytes = await options.tibetanFont(tibetanText);
  if (bytes === undefined) return [];
  // The package's type says Buffer, but it only slices and XORs the bytes (Uint8Array methods), in
  // the browser as in Node, where no Buffer exists.
  return [{ name: TIBETAN_FONT, data: bytes as EmbeddedFonts[number]['data'] }];
}

/**
 * The report in the official layout as a .docx, in `lang`, with labels from `messages` (the locale
 * file of that language). Blank cells are empty, 0 is printed as 0, a money cell carries its unit.
 */
export async function toDocx(report: ReportDocument, lang: Lang, messages: MessageTree, options: DocxOptions = {}): Promise<Uint8Array> {
  const outline = reportOutline(report, lang, messages);
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      children: titleRuns(outline.title, { size: SIZE.title, bold: true }),
      alignment: AlignmentType.CENTER,
      spacing: titleSpacing(lang),
    }),
  ];
  const block = (b: OutlineBlock): Paragraph | Table => (b.kind === 'table' ? table(b.layout) : proseParagraph(b, lang));
  children.push(...outline.preamble.map(block));
  for (const section of outline.sections) children.push(heading(section.heading, lang), ...section.blocks.map(block));

  const document = new Document({
    title: titleText(outline),
    creator: 'Lotho',
    lastModifiedBy: 'Lotho',
    fonts: await embeddedFonts(outline, options),
    styles: {
      default: {
        document: { run: { font: CHINESE_FONT, size: SIZE.body, language: CHINESE_LANGUAGE } },
        title: { run: { size: SIZE.title, bold: true, color: '000000' } },
        heading1: headingStyle(lang),
      },
    },
    sections: [{ properties: { page: { size: PAGE, margin: MARGIN } }, children }],
  });
  const bytes = await Packer.pack(document, 'uint8array');
  // A plain Uint8Array whatever JSZip made it (a Node Buffer is a subclass).
  return Object.getPrototypeOf(bytes) === Uint8Array.prototype ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
