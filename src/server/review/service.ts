/**
 * The Tibetan review on the server: the items (report/review/items.ts) built from the locale
 * files, the glossaries, review-pending.json, the published reports and the stored reviews; the
 * overlay the app, pages, kiosk and exports apply; and recording decisions from the review page or
 * a file sent back. The overlay is built once per change (a decision, a publication), not per
 * request.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseCompile } from '@intlify/message-compiler';
import { parse } from 'csv-parse/sync';
import { ZH_MESSAGES } from '../../report/labels.ts';
import type { ReportDocument } from '../../report/model.ts';
import { overlayOf, reviewItems, type GlossaryRow, type PendingNote, type ReviewItem } from '../../report/review/items.ts';
import type { ServedOverlay, TranslationOverlay } from '../../report/review/overlay.ts';
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

/** Reports read between two turns of the event loop while the items are built. */
const YIELD_EVERY = 32;

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
  const documents = new Map<string, ReportDocument>();
  let built: Promise<{ items: ReviewItem[]; overlay: ServedOverlay }> | undefined;
  /** The revision of the overlay last built or passed to `onChanged`: what the pages were told of. */
  let announced: string | undefined;
  /** The decision being recorded here: hearing of it (from the storage) waits for it, not to announce it twice. */
  let deciding: Promise<unknown> = Promise.resolve();

  const latestDocuments = async (): Promise<ReportDocument[]> => {
    const out: ReportDocument[] = [];
    for (const [index, summary] of (await storage.listReports()).entries()) {
      // SQLite answers in microtasks: without a turn of the event loop now and then, reading a
      // region's 14,000 reports would hold every request (and the server's listening) for a minute.
      if (index % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
      const cacheKey = `${summary.id}@${summary.version}`;
      let document = documents.get(cacheKey);
      if (document === undefined) {
        document = (await storage.getReport(summary.id))?.document;
        if (document === undefined) continue;
        documents.set(cacheKey, document);
      }
      out.push(document);
    }
    return out;
  };

  const build = async () => {
    reference ??= readReferenceData();
    const items = reviewItems({
      zh: ZH_MESSAGES,
      bo,
      ...reference,
      reports: await latestDocuments(),
      reviews: await storage.listReviews(),
    });
    const overlay = overlayOf(items);
    const compiled = Object.fromEntries(Object.entries(overlay.messages).map(([key, text]) => [key, baseCompile(text, { jit: true, location: false }).ast]));
    announced ??= overlay.revision;
    return { items, overlay: { ...overlay, compiled } };
  };

  const current = () => {
    built ??= build().catch((error: unknown) => {
      built = undefined;
      throw error;
    });
    return built;
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
    const { items } = await current();
    const byId = new Map(items.map((item) => [item.id, item]));
    const inputs = decisions.map((d) => toInput(d, byId.get(d.itemId)));
    await storage.recordReviews(inputs, by);
    built = undefined;
    const after = await current();
    announced = after.overlay.revision;
    options.onChanged?.(after.overlay);
    const changed = new Set(inputs.map((i) => i.itemId));
    return after.items.filter((item) => changed.has(item.id));
  };

  return {
    items: async () => (await current()).items,
    overlay: async () => (await current()).overlay,
    decide(decisions, by) {
      const run = decideNow(decisions, by);
      deciding = run.catch(() => undefined);
      return run;
    },
    invalidate() {
      built = undefined;
    },
    async reviewedElsewhere() {
      await deciding;
      const before = announced;
      built = undefined;
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
