/**
 * The texts a pre-rendered page carries in its state: a Chinese page never shows the Tibetan of a
 * block that has its own Chinese, so its state leaves that Tibetan out (about 2.5 KB of the page's
 * Brotli bytes for the seed: what put the page past the first round trip). The app gets the whole
 * document from the server after hydration, or before it shows Tibetan (stores/reports.ts).
 *
 * Kept: a block's Tibetan when the block has no Chinese (the page offers it as the other language),
 * or when the Tibetan is the original (the Chinese is its translation, and a review of it is
 * checked against both). A Tibetan page keeps everything: its reviewed paragraphs are checked
 * against the Chinese they were reviewed with (review/overlay.ts).
 */
import type { BilingualText, Lang, ReportDocument } from './model.ts';
import { paragraphs } from './paragraphs.ts';

function chineseOnly(text: BilingualText): BilingualText {
  if (text.bo === undefined || text.original !== 'zh' || paragraphs(text.zh).length === 0) return text;
  const kept: BilingualText = { original: text.original, translationReviewed: text.translationReviewed };
  if (text.zh !== undefined) kept.zh = text.zh;
  return kept;
}

/** The document as a page in `lang` carries it, and whether texts were left out. */
export function textsForPage(document: ReportDocument, lang: Lang): { document: ReportDocument; cut: boolean } {
  if (lang === 'bo') return { document, cut: false };
  const agency = { zh: document.meta.agency.zh };
  const sections: ReportDocument['sections'] = {};
  for (const [key, text] of Object.entries(document.sections) as [keyof ReportDocument['sections'], BilingualText | undefined][]) {
    if (text !== undefined) sections[key] = chineseOnly(text);
  }
  const cut: ReportDocument = { ...document, meta: { ...document.meta, agency }, sections };
  if (document.preamble !== undefined) cut.preamble = chineseOnly(document.preamble);
  return { document: cut, cut: JSON.stringify(cut) !== JSON.stringify(document) };
}
