/**
 * What a Tibetan reviewer reviews: every UI string (`ui:<key>`), template term (`term:<key>`, the
 * `template` subtree, whose rows glossary-bo.csv documents) and paragraph of a published report's
 * Tibetan (`para:<report>:<block>:<n>`), each with its Chinese source, the glossary's sources for
 * the terms it uses, what term-review.md suggests about it, and its review state. A review holds
 * for the Chinese it was made against: when the source changes, the item is unreviewed again.
 */
import { lookupMessage, type MessageTree } from '../labels.ts';
import type { ReportDocument } from '../model.ts';
import { checkTibetan, type TibetanCheck } from './bo-particles.ts';
import { proseBlocks, proseParagraphs, type TranslationOverlay } from './overlay.ts';
import { termsIn, type Term } from './terms.ts';

export type ReviewKind = 'ui' | 'term' | 'paragraph';
export type ReviewStatus = 'unreviewed' | 'accepted' | 'edited';

/** A row of locales/glossary-bo.csv. */
export interface GlossaryRow {
  key: string;
  zh: string;
  bo: string;
  source: string;
  confidence: string;
  notes: string;
  reviewed: string;
}

/** A suggestion of term-review.md kept for the reviewer (locales/review-pending.json). */
export interface PendingNote {
  id: string;
  zh: string;
  suggestion: string;
  source: string;
  certainty: string;
  note: string;
  /** The strings whose Tibetan contains this. */
  find?: string;
  keys?: string[];
  /** Report paragraphs whose Tibetan contains this. */
  report?: string;
}

/** The reviewed Tibetan of an item as stored (the storage's ReviewRow is this type). */
export interface StoredReview {
  itemId: string;
  zh: string;
  bo: string;
  status: 'accepted' | 'edited';
  decidedBy: string;
  decidedAt: string;
}

export interface ReviewItem {
  id: string;
  kind: ReviewKind;
  /** The message key, or `<report>:<block>:<n>`. */
  key: string;
  zh: string;
  /** The Tibetan as shipped (bo.json) or published (the report). */
  shipped: string;
  /** The Tibetan shown: the reviewed text once reviewed, else the shipped one. */
  bo: string;
  status: ReviewStatus;
  reviewedBy?: string;
  reviewedAt?: string;
  /** The glossary-bo.csv row of a template term. */
  glossary?: { source: string; confidence: string; notes: string };
  /** The glossary terms its Chinese uses. */
  terms: { zh: string; bo: string; source: string; confidence: string }[];
  pending: PendingNote[];
  check: TibetanCheck;
}

export interface ReviewInput {
  zh: MessageTree;
  bo: MessageTree;
  glossary: readonly GlossaryRow[];
  terms: readonly Term[];
  pending: readonly PendingNote[];
  /** The latest published version of each report. */
  reports: readonly ReportDocument[];
  reviews: readonly StoredReview[];
}

const TIBETAN = /[\u0F00-\u0FFF]/u;

function leaves(tree: MessageTree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, child]): [string, string][] =>
    typeof child === 'string' ? [[prefix + key, child]] : leaves(child, `${prefix}${key}.`),
  );
}

export function uiItemId(key: string): string {
  return `${key.startsWith('template.') ? 'term' : 'ui'}:${key}`;
}

export function paragraphItemId(reportId: string, block: string, index: number): string {
  return `para:${reportId}:${block}:${index}`;
}

function pendingFor(pending: readonly PendingNote[], key: string | undefined, bo: string, isParagraph: boolean): PendingNote[] {
  return pending.filter((note) => {
    if (isParagraph) return note.report !== undefined && bo.includes(note.report);
    return (key !== undefined && note.keys?.includes(key) === true) || (note.find !== undefined && bo.includes(note.find));
  });
}

/** Every item, UI strings and terms first (in bo.json order), then report paragraphs. */
export function reviewItems(input: ReviewInput): ReviewItem[] {
  const reviews = new Map(input.reviews.map((r) => [r.itemId, r]));
  const glossary = new Map(input.glossary.map((row) => [row.key, row]));
  const item = (id: string, kind: ReviewKind, key: string, zh: string, shipped: string, extra: Partial<ReviewItem>): ReviewItem => {
    const review = reviews.get(id);
    const holds = review !== undefined && review.zh === zh;
    const bo = holds ? review.bo : shipped;
    return {
      id,
      kind,
      key,
      zh,
      shipped,
      bo,
      status: holds ? review.status : 'unreviewed',
      ...(holds ? { reviewedBy: review.decidedBy, reviewedAt: review.decidedAt } : {}),
      terms: termsIn(zh, input.terms).map((t) => ({ zh: t.zh, bo: t.bo, source: t.source, confidence: t.confidence })),
      pending: [],
      check: checkTibetan(bo),
      ...extra,
    };
  };

  const items: ReviewItem[] = [];
  for (const [key, shipped] of leaves(input.bo)) {
    const zh = lookupMessage(input.zh, key);
    if (zh === undefined || !TIBETAN.test(shipped)) continue;
    const row = glossary.get(key);
    const id = uiItemId(key);
    items.push(
      item(id, id.startsWith('term:') ? 'term' : 'ui', key, zh, shipped, {
        pending: pendingFor(input.pending, key, shipped, false),
        ...(row === undefined ? {} : { glossary: { source: row.source, confidence: row.confidence, notes: row.notes } }),
        // A row a qualified translator marked reviewed in glossary-bo.csv ships reviewed.
        ...(row?.reviewed === 'yes' && !reviews.has(id) ? { status: 'accepted' as const } : {}),
      }),
    );
  }
  for (const document of input.reports) {
    for (const [block, text] of proseBlocks(document)) {
      if (text.original === 'bo' || text.bo === undefined) continue;
      const zh = proseParagraphs(text.zh);
      proseParagraphs(text.bo).forEach((shipped, i) => {
        const id = paragraphItemId(document.id, block, i);
        const reviewed = text.translationReviewed && !reviews.has(id);
        items.push(
          item(id, 'paragraph', `${document.id}:${block}:${i}`, zh[i] ?? '', shipped, {
            pending: pendingFor(input.pending, undefined, shipped, true),
            ...(reviewed ? { status: 'accepted' as const } : {}),
          }),
        );
      });
    }
  }
  return items;
}

/** FNV-1a of a text, as 8 hex digits: a revision that changes with any review. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** What the reviewed items change in the app, the pages, the kiosk and the exports. */
export function overlayOf(items: readonly ReviewItem[]): TranslationOverlay {
  const messages: Record<string, string> = {};
  const reviewedKeys: string[] = [];
  const paragraphs: TranslationOverlay['paragraphs'] = {};
  for (const it of items) {
    if (it.status === 'unreviewed') continue;
    if (it.kind === 'paragraph') {
      const [reportId = '', block = '', index = ''] = it.key.split(':');
      (paragraphs[reportId] ??= {})[`${block}:${index}`] = { zh: it.zh, bo: it.bo };
      continue;
    }
    reviewedKeys.push(it.key);
    if (it.bo !== it.shipped) messages[it.key] = it.bo;
  }
  const content = { messages, reviewedKeys, paragraphs };
  return { revision: fnv1a(JSON.stringify(content)), ...content };
}
