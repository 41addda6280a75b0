/** PostgreSQL: the translation review section, as sqlite/reviews.ts. */
import type { Pool } from 'pg';
import { REVIEW_COLUMNS, REVIEW_LOG_COLUMNS, reviewedStatus, toReviewLogRow, toReviewRow } from '../review-rows.ts';
import type { ReviewsSection } from '../types.ts';
import { inTransaction } from './tx.ts';
import { notifyReviewed } from './publications.ts';

export function postgresReviews(pool: Pool, now: () => Date): Omit<ReviewsSection, 'watchReviews'> {
  return {
    grantReviewer: async (username, grantedBy) => {
      const result = await pool.query(
        `INSERT INTO translation_reviewers (user_id, granted_by, granted_at)
         SELECT id, $2, $3 FROM users WHERE username = $1
         ON CONFLICT (user_id) DO NOTHING RETURNING user_id`,
        [username.toLowerCase(), grantedBy, now().toISOString()],
      );
      if (result.rowCount !== 0) return true;
      const { rowCount } = await pool.query('SELECT 1 FROM users WHERE username = $1', [username.toLowerCase()]);
      return rowCount !== 0;
    },
    isReviewer: async (userId) => {
      const { rowCount } = await pool.query('SELECT 1 FROM translation_reviewers WHERE user_id = $1', [userId]);
      return rowCount !== 0;
    },
    listReviews: async () => {
      const { rows } = await pool.query(`SELECT ${REVIEW_COLUMNS} FROM translation_reviews ORDER BY item_id`);
      return rows.map(toReviewRow);
    },
    recordReviews: (decisions, by) =>
      inTransaction(pool, async (client) => {
        const at = now().toISOString();
        for (const d of decisions) {
          await client.query(
            `INSERT INTO translation_review_log (item_id, action, zh, bo_before, bo_after, comment, via, username, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [d.itemId, d.action, d.zh, d.boBefore, d.boAfter ?? null, d.comment ?? null, by.via, by.username, at],
          );
          const status = reviewedStatus(d.action);
          if (status !== undefined && d.boAfter !== undefined) {
            await client.query(
              `INSERT INTO translation_reviews (item_id, zh, bo, status, decided_by, decided_at) VALUES ($1, $2, $3, $4, $5, $6)
               ON CONFLICT (item_id) DO UPDATE SET zh = excluded.zh, bo = excluded.bo, status = excluded.status,
                 decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
              [d.itemId, d.zh, d.boAfter, status, by.username, at],
            );
          }
        }
        // Heard by every process on the database at commit (publications.ts).
        await notifyReviewed(client);
      }),
    reviewLog: async (itemId) => {
      const { rows } =
        itemId === undefined
          ? await pool.query(`SELECT ${REVIEW_LOG_COLUMNS} FROM translation_review_log ORDER BY id`)
          : await pool.query(`SELECT ${REVIEW_LOG_COLUMNS} FROM translation_review_log WHERE item_id = $1 ORDER BY id`, [itemId]);
      return rows.map(toReviewLogRow);
    },
  };
}
