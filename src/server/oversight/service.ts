/**
 * The county office's view of its subtree for a year (GET /api/oversight and its companions):
 * every agency's status against its 条例第四十九条 deadline and its open findings, the key figures
 * beside last year's, and one agency's findings in full. Read only: nothing here writes but the
 * digests of versions published before digests existed.
 */
import { beijingDate, deadlineStatus } from '../../report/deadline.ts';
import { KEY_FIGURES, type KeyFigures } from '../../report/key-figures.ts';
import type { OversightFigures, OversightFindings, OversightResponse, OversightRow } from '../../contract/oversight.ts';
import type { Agency, DraftDigest, ServerStorage, SubtreeDraft, SubtreeReport } from '../storage/types.ts';
import { publishedFindings } from './digest.ts';
import { digestCurrent, draftFindings, findingsCache, type FindingCounts } from './findings-cache.ts';
import { agencyWire, treeOrder } from './tree.ts';

export interface Oversight {
  /**
   * The agency whose subtree a user of `own` asks about: `own` itself, or `requested` when it is
   * `own` or below it. Undefined for any other agency (or an unknown one): it does not exist for them.
   */
  scope(own: Agency, requested: string | undefined): Promise<Agency | undefined>;
  rows(root: Agency, year: number, now: Date): Promise<OversightResponse>;
  figures(root: Agency, year: number): Promise<OversightFigures>;
  findings(agency: Agency, year: number): Promise<OversightFindings>;
}

/** Drafts validated between two turns of the event loop while an answer is made. */
const DRAFTS_PER_TURN = 4;

const EMPTY_FIGURES: KeyFigures = { received: null, results: null, review: null, lawsuits: null, disclosed: null };

/** Sums figure by figure; a blank one adds nothing, and a sum stays blank until something is added. */
function addFigures(sum: KeyFigures, figures: KeyFigures): KeyFigures {
  const out = { ...sum };
  for (const key of KEY_FIGURES) {
    const value = figures[key];
    if (value !== null) out[key] = (out[key] ?? 0) + value;
  }
  return out;
}

