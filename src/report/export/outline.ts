/**
 * The report in print order, as the Word and HTML exports draw it (report-format.md §2–§3): title,
 * preamble, the six section headings in template order, each with its prose (one paragraph per
 * line) and, in 二, 三 and 四, its table. Prose is never shown in the other language: a block with no
 * text in `lang` gives the `export.untranslated` note instead (as toMarkdown does).
 */
import type { BilingualText, Lang, ReportDocument, SectionKey } from '../model.ts';
import { formatMessage, type MessageTree } from '../labels.ts';
import { getTemplate } from '../templates/index.ts';
import { labelIn, tableLayouts, type TableLayout } from './table-layout.ts';

/** A piece of text; `lang` is set when it is in another language than the document. */
export interface TextPart {
  text: string;
  lang?: Lang;
  /**
   * The title's line ends after this part (the agency's name): printed reports set the agency on
   * the first line and the year's report on the second (corpus 02: 淮安市人民政府 / 2024 年政府信息公开
   * 工作年度报告). The Word export breaks the line there; the HTML fragment leaves it to the page.
   */
  endsLine?: true;
}

export type OutlineBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'untranslated'; text: string }
  | { kind: 'table'; layout: TableLayout };

export interface OutlineSection {
  key: SectionKey;
  heading: string;
  blocks: OutlineBlock[];
}

export interface ReportOutline {
  lang: Lang;
  /** The title in parts: the agency may be in Chinese in a Tibetan document. */
  title: TextPart[];
  preamble: OutlineBlock[];
  sections: OutlineSection[];
}

/** The title's text in one string (document properties, HTML). */
export function titleText(outline: ReportOutline): string {
  return outline.title.map((p) => p.text).join('');
}

function proseBlocks(text: BilingualText | undefined, lang: Lang, messages: MessageTree): OutlineBlock[] {
  if (text === undefined) return [];
  const body = text[lang];
  if (body === undefined || body.trim() === '') {
    const other = (text.zh ?? text.bo ?? '').trim();
    return other === '' ? [] : [{ kind: 'untranslated', text: labelIn(messages, 'export.untranslated') }];
  }
  return body
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => ({ kind: 'paragraph', text: line }));
}

/**
 * `export.title` with the agency in `lang` (the Chinese name when there is no Tibetan one) and the
 * year filled in, split so that the agency can be marked as another language.
 */
function titleParts(report: ReportDocument, lang: Lang, messages: MessageTree): TextPart[] {
  const { agency, year } = report.meta;
  const localAgency = lang === 'bo' ? agency.bo : agency.zh;
  const agencyPart: TextPart = localAgency === undefined ? { text: agency.zh, lang: 'zh', endsLine: true } : { text: localAgency, endsLine: true };
  const parts: TextPart[] = [];
  for (const piece of labelIn(messages, 'export.title').split(/(\{agency\})/u)) {
    if (piece === '{agency}') {
      if (agencyPart.text !== '') parts.push(agencyPart);
    } else if (piece !== '') {
      parts.push({ text: formatMessage(piece, { year }) });
    }
  }
  return parts;
}

/** The report in print order, in `lang`, labels from `messages` (the locale file of that language). */
export function reportOutline(report: ReportDocument, lang: Lang, messages: MessageTree): ReportOutline {
  const template = getTemplate(report.meta.template);
  const tables = tableLayouts(report, messages);
  return {
    lang,
    title: titleParts(report, lang, messages),
    preamble: proseBlocks(report.preamble, lang, messages),
    sections: template.sections.map((section) => {
      const blocks = proseBlocks(report.sections[section.key], lang, messages);
      if (section.table !== undefined) blocks.push({ kind: 'table', layout: tables[section.table] });
      return { key: section.key, heading: labelIn(messages, section.label), blocks };
    }),
  };
}
