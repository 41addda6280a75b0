/**
 * Findings the oversight page shows, computed once per state: a draft's per last field write (its
 * head cursor) and previous-year report (its basis), a published version's digest once and for
 * good (stored, shared by every process).
 * Concurrent requests for the same state share one computation.
 */
import type { ReportDocument } from '../../report/model.ts';
import { validate, type Finding } from '../../report/validate/index.ts';
import { documentOfDraft } from '../drafts/document.ts';
import type { OversightRow } from '../../contract/oversight.ts';
import type { Agency, DraftDigest, ReportDigest, ServerStorage, SubtreeDraft, SubtreeReport } from '../storage/types.ts';
import { countFindings, digestOf, publishedFindings } from './digest.ts';

/** The published report a draft is checked against: the one it started from, or `<agency>-<year-1>` (as at publish). */
async function previousOfDraft(storage: ServerStorage, draft: SubtreeDraft, agency: Agency): Promise<ReportDocument | undefined> {
  for (const id of new Set([draft.previousReportId, `${agency.id}-${draft.year - 1}`])) {
    if (id === undefined) continue;
    const report = await storage.getReport(id);
    if (report !== undefined && report.document.meta.year === draft.year - 1) return report.document;
  }
  return undefined;
}

/** The findings of a draft as it stands: the document its fields make, validated as publishing would. */
export async function draftFindings(storage: ServerStorage, draft: SubtreeDraft, agency: Agency): Promise<Finding[]> {
  const snapshot = await storage.draftSnapshot(draft.id);
  if (snapshot === undefined) return [];
  const document = documentOfDraft(snapshot.draft, agency, snapshot.fields);
  const previous = await previousOfDraft(storage, draft, agency);
  return validate(document, previous === undefined ? {} : { previous });
}

/** Findings by severity, as a row of GET /api/oversight carries them. */
export type FindingCounts = OversightRow['findings'];

/**
 * Whether a draft's stored digest is of its head and basis: nothing written since it was made, and
 * the previous-year report it was checked against neither published nor corrected since.
 */
export function digestCurrent(draft: SubtreeDraft): draft is SubtreeDraft & { digest: DraftDigest } {
  return draft.digest !== undefined && draft.digest.head === draft.head && draft.digest.basis === draft.basis;
}

export interface FindingsCache {
  /** Findings of a draft at its head and basis; recomputed once either moves. */
  draft(draft: SubtreeDraft, agency: Agency): Promise<Finding[]>;
  /** A draft's findings by severity: its stored digest when current, else counted now (the caller stores it). */
  draftCounts(draft: SubtreeDraft, agency: Agency): Promise<FindingCounts>;
  /** The digest of a published version: the stored one, else made and stored now. */
  digest(report: SubtreeReport): Promise<ReportDigest>;
}

export function findingsCache(storage: ServerStorage): FindingsCache {
  const drafts = new Map<string, { state: string; findings: Promise<Finding[]> }>();
  const digests = new Map<string, Promise<ReportDigest>>();

  return {
    async draftCounts(draft, agency) {
      if (digestCurrent(draft)) return { error: draft.digest.errors, warning: draft.digest.warnings };
      const { errors, warnings } = countFindings(await this.draft(draft, agency));
      return { error: errors, warning: warnings };
    },

    draft(draft, agency) {
      const state = `${draft.head} ${draft.basis}`;
      const known = drafts.get(draft.id);
      if (known !== undefined && known.state === state) return known.findings;
      const findings = draftFindings(storage, draft, agency);
      drafts.set(draft.id, { state, findings });
      // A failure is not kept: the next request tries again.
      findings.catch(() => {
        if (drafts.get(draft.id)?.findings === findings) drafts.delete(draft.id);
      });
      return findings;
    },

    digest(report) {
      if (report.digest !== undefined) return Promise.resolve(report.digest);
      const key = `${report.id}@${report.version}`;
      let made = digests.get(key);
      if (made === undefined) {
        made = (async () => {
          const stored = await storage.getReportVersion(report.id, report.version);
          if (stored === undefined) throw new Error(`report ${key} vanished`);
          const digest = digestOf(stored.document, await publishedFindings(storage, stored.document, report.agencyId));
          await storage.saveDigest(report.id, report.version, digest);
          return digest;
        })().finally(() => digests.delete(key));
        digests.set(key, made);
      }
      return made;
    },
  };
}
