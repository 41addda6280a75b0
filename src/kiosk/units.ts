/**
 * A report as the kiosk's units, in reading order: the cover, the preamble, then for each of the
 * six sections its heading, its paragraphs and its table(s), read from the table model
 * (report/tables) as the reader's tables are. Every label is looked up through `KioskText`, so
 * this module needs no i18n library and is tested in Node.
 *
 * Lanes are the languages shown together (see paginate.ts). Paragraphs are paired by index, as the
 * reader's side-by-side view pairs them. On a wide side-by-side screen a table is one spanning
 * unit with bilingual labels; otherwise each language has its own copy, cut at the same rows.
 */
import type { CellKey, Lang, ReportDocument, SectionKey } from '../report/model.ts';
import { tablesOfReport, type HeadCell as ModelHeadCell, type ReportTables, type TableModel, type TableSection } from '../report/tables/index.ts';
import { cellSpec, getTemplate, type TemplateDef } from '../report/templates/index.ts';
import { paragraphs } from '../report/paragraphs.ts';
import { formatIsoDate, formatNumber, formatYear, type Digits } from '../i18n/format.ts';
import type { CoverBlock, HeadCell, KioskBlock, Label, NoteBlock, Span, TableBlock, TableRow } from './blocks.ts';
import type { Unit } from './paginate.ts';

/** Message lookup: the text of `key` in `lang`, in the language it really has (zh when bo lacks it). */
export interface KioskText {
  message(key: string, lang: Lang, params?: Record<string, string>): Span;
}

export interface UnitOptions {
  /** Languages laid out together, in order (one or two). */
  langs: readonly Lang[];
  /** Two columns on one screen (tables then span both with bilingual labels). */
  sideBySide: boolean;
  /** Digits on Tibetan screens. */
  digits: Digits;
}

const UNIT_KEYS: Record<string, string> = { 元: 'reader.units.yuan', 万元: 'reader.units.wanYuan' };

interface Context {
  report: ReportDocument;
  template: TemplateDef;
  tables: ReportTables;
  text: KioskText;
  digits: Digits;
}

function agencyOf(report: ReportDocument, lang: Lang): Span {
  const { agency } = report.meta;
  return lang === 'bo' && agency.bo !== undefined && agency.bo !== '' ? { text: agency.bo, lang: 'bo' } : { text: agency.zh, lang: 'zh' };
}

/** The agency, as the kiosk header and the cover print it. */
export function agencySpan(report: ReportDocument, lang: Lang): Span {
  return agencyOf(report, lang);
}

function cover(ctx: Context, lang: Lang): CoverBlock {
  const { meta } = ctx.report;
  const opts = { lang, digits: ctx.digits };
  const details: { key: string; label: Span; value: Span }[] = [];
  const add = (key: string, labelKey: string, value: Span): void => {
    details.push({ key, label: ctx.text.message(labelKey, lang), value });
  };
  if (meta.period) {
    add('period', 'reader.meta.period', ctx.text.message('reader.meta.periodValue', lang, {
      start: formatIsoDate(meta.period.start, opts),
      end: formatIsoDate(meta.period.end, opts),
    }));
  }
  if (meta.publishedOn) add('published', 'reader.meta.publishedOn', { text: formatIsoDate(meta.publishedOn, opts), lang });
  // Addresses are written in Chinese only: they keep lang zh on a Tibetan screen.
  if (meta.address) add('address', 'reader.meta.address', { text: meta.address, lang: 'zh' });
  if (meta.phone) add('phone', 'reader.meta.phone', { text: meta.phone, lang });
  if (meta.website) add('website', 'reader.meta.website', { text: meta.website, lang });
  return {
    kind: 'cover',
    agency: agencyOf(ctx.report, lang),
    title: ctx.text.message('reader.title', lang, { year: formatYear(meta.year, opts) }),
    details,
  };
}

