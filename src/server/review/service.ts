/**
 * The Tibetan review on the server: the items (report/review/items.ts) built from the locale
 * files, the glossaries, review-pending.json, the published reports and the stored reviews; the
 * overlay the app, pages, kiosk and exports apply; and recording decisions from the review page or
 * a file sent back. The overlay is built once per change (a decision, a publication), not per
 * request, and from the reports that can add to it only (a reviewed translation, a stored
 * paragraph review): on a region, building every item of 14,000 reports held the event loop for
 * over a second and kept every document in memory. Every item is made only for the review page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseCompile } from '@intlify/message-compiler';
import { parse } from 'csv-parse/sync';
import { ZH_MESSAGES } from '../../report/labels.ts';
import type { ReportDocument } from '../../report/model.ts';
import { overlayOf, reviewItems, type GlossaryRow, type PendingNote, type ReviewItem, type StoredReview } from '../../report/review/items.ts';
import { proseBlocks, type ServedOverlay, type TranslationOverlay } from '../../report/review/overlay.ts';
import { termsOf, type Term, type TermRow } from '../../report/review/terms.ts';
import { messagesOf } from '../oversight/messages.ts';
import { PROJECT_ROOT } from '../project-root.ts';
import type { ReviewDecisionInput, ReviewVia, ServerStorage } from '../storage/types.ts';

/** A decision as a reviewer sends it. */
export interface ReviewDecision {
  itemId: string;
  action: 'accept' | 'edit' | 'comment';
  bo?: string;
  comment?: string;
}

/** Why a decision was refused, as a code the UI words. */
export type DecisionProblem = 'unknown_item' | 'empty_text' | 'placeholders' | 'empty_comment';

export class DecisionError extends Error {
  constructor(
    readonly code: DecisionProblem,
    readonly itemId: string,
  ) {
    super(`${code}: ${itemId}`);
    this.name = 'DecisionError';
  }
}

interface ReferenceData {
  glossary: GlossaryRow[];
  terms: Term[];
  pending: PendingNote[];
}

function readReferenceData(): ReferenceData {
  const locales = join(PROJECT_ROOT, 'locales');
  const glossary = parse<GlossaryRow>(readFileSync(join(locales, 'glossary-bo.csv'), 'utf8'), { columns: true });
  const terms = termsOf(parse<TermRow>(readFileSync(join(locales, 'terms-bo.csv'), 'utf8'), { columns: true }));
  const pending = (JSON.parse(readFileSync(join(locales, 'review-pending.json'), 'utf8')) as { items: PendingNote[] }).items;
  return { glossary, terms, pending };
}

/**
 * Reports read between two turns of the event loop (SQLite answers in microtasks: without a turn
 * now and then, reading a region's 14,000 reports would hold every request for seconds).
 */
const YIELD_EVERY = 8;

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Whether any prose block of a document carries a Tibetan translation a person has checked. */
function hasReviewedTranslation(document: ReportDocument): boolean {
  return proseBlocks(document).some(([, text]) => text.translationReviewed && text.original !== 'bo' && text.bo !== undefined);
}

const placeholders = (text: string): string => [...new Set([...text.matchAll(/\{(\w+)\}/gu)].map((m) => m[1]))].sort().join(',');

export interface ReviewService {
  items(): Promise<ReviewItem[]>;
  overlay(): Promise<ServedOverlay>;
  /** Checks decisions against the items as they are now and records them; returns the items after. */
  decide(decisions: readonly ReviewDecision[], by: { username: string; via: ReviewVia }): Promise<ReviewItem[]>;
  /** A publication or a decision elsewhere: the next read builds again. */
  invalidate(): void;
  /**
   * Decisions were recorded, maybe by another process on the database: builds again at once and,
   * when the overlay is not the one last announced (a decision made here is heard back too),
   * calls `onChanged`. Never rejects.
   */
  reviewedElsewhere(): Promise<void>;
}

export interface ReviewServiceOptions {
  /** Called after decisions changed the overlay (pages are rendered again). */
  onChanged?: (overlay: TranslationOverlay) => void;
}

