/**
 * A report as the kiosk's units, in reading order: the cover, the preamble, then for each of the
 * six sections its heading, its paragraphs and its table(s), all built from the template
 * definition (the same layout functions as the reader's tables). Every label is looked up through
 * `KioskText`, so this module needs no i18n library and is tested in Node.
 *
 * Lanes are the languages shown together (see paginate.ts). Paragraphs are paired by index, as the
 * reader's side-by-side view pairs them. On a wide side-by-side screen a table is one spanning
 * unit with bilingual labels; otherwise each language has its own copy, cut at the same rows.
 */
import type { CellKey, Lang, ReportDocument, SectionKey } from '../report/model.ts';
import { cellKey, cellSpec, getTemplate, hasCollapsedOtherHandling, type ColumnDef, type TemplateDef } from '../report/templates/index.ts';
import { activeTables, appealsHeader, requestBodies } from '../composables/useReportTables.ts';
import { paragraphs } from '../components/report/paragraphs.ts';
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
/** Figure columns of table 三 that stand alone (the others are kinds of 法人或其他组织). */
const standalone = (column: ColumnDef): boolean => column.key === 'natural_person' || column.key === 'total';

interface Context {
  report: ReportDocument;
  template: TemplateDef;
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

function activeBlocks(ctx: Context, langs: readonly Lang[]): TableBlock[] {
  const figures = langs[0] ?? 'zh';
  return activeTables(ctx.template).map((table) => ({
    kind: 'table',
    variant: 'active',
    caption: label(ctx, langs, `template.active.items.${table.item}`),
    continuedCaption: continued(ctx, langs, `template.active.items.${table.item}`),
    labelWidth: 34,
    columns: table.columns.length,
    head: [[
      { text: label(ctx, langs, 'template.active.caption'), corner: true },
      ...table.columns.map((c): HeadCell => ({ text: label(ctx, langs, c.label) })),
    ]],
    rows: table.rows.map((row): TableRow => ({
      key: row.def.key,
      kind: 'row',
      depth: 0,
      label: label(ctx, langs, row.def.label),
      values: row.cells.map((key) => value(ctx, key, figures)),
    })),
  }));
}

function requestsBlock(ctx: Context, langs: readonly Lang[]): TableBlock {
  const { template } = ctx;
  const columns = template.requests.columns;
  const legal = columns.filter((c) => !standalone(c));
  const figures = langs[0] ?? 'zh';
  const second: HeadCell[] = [];
  for (const column of columns) {
    if (standalone(column)) second.push({ text: label(ctx, langs, column.label), rowspan: 2 });
    else if (column.key === legal[0]?.key) second.push({ text: label(ctx, langs, 'template.requests.groups.legal_person'), colspan: legal.length });
  }
  const rows: TableRow[] = [];
  const collapsed = hasCollapsedOtherHandling(template, ctx.report.cells);
  for (const body of requestBodies(template, collapsed)) {
    for (const line of body.lines) {
      if (line.kind === 'group') {
        rows.push({ key: `g-${line.group}`, kind: 'group', depth: line.depth, label: label(ctx, langs, `template.requests.groups.${line.group}`), values: [] });
      } else {
        rows.push({
          key: line.def.key,
          kind: 'row',
          depth: line.groups.length,
          label: label(ctx, langs, line.def.label),
          values: line.cells.map((key) => value(ctx, key, figures)),
          total: line.def.role === 'results_total',
        });
      }
    }
  }
  return {
    kind: 'table',
    variant: 'requests',
    continuedCaption: continued(ctx, langs, 'template.sections.requests'),
    labelWidth: 30,
    columns: columns.length,
    head: [
      [
        { text: label(ctx, langs, 'template.requests.cornerNote'), rowspan: 3, corner: true },
        { text: label(ctx, langs, 'template.requests.columnsCaption'), colspan: columns.length },
      ],
      second,
      legal.map((c): HeadCell => ({ text: label(ctx, langs, c.label) })),
    ],
    rows,
  };
}

/**
 * Table 四 turned a quarter: the official layout has 15 figures in one row, which no screen can
 * print at two-metre type; here the groups are rows and the five results are columns.
 */
function appealsBlock(ctx: Context, langs: readonly Lang[]): TableBlock {
  const { template } = ctx;
  const columns = template.appeals.columns;
  const figures = langs[0] ?? 'zh';
  const rows: TableRow[] = [];
  for (const top of appealsHeader(template).top) {
    const leaf = top.groups.length === 1 && top.groups[0]?.key === top.key;
    if (!leaf) rows.push({ key: `g-${top.key}`, kind: 'group', depth: 0, label: label(ctx, langs, top.label), values: [] });
    for (const group of top.groups) {
      rows.push({
        key: group.key,
        kind: 'row',
        depth: leaf ? 0 : 1,
        label: label(ctx, langs, group.label),
        values: columns.map((c) => value(ctx, cellKey('appeals', group.key, c.key), figures)),
      });
    }
  }
  return {
    kind: 'table',
    variant: 'appeals',
    continuedCaption: continued(ctx, langs, 'template.sections.appeals'),
    labelWidth: 30,
    columns: columns.length,
    head: [[{ text: [], corner: true }, ...columns.map((c): HeadCell => ({ text: label(ctx, langs, c.label) }))]],
    rows,
  };
}

function tables(ctx: Context, kind: 'active' | 'requests' | 'appeals', langs: readonly Lang[]): TableBlock[] {
  if (kind === 'active') return activeBlocks(ctx, langs);
  return [kind === 'requests' ? requestsBlock(ctx, langs) : appealsBlock(ctx, langs)];
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
  const ctx: Context = { report, template, text, digits: options.digits };
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
