/**
 * A deployment's reviewed Tibetan, on top of what the build ships: the UI strings and template
 * terms a reviewer edited (by message key), which keys and report paragraphs are reviewed, and
 * the reviewed text of each paragraph. The server serves it (`GET /api/translations/bo`); the
 * app, the pre-renderer, the kiosk and the exports apply it, so a review shows everywhere without
 * a rebuild. Plain data: no i18n library here.
 */
import type { BilingualText, ReportDocument, SectionKey } from '../model.ts';

/** A reviewed paragraph: the Chinese it was reviewed against and its reviewed Tibetan. */
export interface ReviewedParagraph {
  zh: string;
  bo: string;
}

export interface TranslationOverlay {
  /** Changes with every decision (a hash of the content): pages and caches compare it. */
  revision: string;
  /** Reviewed Tibetan of UI strings and template terms, by dotted key (only where it differs from bo.json). */
  messages: Record<string, string>;
  /** Every reviewed key (accepted as it was, or edited). */
  reviewedKeys: string[];
  /** Reviewed paragraphs: report id → `<block>:<n>` → paragraph (block: `preamble` or a section key). */
  paragraphs: Record<string, Record<string, ReviewedParagraph>>;
}

/** The overlay as served to the app: the edited messages also compiled for vue-i18n's runtime. */
export interface ServedOverlay extends TranslationOverlay {
  /** vue-i18n message ASTs by key (the app ships without a message compiler). */
  compiled: Record<string, unknown>;
}

/** True when the overlay changes anything a page shows. */
export function overlayChangesPages(overlay: TranslationOverlay): boolean {
  return overlay.reviewedKeys.length > 0 || Object.keys(overlay.paragraphs).length > 0;
}

export const EMPTY_OVERLAY: TranslationOverlay = { revision: '0', messages: {}, reviewedKeys: [], paragraphs: {} };

/** Paragraphs of a prose block: one per non-blank line, as the reader shows them. */
export function proseParagraphs(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The blocks of a document that hold prose, with the name a paragraph's id uses. */
export function proseBlocks(document: ReportDocument): [string, BilingualText][] {
  const blocks: [string, BilingualText][] = document.preamble === undefined ? [] : [['preamble', document.preamble]];
  for (const [key, text] of Object.entries(document.sections) as [SectionKey, BilingualText | undefined][]) {
    if (text !== undefined) blocks.push([key, text]);
  }
  return blocks;
}

/** The Tibetan of a block with the reviewed paragraphs in place; which of them are reviewed. */
function reviewedBlock(text: BilingualText, block: string, reviewed: Record<string, ReviewedParagraph>): { text: BilingualText; reviewed: number[] } {
  const zh = proseParagraphs(text.zh);
  const bo = proseParagraphs(text.bo);
  const marks: number[] = [];
  const lines = bo.map((line, i) => {
    const review = reviewed[`${block}:${i}`];
    // A review holds only for the Chinese it was made against: a corrected report is reviewed again.
    if (review === undefined || review.zh !== zh[i]) return line;
    marks.push(i);
    return review.bo;
  });
  if (marks.length === 0) return { text, reviewed: marks };
  const all = marks.length === bo.length;
  return { text: { ...text, bo: lines.join('\n'), translationReviewed: text.translationReviewed || all }, reviewed: marks };
}

/**
 * The document with its reviewed Tibetan paragraphs, and which paragraphs are reviewed (block →
 * indices). A block all of whose paragraphs are reviewed counts as a reviewed translation.
 */
export function applyParagraphReviews(document: ReportDocument, overlay: TranslationOverlay): { document: ReportDocument; reviewed: Record<string, number[]> } {
  const ofReport = overlay.paragraphs[document.id];
  if (ofReport === undefined) return { document, reviewed: {} };
  const reviewed: Record<string, number[]> = {};
  const next: ReportDocument = { ...document, sections: { ...document.sections } };
  for (const [block, text] of proseBlocks(document)) {
    const result = reviewedBlock(text, block, ofReport);
    if (result.reviewed.length === 0) continue;
    reviewed[block] = result.reviewed;
    if (block === 'preamble') next.preamble = result.text;
    else next.sections[block as SectionKey] = result.text;
  }
  return { document: Object.keys(reviewed).length === 0 ? document : next, reviewed };
}
