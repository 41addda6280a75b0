/** SQLite: the translation review section (sections/reviews.ts). */
import type Database from 'better-sqlite3';
import { REVIEW_COLUMNS, REVIEW_LOG_COLUMNS, reviewedStatus, toReviewLogRow, toReviewRow } from '../review-rows.ts';
import { lazy } from './lazy.ts';
import type { ReviewDecisionInput, ReviewsSection, ReviewVia } from '../types.ts';

function prepare(db: Database.Database) {
  return {
    userId: db.prepare<[string]>('SELECT id FROM users WHERE username = ?').pluck(),
    grant: db.prepare<[number, string, string]>(
      'INSERT INTO translation_reviewers (user_id, granted_by, granted_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO NOTHING',
    ),
    isReviewer: db.prepare<[number]>('SELECT EXISTS (SELECT 1 FROM translation_reviewers WHERE user_id = ?)').pluck(),
    all: db.prepare<[]>(`SELECT ${REVIEW_COLUMNS} FROM translation_reviews ORDER BY item_id`),
    upsert: db.prepare<[string, string, string, string, string, string]>(
      `INSERT INTO translation_reviews (item_id, zh, bo, status, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (item_id) DO UPDATE SET zh = excluded.zh, bo = excluded.bo, status = excluded.status,
         decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
    ),
    log: db.prepare<[string, string, string, string, string | null, string | null, string, string, string]>(
      `INSERT INTO translation_review_log (item_id, action, zh, bo_before, bo_after, comment, via, username, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    logAll: db.prepare<[]>(`SELECT ${REVIEW_LOG_COLUMNS} FROM translation_review_log ORDER BY id`),
    logOf: db.prepare<[string]>(`SELECT ${REVIEW_LOG_COLUMNS} FROM translation_review_log WHERE item_id = ? ORDER BY id`),
  };
}

export function sqliteReviews(db: Database.Database, now: () => Date): ReviewsSection {
  const st = lazy(() => prepare(db));

  const record = db.transaction((decisions: readonly ReviewDecisionInput[], by: { username: string; via: ReviewVia }) => {
    const at = now().toISOString();
    for (const d of decisions) {
      st().log.run(d.itemId, d.action, d.zh, d.boBefore, d.boAfter ?? null, d.comment ?? null, by.via, by.username, at);
      const status = reviewedStatus(d.action);
      if (status !== undefined && d.boAfter !== undefined) st().upsert.run(d.itemId, d.zh, d.boAfter, status, by.username, at);
    }
  });

  // Decisions of this storage only: processes share a PostgreSQL, not a SQLite file.
  const listeners = new Set<() => void>();

  return {
    watchReviews: (listener) => {
      const own = (): void => {
        listener();
      };
      listeners.add(own);
      return Promise.resolve({
        stop: () => {
          listeners.delete(own);
          return Promise.resolve();
        },
      });
    },
    grantReviewer: (username, grantedBy) =>
      Promise.resolve().then(() => {
        const id = st().userId.get(username.toLowerCase());
        if (typeof id !== 'number') return false;
        st().grant.run(id, grantedBy, now().toISOString());
        return true;
      }),
    isReviewer: (userId) => Promise.resolve().then(() => st().isReviewer.get(userId) === 1),
    listReviews: () => Promise.resolve().then(() => st().all.all().map(toReviewRow)),
    recordReviews: (decisions, by) =>
      Promise.resolve().then(() => {
        record.immediate(decisions, by);
        for (const listener of listeners) listener();
      }),
    reviewLog: (itemId) => Promise.resolve().then(() => (itemId === undefined ? st().logAll.all() : st().logOf.all(itemId)).map(toReviewLogRow)),
  };
}