export function reviewService(storage: ServerStorage, options: ReviewServiceOptions = {}): ReviewService {
  let reference: ReferenceData | undefined;
  const bo = messagesOf('bo');
  /**
   * Per published version (`id@version`): whether it has a reviewed translation. The overlay needs
   * the paragraphs of those reports and of those with stored paragraph reviews only; a flag per
   * version (not the documents, as before: ~700 MB on a region) is what is kept, and a version
   * once read is never read again for it.
   */
  const reviewedTranslation = new Map<string, boolean>();
  let built: Promise<{ overlay: ServedOverlay }> | undefined;
  /** Every item (the review page's list): made when asked for, kept until the next change. */
  let listed: Promise<ReviewItem[]> | undefined;
  /** The revision of the overlay last built or passed to `onChanged`: what the pages were told of. */
  let announced: string | undefined;
  /** The decision being recorded here: hearing of it (from the storage) waits for it, not to announce it twice. */
  let deciding: Promise<unknown> = Promise.resolve();

  const referenceData = (): ReferenceData => (reference ??= readReferenceData());
  /** UI strings and terms: from the locale files, no report read. */
  const uiItems = (reviews: readonly StoredReview[]): ReviewItem[] => reviewItems({ zh: ZH_MESSAGES, bo, ...referenceData(), reports: [], reviews });
  /** The paragraph items of some reports. */
  const paragraphItems = (reports: readonly ReportDocument[], reviews: readonly StoredReview[]): ReviewItem[] =>
    reviewItems({ zh: {}, bo: {}, glossary: [], terms: referenceData().terms, pending: referenceData().pending, reports, reviews });

  /** Calls `each` with the latest document of every published report, a few between turns of the event loop. */
  const everyDocument = async (each: (document: ReportDocument, key: string) => void, skip: (key: string) => boolean = () => false): Promise<void> => {
    let read = 0;
    for (const summary of await storage.listReports()) {
      const key = `${summary.id}@${summary.version}`;
      if (skip(key)) continue;
      read += 1;
      if (read % YIELD_EVERY === 0) await turn();
      const document = (await storage.getReport(summary.id))?.document;
      if (document !== undefined) each(document, key);
    }
  };

  const build = async () => {
    const reviews = await storage.listReviews();
    // Versions not seen yet (all of them once, after a start; the new one after a publication).
    await everyDocument(
      (document, key) => reviewedTranslation.set(key, hasReviewedTranslation(document)),
      (key) => reviewedTranslation.has(key),
    );
    const reviewedIds = new Set(reviews.flatMap((r) => (r.itemId.startsWith('para:') ? [r.itemId.split(':')[1] ?? ''] : [])));
    const relevant: ReportDocument[] = [];
    for (const summary of await storage.listReports()) {
      if (!reviewedIds.has(summary.id) && reviewedTranslation.get(`${summary.id}@${summary.version}`) !== true) continue;
      const document = (await storage.getReport(summary.id))?.document;
      if (document !== undefined) relevant.push(document);
    }
    // Unreviewed items change nothing: these give the same overlay as every item would.
    const overlay = overlayOf([...uiItems(reviews), ...paragraphItems(relevant, reviews)]);
    const compiled = Object.fromEntries(Object.entries(overlay.messages).map(([key, text]) => [key, baseCompile(text, { jit: true, location: false }).ast]));
    announced ??= overlay.revision;
    return { overlay: { ...overlay, compiled } };
  };

  const listAll = async (): Promise<ReviewItem[]> => {
    const reviews = await storage.listReviews();
    const items = uiItems(reviews);
    await everyDocument((document) => {
      for (const item of paragraphItems([document], reviews)) items.push(item);
    });
    return items;
  };

  const current = () => {
    built ??= build().catch((error: unknown) => {
      built = undefined;
      throw error;
    });
    return built;
  };

  const allItems = () => {
    listed ??= listAll().catch((error: unknown) => {
      listed = undefined;
      throw error;
    });
    return listed;
  };

  /** The items decisions name, as they are now: UI strings and terms, and the paragraphs of the reports named. */
  const itemsNamed = async (ids: readonly string[]): Promise<Map<string, ReviewItem>> => {
    const reviews = await storage.listReviews();
    const reports = new Set(ids.flatMap((id) => (id.startsWith('para:') ? [id.split(':')[1] ?? ''] : [])));
    const documents: ReportDocument[] = [];
    for (const id of reports) {
      const document = (await storage.getReport(id))?.document;
      if (document !== undefined) documents.push(document);
    }
    return new Map([...uiItems(reviews), ...paragraphItems(documents, reviews)].map((item) => [item.id, item]));
  };

  const toInput = (decision: ReviewDecision, item: ReviewItem | undefined): ReviewDecisionInput => {
    if (item === undefined) throw new DecisionError('unknown_item', decision.itemId);
    const base = { itemId: item.id, zh: item.zh, boBefore: item.bo, ...(decision.comment === undefined || decision.comment.trim() === '' ? {} : { comment: decision.comment.trim() }) };
    if (decision.action === 'comment') {
      if (base.comment === undefined) throw new DecisionError('empty_comment', item.id);
      return { ...base, action: 'comment' };
    }
    if (decision.action === 'accept') return { ...base, action: 'accept', boAfter: item.bo };
    const text = (decision.bo ?? '').normalize('NFC').trim();
    if (text === '') throw new DecisionError('empty_text', item.id);
    // A message's placeholders are filled by the code: an edit that loses or invents one breaks it.
    if (item.kind !== 'paragraph' && placeholders(text) !== placeholders(item.zh)) throw new DecisionError('placeholders', item.id);
    return { ...base, action: 'edit', boAfter: text };
  };

  const decideNow = async (decisions: readonly ReviewDecision[], by: { username: string; via: ReviewVia }): Promise<ReviewItem[]> => {
    const byId = await itemsNamed(decisions.map((d) => d.itemId));
    const inputs = decisions.map((d) => toInput(d, byId.get(d.itemId)));
    await storage.recordReviews(inputs, by);
    built = undefined;
    listed = undefined;
    const after = await current();
    announced = after.overlay.revision;
    options.onChanged?.(after.overlay);
    const changed = new Set(inputs.map((i) => i.itemId));
    return [...(await itemsNamed([...changed])).values()].filter((item) => changed.has(item.id));
  };

  return {
    items: () => allItems(),
    overlay: async () => (await current()).overlay,
    decide(decisions, by) {
      const run = decideNow(decisions, by);
      deciding = run.catch(() => undefined);
      return run;
    },
    invalidate() {
      built = undefined;
      listed = undefined;
    },
    async reviewedElsewhere() {
      await deciding;
      const before = announced;
      built = undefined;
      listed = undefined;
      try {
        const { overlay } = await current();
        if (overlay.revision === before) return;
        announced = overlay.revision;
        options.onChanged?.(overlay);
      } catch {
        // Not built now: the next read builds (and pages read the overlay when they render).
      }
    },
  };
}
