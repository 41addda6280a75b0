/**
 * The hierarchy section of the storage: agencies as a tree (a county above its townships and
 * departments, a prefecture above its counties…), and what the county office reads across a
 * subtree: each agency's reports of some years with their digests, and its drafts. A subtree is
 * an agency and every agency below it, at any depth; nothing above it or beside it.
 */
import type { Agency, NewAgency } from './accounts.ts';
import type { DraftSummary } from './drafts.ts';
import type { ReportDigest, ReportSummaryRow } from './reports.ts';

/** A report's latest version in a subtree, with its digest once one is stored. */
export interface SubtreeReport extends ReportSummaryRow {
  agencyId: string;
  digest?: ReportDigest;
}

/**
 * A draft's findings by severity as they were at `head` (the cursor of its last field write then),
 * checked against the previous-year report `basis` (`<id>@<version>`, '' for none).
 */
export interface DraftDigest {
  head: number;
  basis: string;
  errors: number;
  warnings: number;
}

/**
 * A draft in a subtree, with the cursor of its last field write and the previous-year report it is
 * checked against (its findings change with either: DraftDigest), and its stored digest.
 */
export interface SubtreeDraft extends DraftSummary {
  head: number;
  basis: string;
  digest?: DraftDigest;
}

export interface HierarchySection {
  /** The agency `rootId` and every agency below it, at any depth; empty when `rootId` is unknown. */
  subtreeAgencies(rootId: string): Promise<Agency[]>;
  /** The agency, its parent, and so on up to its root; empty when `id` is unknown. */
  agencyPath(id: string): Promise<Agency[]>;
  /** The agencies directly below `parentId`, or those with no parent when it is undefined. */
  childAgencies(parentId: string | undefined): Promise<Agency[]>;
  /**
   * Creates each agency that does not exist yet, in the order given (parents first); an existing
   * one is left as it is. Safe when several processes do it at once.
   */
  ensureAgencies(agencies: readonly NewAgency[]): Promise<void>;
  /** The latest version of each report of years `from`..`to` of the agencies of the subtree. */
  subtreeReports(rootId: string, years: { from: number; to: number }): Promise<SubtreeReport[]>;
  /** The drafts of `year` of the agencies of the subtree, with their stored digests. */
  subtreeDrafts(rootId: string, year: number): Promise<SubtreeDraft[]>;
  /** The latest version of every report of the given agencies (residents' agency pages). */
  agenciesReports(agencyIds: readonly string[]): Promise<SubtreeReport[]>;
  /** Stores the digest of a published version unless it has one (the first one stays). */
  saveDigest(id: string, version: number, digest: ReportDigest): Promise<void>;
  /** Stores drafts' digests, in one transaction, each unless one of a later head is stored (the latest head stays; at the same head, the last basis). */
  saveDraftDigests(digests: readonly { draftId: string; digest: DraftDigest }[]): Promise<void>;
  /**
   * Changes whenever a report is published or an agency added (the residents' directory reloads
   * then): cheap enough to ask every second.
   */
  directoryStamp(): Promise<string>;
  /**
   * Changes whenever what oversight shows of the subtree of `rootId` may change: an agency added to
   * it, a report of it published, a draft of it made or written (its findings follow its fields);
   * and not when anything outside the subtree changes. One range read (agency_changes, migration
   * 011): cheap enough to ask on every request, for a region too.
   */
  oversightStamp(rootId: string): Promise<string>;
}
