/** Review rows on their way out of either database, checked like any other input (see rows.ts). */
import * as v from 'valibot';
import { intColumn, parseRow, timeColumn } from './rows.ts';
import type { ReviewLogRow, ReviewRow } from './sections/reviews.ts';

export const REVIEW_COLUMNS = 'item_id, zh, bo, status, decided_by, decided_at';
export const REVIEW_LOG_COLUMNS = 'id, item_id, action, zh, bo_before, bo_after, comment, via, username, at';

const ReviewSchema = v.object({
  item_id: v.string(),
  zh: v.string(),
  bo: v.string(),
  status: v.picklist(['accepted', 'edited']),
  decided_by: v.string(),
  decided_at: timeColumn,
});

export function toReviewRow(row: unknown): ReviewRow {
  const r = parseRow(ReviewSchema, 'translation_reviews', row);
  return { itemId: r.item_id, zh: r.zh, bo: r.bo, status: r.status, decidedBy: r.decided_by, decidedAt: r.decided_at };
}

const LogSchema = v.object({
  id: intColumn,
  item_id: v.string(),
  action: v.picklist(['accept', 'edit', 'comment']),
  zh: v.string(),
  bo_before: v.string(),
  bo_after: v.nullable(v.string()),
  comment: v.nullable(v.string()),
  via: v.picklist(['app', 'xliff', 'csv']),
  username: v.string(),
  at: timeColumn,
});

export function toReviewLogRow(row: unknown): ReviewLogRow {
  const r = parseRow(LogSchema, 'translation_review_log', row);
  return {
    id: r.id,
    itemId: r.item_id,
    action: r.action,
    zh: r.zh,
    boBefore: r.bo_before,
    ...(r.bo_after === null ? {} : { boAfter: r.bo_after }),
    ...(r.comment === null ? {} : { comment: r.comment }),
    via: r.via,
    username: r.username,
    at: r.at,
  };
}

/** The stored state an accept or edit leaves (a comment leaves none). */
export function reviewedStatus(action: 'accept' | 'edit' | 'comment'): ReviewRow['status'] | undefined {
  return action === 'accept' ? 'accepted' : action === 'edit' ? 'edited' : undefined;
}
