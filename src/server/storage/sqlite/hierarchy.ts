/** SQLite: the agency tree (recursive CTEs) and the reports and drafts of a subtree. */
import type Database from 'better-sqlite3';
import { lazy } from './lazy.ts';
import { AGENCY_COLUMNS, DIGEST_JOIN_COLUMNS, DRAFT_COLUMNS, LATER_DIGEST, SUBTREE_DRAFT_COLUMNS, reportSummaryColumns, toAgency, toSubtreeDraft, toSubtreeReport } from '../rows.ts';
import type { HierarchySection } from '../types.ts';
import { subtreeCte } from '../subtree.ts';

/** `sub(id)`: the agency bound to `@root` and every agency below it. */
const SUBTREE = subtreeCte('@root');

const PATH = `WITH RECURSIVE up(id, parent_id, depth) AS (
  SELECT id, parent_id, 0 FROM agencies WHERE id = ?
  UNION
  SELECT a.id, a.parent_id, up.depth + 1 FROM agencies a JOIN up ON a.id = up.parent_id WHERE up.depth < 64
)`;

/** The latest version only, joined with its digest when it has one. */
const LATEST_WITH_DIGEST = `SELECT ${reportSummaryColumns('r')}, ${DIGEST_JOIN_COLUMNS}
  FROM reports r LEFT JOIN report_digests d ON d.report_id = r.id AND d.version = r.version`;
const IS_LATEST = 'r.version = (SELECT MAX(version) FROM reports WHERE id = r.id)';

/**
 * How many agencies the subtree of `?` has and how often they changed: its rows of agency_changes,
 * one key range of the materialized path (`a/b/` up to `a/b0`: '0' follows '/').
 */
const SUBTREE_STAMP = `SELECT COUNT(*) || ':' || COALESCE(SUM(c.changes), 0)
  FROM agency_changes r JOIN agency_changes c ON c.path >= r.path AND c.path < substr(r.path, 1, length(r.path) - 1) || '0'
  WHERE r.agency_id = ?`;


function prepare(db: Database.Database) {
  return {
    subtree: db.prepare<[{ root: string }]>(`${SUBTREE} SELECT ${AGENCY_COLUMNS} FROM agencies WHERE id IN (SELECT id FROM sub) ORDER BY id`),
    path: db.prepare<[string]>(`${PATH} SELECT a.id, a.name_zh, a.name_bo, a.level, a.parent_id, a.created_at FROM up JOIN agencies a ON a.id = up.id ORDER BY up.depth`),
    children: db.prepare<[string]>(`SELECT ${AGENCY_COLUMNS} FROM agencies WHERE parent_id = ? ORDER BY id`),
    roots: db.prepare<[]>(`SELECT ${AGENCY_COLUMNS} FROM agencies WHERE parent_id IS NULL ORDER BY id`),
    ensure: db.prepare<[string, string, string | null, string, string | null, string]>(
      'INSERT OR IGNORE INTO agencies (id, name_zh, name_bo, level, parent_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    reports: db.prepare<[{ root: string; from: number; to: number }]>(
      `${SUBTREE} ${LATEST_WITH_DIGEST} WHERE r.agency_id IN (SELECT id FROM sub) AND r.year BETWEEN @from AND @to AND ${IS_LATEST}`,
    ),
    drafts: db.prepare<[{ root: string; year: number }]>(
      `${SUBTREE} SELECT ${DRAFT_COLUMNS}, ${SUBTREE_DRAFT_COLUMNS}
       FROM drafts d LEFT JOIN draft_digests g ON g.draft_id = d.id WHERE d.agency_id IN (SELECT id FROM sub) AND d.year = @year`,
    ),
    agencyReports: db.prepare<[string]>(`${LATEST_WITH_DIGEST} WHERE r.agency_id IN (SELECT value FROM json_each(?)) AND ${IS_LATEST}`),
    stamp: db.prepare<[]>(`SELECT (SELECT COUNT(*) FROM reports) || ':' || COALESCE((SELECT MAX(published_at) FROM reports), '') || ':' || (SELECT COUNT(*) FROM agencies) || ':' || COALESCE((SELECT MAX(created_at) FROM agencies), '') AS stamp`).pluck(),
    subtreeStamp: db.prepare<[string]>(SUBTREE_STAMP).pluck(),
    draftDigest: db.prepare<[string, number, string, number, number]>(
      `INSERT INTO draft_digests (draft_id, head, basis, errors, warnings) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (draft_id) DO UPDATE SET head = excluded.head, basis = excluded.basis, errors = excluded.errors, warnings = excluded.warnings
       WHERE ${LATER_DIGEST}`,
    ),
    digest: db.prepare<[string, number, number, number, string]>(
      'INSERT OR IGNORE INTO report_digests (report_id, version, errors, warnings, figures) VALUES (?, ?, ?, ?, ?)',
    ),
  };
}

export function sqliteHierarchy(db: Database.Database, now: () => Date): HierarchySection {
  const st = lazy(() => prepare(db));
  const run = <T>(f: () => T): Promise<T> => Promise.resolve().then(f);
  const saveDraftDigests = db.transaction((list: Parameters<HierarchySection['saveDraftDigests']>[0]) => {
    for (const { draftId, digest } of list) st().draftDigest.run(draftId, digest.head, digest.basis, digest.errors, digest.warnings);
  });
  const ensure = db.transaction((list: Parameters<HierarchySection['ensureAgencies']>[0]) => {
    const at = now().toISOString();
    for (const a of list) st().ensure.run(a.id, a.nameZh, a.nameBo ?? null, a.level, a.parentId ?? null, at);
  });

  return {
    subtreeAgencies: (root) => run(() => st().subtree.all({ root }).map(toAgency)),
    agencyPath: (id) => run(() => st().path.all(id).map(toAgency)),
    childAgencies: (parentId) => run(() => (parentId === undefined ? st().roots.all() : st().children.all(parentId)).map(toAgency)),
    ensureAgencies: (list) => run(() => {
      ensure.immediate(list);
    }),
    subtreeReports: (root, years) => run(() => st().reports.all({ root, ...years }).map(toSubtreeReport)),
    subtreeDrafts: (root, year) => run(() => st().drafts.all({ root, year }).map(toSubtreeDraft)),
    agenciesReports: (ids) => run(() => (ids.length === 0 ? [] : st().agencyReports.all(JSON.stringify(ids)).map(toSubtreeReport))),
    directoryStamp: () => run(() => String(st().stamp.get())),
    oversightStamp: (root) => run(() => String(st().subtreeStamp.get(root))),
    saveDraftDigests: (list) => run(() => {
      saveDraftDigests.immediate(list);
    }),
    saveDigest: (id, version, digest) =>
      run(() => void st().digest.run(id, version, digest.errors, digest.warnings, JSON.stringify(digest.figures))),
  };
}
