/**
 * The Tibetan review's wire format: the items a reviewer sees (`GET /api/review/items`), the
 * decisions the review page sends (`POST /api/review/decisions`), a file sent back by a
 * translation bureau (`POST /api/review/import`, a diff first, applied on `apply: true`), and the
 * overlay every Tibetan reader gets (`GET /api/translations/bo`).
 */
import * as v from 'valibot';

export type { ReviewItem, ReviewKind, ReviewStatus, PendingNote } from '../report/review/items.ts';
export type { TranslationOverlay } from '../report/review/overlay.ts';

/** Most decisions in one request (a page of items accepted at once). */
export const MAX_DECISIONS = 500;
/** A reviewed text: a message or a report paragraph. */
export const MAX_REVIEW_TEXT = 20_000;

export const ReviewDecisionSchema = v.strictObject({
  itemId: v.pipe(v.string(), v.minLength(3), v.maxLength(200)),
  action: v.picklist(['accept', 'edit', 'comment']),
  bo: v.optional(v.pipe(v.string(), v.maxLength(MAX_REVIEW_TEXT))),
  comment: v.optional(v.pipe(v.string(), v.maxLength(2_000))),
});

export const ReviewDecisionsRequestSchema = v.strictObject({
  decisions: v.pipe(v.array(ReviewDecisionSchema), v.minLength(1, 'no decision'), v.maxLength(MAX_DECISIONS, `at most ${MAX_DECISIONS} decisions`)),
});
export type ReviewDecisionsRequest = v.InferOutput<typeof ReviewDecisionsRequestSchema>;

/** `POST /api/review/import`: the file's text; `apply: false` only shows what it would change. */
export const ReviewImportRequestSchema = v.strictObject({
  text: v.pipe(v.string(), v.minLength(1, 'the file is empty'), v.maxLength(900_000, 'the file is too large')),
  apply: v.boolean(),
});
export type ReviewImportRequest = v.InferOutput<typeof ReviewImportRequestSchema>;

/** One line of an import's diff, shown before it is applied. */
export interface ReviewImportChange {
  itemId: string;
  key: string;
  zh: string;
  action: 'accept' | 'edit' | 'comment';
  before: string;
  after?: string;
  comment?: string;
}

export interface ReviewImportResponse {
  format: 'xliff' | 'csv';
  changes: ReviewImportChange[];
  /** Units naming no item (a string removed since the export, or a typo). */
  unknown: string[];
  /** Units that change nothing. */
  unchanged: number;
  applied: boolean;
}

/** Why the review refused something (400/403 `code`s), for the UI to word. */
export const REVIEW_ERROR_CODES = ['not_reviewer', 'unknown_item', 'empty_text', 'placeholders', 'empty_comment', 'unreadable', 'no_units'] as const;
