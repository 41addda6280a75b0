/** PostgreSQL: the agency tree (recursive CTEs) and the reports and drafts of a subtree, as sqlite/hierarchy.ts. */
import type { Pool } from 'pg';
import { AGENCY_COLUMNS, DIGEST_JOIN_COLUMNS, DRAFT_COLUMNS, LATER_DIGEST, SUBTREE_DRAFT_COLUMNS, reportSummaryColumns, toAgency, toSubtreeDraft, toSubtreeReport } from '../rows.ts';
import type { HierarchySection } from '../types.ts';
import { subtreeCte } from '../subtree.ts';
import { insertDigest } from './reports.ts';
import { inTransaction, query } from './tx.ts';

/** `sub(id)`: the agency bound to `$1` and every agency below it. */
const SUBTREE = subtreeCte('$1');

const DIRECTORY_STAMP = `(SELECT COUNT(*) FROM reports) || ':' || COALESCE((SELECT MAX(published_at)::text FROM reports), '') || ':' || (SELECT COUNT(*) FROM agencies) || ':' || COALESCE((SELECT MAX(created_at)::text FROM agencies), '')`;

const LATEST_WITH_DIGEST = `SELECT ${reportSummaryColumns('r')}, ${DIGEST_JOIN_COLUMNS}
  FROM reports r LEFT JOIN report_digests d ON d.report_id = r.id AND d.version = r.version`;
const IS_LATEST = 'r.version = (SELECT MAX(version) FROM reports WHERE id = r.id)';


export function postgresHierarchy(pool: Pool, now: () => Date): HierarchySection {
  return {
    subtreeAgencies: async (root) =>
      (await query(pool, `${SUBTREE} SELECT ${AGENCY_COLUMNS} FROM agencies WHERE id IN (SELECT id FROM sub) ORDER BY id`, [root])).rows.map(toAgency),
    agencyPath: async (id) =>
      (
        await query(pool,
          `WITH RECURSIVE up(id, parent_id, depth) AS (
             SELECT id, parent_id, 0 FROM agencies WHERE id = $1
             UNION
             SELECT a.id, a.parent_id, up.depth + 1 FROM agencies a JOIN up ON a.id = up.parent_id WHERE up.depth < 64
           )
           SELECT a.id, a.name_zh, a.name_bo, a.level, a.parent_id, a.created_at FROM up JOIN agencies a ON a.id = up.id ORDER BY up.depth`,
          [id],
        )
      ).rows.map(toAgency),
    childAgencies: async (parentId) =>
      (parentId === undefined
        ? await query(pool, `SELECT ${AGENCY_COLUMNS} FROM agencies WHERE parent_id IS NULL ORDER BY id`)
        : await query(pool, `SELECT ${AGENCY_COLUMNS} FROM agencies WHERE parent_id = $1 ORDER BY id`, [parentId])
      ).rows.map(toAgency),
    ensureAgencies: async (list) => {
      const at = now().toISOString();
      await inTransaction(pool, async (client) => {
        for (const a of list) {
          await query(client,
            `INSERT INTO agencies (id, name_zh, name_bo, level, parent_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (id) DO NOTHING`,
            [a.id, a.nameZh, a.nameBo ?? null, a.level, a.parentId ?? null, at],
          );
        }
      });
    },
    subtreeReports: async (root, years) =>
      (
        await query(pool,
          `${SUBTREE} ${LATEST_WITH_DIGEST} WHERE r.agency_id IN (SELECT id FROM sub) AND r.year BETWEEN $2 AND $3 AND ${IS_LATEST}`,
          [root, years.from, years.to],
        )
      ).rows.map(toSubtreeReport),
    subtreeDrafts: async (root, year) =>
      (
        await query(pool,
          `${SUBTREE} SELECT ${DRAFT_COLUMNS}, ${SUBTREE_DRAFT_COLUMNS}
           FROM drafts d LEFT JOIN draft_digests g ON g.draft_id = d.id WHERE d.agency_id IN (SELECT id FROM sub) AND d.year = $2`,
          [root, year],
        )
      ).rows.map(toSubtreeDraft),
    agenciesReports: async (ids) =>
      ids.length === 0
        ? []
        : (await query(pool, `${LATEST_WITH_DIGEST} WHERE r.agency_id = ANY($1::text[]) AND ${IS_LATEST}`, [ids])).rows.map(toSubtreeReport),
    saveDigest: (id, version, digest) => insertDigest(pool, id, version, digest),
    saveDraftDigests: async (list) => {
      if (list.length === 0) return;
      // One statement: the latest head of each draft stays, whichever process stores last.
      await query(pool,
        `INSERT INTO draft_digests (draft_id, head, basis, errors, warnings)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::int[], $5::int[])
         ON CONFLICT (draft_id) DO UPDATE SET head = excluded.head, basis = excluded.basis, errors = excluded.errors, warnings = excluded.warnings
         WHERE ${LATER_DIGEST}`,
        [list.map((d) => d.draftId), list.map((d) => d.digest.head), list.map((d) => d.digest.basis), list.map((d) => d.digest.errors), list.map((d) => d.digest.warnings)]);
    },
    directoryStamp: async () => {
      const { rows } = await query(pool, `SELECT ${DIRECTORY_STAMP} AS stamp`);
      return String(rows[0]?.stamp);
    },
    oversightStamp: async (root) => {
      const { rows } = await query(pool,
        `SELECT COUNT(*) || ':' || COALESCE(SUM(c.changes), 0) AS stamp
         FROM agency_changes r JOIN agency_changes c ON c.path >= r.path AND c.path < left(r.path, -1) || '0'
         WHERE r.agency_id = $1`,
        [root]);
      return String(rows[0]?.stamp);
    },
  };
}