export function oversightService(storage: ServerStorage): Oversight {
  const cache = findingsCache(storage);

  const row = async (agency: Agency, depth: number, report: SubtreeReport | undefined, draft: SubtreeDraft | undefined, draftCounts: FindingCounts | undefined, today: string, year: number): Promise<OversightRow> => {
    const publishedOn = report === undefined ? undefined : beijingDate(report.publishedAt);
    const { deadline, late, atRisk } = deadlineStatus(agency.level, year, publishedOn, today);
    let findings: FindingCounts = { error: 0, warning: 0 };
    if (report !== undefined) {
      const digest = await cache.digest(report);
      findings = { error: digest.errors, warning: digest.warnings };
    } else if (draftCounts !== undefined) {
      findings = draftCounts;
    }
    return {
      agency: agencyWire(agency),
      depth,
      status: report !== undefined ? 'published' : draft !== undefined ? 'drafting' : 'none',
      reportId: report?.id ?? null,
      version: report?.version ?? null,
      draftId: draft?.id ?? null,
      publishedAt: report?.publishedAt ?? null,
      deadline,
      late,
      atRisk,
      findings,
    };
  };

  /**
   * The findings of the drafts of agencies with no published report, one draft after another: a
   * draft's stored digest when current, else validated (and stored), a few between turns of the
   * event loop. Run all at once they were one block (2.8 s for a region's 1,300 drafts on SQLite).
   */
  const draftsCounts = async (drafts: readonly SubtreeDraft[], agencies: ReadonlyMap<string, Agency>, published: ReadonlySet<string>): Promise<Map<string, FindingCounts>> => {
    const counts = new Map<string, FindingCounts>();
    const made: { draftId: string; digest: DraftDigest }[] = [];
    for (const draft of drafts) {
      const agency = agencies.get(draft.agencyId);
      if (agency === undefined || published.has(draft.agencyId)) continue;
      const current = digestCurrent(draft);
      if (!current && made.length % DRAFTS_PER_TURN === DRAFTS_PER_TURN - 1) await new Promise((resolve) => setImmediate(resolve));
      const found = await cache.draftCounts(draft, agency);
      counts.set(draft.id, found);
      if (!current) made.push({ draftId: draft.id, digest: { head: draft.head, basis: draft.basis, errors: found.error, warnings: found.warning } });
    }
    // Stored in one transaction (one commit per draft was most of a region's first answer on SQLite).
    await storage.saveDraftDigests(made);
    return counts;
  };

  return {
    async scope(own, requested) {
      if (requested === undefined || requested === own.id) return own;
      const path = await storage.agencyPath(requested);
      return path.some((a) => a.id === own.id) ? path[0] : undefined;
    },

    async rows(root, year, now) {
      const today = beijingDate(now);
      const [agencies, reports, drafts] = await Promise.all([
        storage.subtreeAgencies(root.id),
        storage.subtreeReports(root.id, { from: year, to: year }),
        storage.subtreeDrafts(root.id, year),
      ]);
      const reportOf = new Map(reports.map((r) => [r.agencyId, r]));
      const draftOf = new Map(drafts.map((d) => [d.agencyId, d]));
      const counts = await draftsCounts(drafts, new Map(agencies.map((a) => [a.id, a])), new Set(reportOf.keys()));
      const rows = await Promise.all(
        treeOrder(root.id, agencies).map(({ agency, depth }) => {
          const draft = draftOf.get(agency.id);
          return row(agency, depth, reportOf.get(agency.id), draft, draft === undefined ? undefined : counts.get(draft.id), today, year);
        }),
      );
      return { agency: agencyWire(root), year, today, rows };
    },

    async figures(root, year) {
      const [agencies, reports] = await Promise.all([storage.subtreeAgencies(root.id), storage.subtreeReports(root.id, { from: year - 1, to: year })]);
      const byKey = new Map(reports.map((r) => [`${r.agencyId}@${r.year}`, r]));
      const figuresOf = async (report: SubtreeReport | undefined): Promise<KeyFigures | null> =>
        report === undefined ? null : (await cache.digest(report)).figures;
      const rows = await Promise.all(
        treeOrder(root.id, agencies).map(async ({ agency }) => ({
          agencyId: agency.id,
          figures: await figuresOf(byKey.get(`${agency.id}@${year}`)),
          previous: await figuresOf(byKey.get(`${agency.id}@${year - 1}`)),
        })),
      );
      let sums = { figures: EMPTY_FIGURES, previous: EMPTY_FIGURES, reports: 0, previousReports: 0 };
      for (const r of rows) {
        if (r.figures !== null) sums = { ...sums, figures: addFigures(sums.figures, r.figures), reports: sums.reports + 1 };
        if (r.previous !== null) sums = { ...sums, previous: addFigures(sums.previous, r.previous), previousReports: sums.previousReports + 1 };
      }
      return { agency: agencyWire(root), year, rows, sums };
    },

    async findings(agency, year) {
      const base = { agencyId: agency.id, year };
      const report = await storage.getReport(`${agency.id}-${year}`);
      if (report !== undefined) {
        const findings = await publishedFindings(storage, report.document, agency.id);
        return { ...base, source: 'report', reportId: report.id, draftId: null, template: report.template, findings };
      }
      const draft = (await storage.subtreeDrafts(agency.id, year)).find((d) => d.agencyId === agency.id);
      if (draft !== undefined) {
        const findings = await draftFindings(storage, draft, agency);
        return { ...base, source: 'draft', reportId: null, draftId: draft.id, template: draft.template, findings };
      }
      return { ...base, source: 'none', reportId: null, draftId: null, template: null, findings: [] };
    },
  };
}