/** A label in every language of the table (one span each, the same text once). */
function label(ctx: Context, langs: readonly Lang[], key: string): Label {
  const spans = langs.map((lang) => ctx.text.message(key, lang));
  return spans.filter((span, i) => spans.findIndex((s) => s.text === span.text) === i);
}

/** "…（续）" in every language of the table: the caption of the screens after the first. */
function continued(ctx: Context, langs: readonly Lang[], key: string): Label {
  return label(ctx, langs, key).map((span) => ctx.text.message('kiosk.continued', span.lang, { caption: span.text }));
}

function value(ctx: Context, key: CellKey | null, lang: Lang): string {
  if (key === null) return '';
  const v = ctx.report.cells[key];
  if (v === null || v === undefined) return '—';
  const figure = formatNumber(v, { lang, digits: ctx.digits });
  if (cellSpec(ctx.template, key)?.kind !== 'money') return figure;
  const unit = ctx.report.units[key] ?? cellSpec(ctx.template, key)?.unit;
  if (unit === undefined) return figure;
  const unitKey = UNIT_KEYS[unit];
  return `${figure} ${unitKey === undefined ? unit : ctx.text.message(unitKey, lang).text}`;
}

/** The model's tables of a section. */
function modelTables(ctx: Context, section: TableSection): TableModel[] {
  return ctx.tables.tables.filter((t) => t.section === section);
}

/**
 * A merged header cell of the model on the kiosk, whose label column is one column wide: the
 * header over the label columns (the corner) spans that one only.
 */
function headCell(ctx: Context, langs: readonly Lang[], cell: ModelHeadCell, corner: boolean): HeadCell {
  const head: HeadCell = { text: label(ctx, langs, cell.label) };
  if (corner) head.corner = true;
  else if (cell.colSpan > 1) head.colspan = cell.colSpan;
  if (cell.rowSpan > 1) head.rowspan = cell.rowSpan;
  return head;
}

/** The body rows: each merged group header as a row of its own before its first row, then the row. */
function bodyRows(ctx: Context, langs: readonly Lang[], table: TableModel): TableRow[] {
  const figures = langs[0] ?? 'zh';
  return table.bodies.flatMap((b) => b.rows).flatMap((row): TableRow[] => [
    ...row.opens.map(({ group, depth }): TableRow => ({ key: `g-${group.key}`, kind: 'group', depth, label: label(ctx, langs, group.label), values: [] })),
    {
      key: row.key,
      kind: 'row',
      depth: row.groups.length,
      label: label(ctx, langs, row.label),
      values: row.cells.map((c) => value(ctx, c?.key ?? null, figures)),
      ...(row.role === undefined ? {} : { total: row.role === 'results_total' }),
    },
  ]);
}

function activeBlocks(ctx: Context, langs: readonly Lang[]): TableBlock[] {
  return modelTables(ctx, 'active').map((table) => ({
    kind: 'table',
    variant: 'active',
    caption: label(ctx, langs, table.caption ?? ''),
    continuedCaption: continued(ctx, langs, table.caption ?? ''),
    labelWidth: 34,
    columns: table.columns.length,
    head: table.head.map((row) => row.map((c, i) => headCell(ctx, langs, c, i === 0))),
    rows: bodyRows(ctx, langs, table),
  }));
}

function requestsBlock(ctx: Context, langs: readonly Lang[], table: TableModel): TableBlock {
  return {
    kind: 'table',
    variant: 'requests',
    continuedCaption: continued(ctx, langs, 'template.sections.requests'),
    labelWidth: 30,
    columns: table.columns.length,
    head: table.head.map((row) => row.map((c) => headCell(ctx, langs, c, c.scope === 'note'))),
    rows: bodyRows(ctx, langs, table),
  };
}

/**
 * Table 四 turned a quarter: the official layout has 15 figures in one row, which no screen can
 * print at two-metre type; here the groups are rows and the five results are columns.
 */
