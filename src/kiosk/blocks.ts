/**
 * What a kiosk screen is made of: blocks of text and tables with every label already in the
 * language shown, so pagination and rendering need no i18n. A block may be drawn in one language or
 * — a table on a wide screen showing both — with bilingual labels. Types only.
 */
import type { Lang } from '../report/model.ts';

/** A run of text and the language it is really in (a bo label missing falls back to zh). */
export interface Span {
  text: string;
  lang: Lang;
}

/** One label in one or more languages (several spans: a bilingual table header). */
export type Label = readonly Span[];

/** The report's title screen: agency, "2020年政府信息公开工作年度报告", period and contacts. */
export interface CoverBlock {
  kind: 'cover';
  agency: Span;
  title: Span;
  details: readonly { key: string; label: Span; value: Span }[];
}

/** A section heading ("三、收到和处理政府信息公开申请情况"), with the unreviewed-translation badge. */
export interface HeadingBlock {
  kind: 'heading';
  text: Label;
  badge?: Span;
}

/** One paragraph of prose, in one language; pagination may cut it (text-split.ts). */
export interface TextBlock {
  kind: 'text';
  lang: Lang;
  text: string;
}

/** A short remark in small type ("本部分没有文字内容", "此部分尚无藏文"). */
export interface NoteBlock {
  kind: 'note';
  text: Span;
}

/** A header cell of a table. */
export interface HeadCell {
  text: Label;
  colspan?: number;
  rowspan?: number;
  /** The label column's header (smaller type). */
  corner?: boolean;
}

/** A body row: a merged group header ("（三）不予公开") or a labelled row of figures. */
export interface TableRow {
  key: string;
  kind: 'group' | 'row';
  /** Indentation level under merged group headers. */
  depth: number;
  label: Label;
  /** The figures as printed (digits of the language shown; — for blank). */
  values: readonly string[];
  /** A total row (（七）总计), drawn heavier. */
  total?: boolean;
}

/**
 * A table from the template definition. Pagination cuts it between body rows and repeats the
 * caption and header on every screen it spans.
 */
export interface TableBlock {
  kind: 'table';
  variant: 'active' | 'requests' | 'appeals';
  caption?: Label;
  /** Caption of the screens after the first, saying the table continues ("…（续）"). */
  continuedCaption: Label;
  /** Width of the label column, in percent; the figure columns share the rest. */
  labelWidth: number;
  /** Number of figure columns. */
  columns: number;
  head: readonly (readonly HeadCell[])[];
  rows: readonly TableRow[];
}

export type KioskBlock = CoverBlock | HeadingBlock | TextBlock | NoteBlock | TableBlock;