function appealsBlock(ctx: Context, langs: readonly Lang[], table: TableModel): TableBlock {
  return {
    kind: 'table',
    variant: 'appeals',
    continuedCaption: continued(ctx, langs, 'template.sections.appeals'),
    labelWidth: 30,
    columns: table.columns.length,
    head: [[{ text: [], corner: true }, ...table.columns.map((c): HeadCell => ({ text: label(ctx, langs, c.label) }))]],
    rows: bodyRows(ctx, langs, table),
  };
}

function tables(ctx: Context, kind: 'active' | 'requests' | 'appeals', langs: readonly Lang[]): TableBlock[] {
  if (kind === 'active') return activeBlocks(ctx, langs);
  return modelTables(ctx, kind).map((table) => (kind === 'requests' ? requestsBlock(ctx, langs, table) : appealsBlock(ctx, langs, table)));
}

/** The blocks of a section's prose in `lang`: its paragraphs, else a note (and the other language's text). */
function proseBlocks(ctx: Context, key: SectionKey | 'preamble', lang: Lang, hasTable: boolean): KioskBlock[] {
  const text = key === 'preamble' ? ctx.report.preamble : ctx.report.sections[key];
  const own = paragraphs(text?.[lang]);
  if (own.length > 0) return own.map((p) => ({ kind: 'text', lang, text: p }));
  const other: Lang = lang === 'bo' ? 'zh' : 'bo';
  const fallback = paragraphs(text?.[other]);
  const note = (messageKey: string): NoteBlock => ({ kind: 'note', text: ctx.text.message(messageKey, lang) });
  if (fallback.length > 0) return [note('reader.prose.missing'), ...fallback.map((p): KioskBlock => ({ kind: 'text', lang: other, text: p }))];
  if (hasTable || key === 'preamble') return [];
  return [note(text === undefined ? 'reader.prose.absent' : 'reader.prose.empty')];
}

function unreviewed(ctx: Context, key: SectionKey, lang: Lang): boolean {
  const text = ctx.report.sections[key];
  return text !== undefined && !text.translationReviewed && text.original !== lang && paragraphs(text[lang]).length > 0;
}

/** Units of `lists` (one list of blocks per lane), paired by index. */
function paired(prefix: string, lists: readonly KioskBlock[][]): Unit[] {
  const count = Math.max(0, ...lists.map((l) => l.length));
  return Array.from({ length: count }, (_, i) => ({ id: `${prefix}:p${i}`, lanes: lists.map((l) => l[i] ?? null) }));
}

/** The report as units for the languages and layout of `options`, in reading order. */
export function reportUnits(report: ReportDocument, text: KioskText, options: UnitOptions): Unit[] {
  const template = getTemplate(report.meta.template);
  const ctx: Context = { report, template, tables: tablesOfReport(report), text, digits: options.digits };
  const { langs } = options;
  const sideBySide = options.sideBySide && langs.length > 1;
  const units: Unit[] = [{ id: 'cover', lanes: langs.map((lang) => cover(ctx, lang)) }];
  units.push(...paired('preamble', langs.map((lang) => proseBlocks(ctx, 'preamble', lang, false))));
  for (const section of template.sections) {
    units.push({
      id: `${section.key}:h`,
      keepWithNext: true,
      lanes: langs.map((lang) => ({
        kind: 'heading',
        text: [ctx.text.message(section.label, lang)],
        ...(unreviewed(ctx, section.key, lang) ? { badge: ctx.text.message('reader.prose.unreviewed', lang) } : {}),
      })),
    });
    units.push(...paired(section.key, langs.map((lang) => proseBlocks(ctx, section.key, lang, section.table !== undefined))));
    const kind = section.table;
    if (kind === undefined) continue;
    if (sideBySide) {
      tables(ctx, kind, langs).forEach((block, i) => units.push({ id: `${section.key}:t${i}`, span: true, lanes: [block] }));
    } else {
      const perLang = langs.map((lang) => tables(ctx, kind, [lang]));
      (perLang[0] ?? []).forEach((_, i) => units.push({ id: `${section.key}:t${i}`, lanes: perLang.map((list) => list[i] ?? null) }));
    }
  }
  return units;
}
