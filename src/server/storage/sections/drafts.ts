/** The drafts section of the storage: drafts, their fields, the sync log, conflicts and audit. */
import type { FieldKey, FieldValue } from '../../../report/fields.ts';
import type { TemplateId } from '../../../report/model.ts';
import type { Ack, Change, Conflict, FieldState, Mutation } from '../../../contract/sync.ts';
import { DRAFT_SOURCES } from '../../../contract/drafts.ts';

export { DRAFT_SOURCES };
export type DraftSource = (typeof DRAFT_SOURCES)[number];

/** The client id of writes the server makes itself (draft creation); `~` is never in a real one. */
export const SERVER_CLIENT_ID = '~server';

export interface DraftSummary {
  id: string;
  agencyId: string;
  /** The report id it publishes as: `<agency>-<year>`; one draft per report id. */
  reportId: string;
  year: number;
  template: TemplateId;
  source: DraftSource;
  /** The published report it was started from, when any (also used as `previous` at publish). */
  previousReportId?: string;
  createdAt: string;
  createdBy?: number;
  /** Latest published version of reportId, when it was published. */
  publishedVersion?: number;
}

/** A draft to create: a summary's identity and origin, with its author and first fields. */
export interface NewDraft extends Omit<DraftSummary, 'createdAt' | 'createdBy' | 'publishedVersion'> {
  createdBy: number;
  /** Initial fields: written at rev 1 by SERVER_CLIENT_ID, each an audit entry. */
  fields: [FieldKey, FieldValue][];
}

/**
 * A conflict as stored: the protocol's conflict plus when it arose and who made each side
 * (`mineBy` pushed at `createdAt`; `theirsBy` wrote `theirsRev` at `theirsAt`, from `theirsClientId`).
 */
export interface StoredConflict extends Conflict {
  createdAt: string;
  mineBy?: string;
  theirsBy?: string;
  theirsAt?: string;
  theirsClientId?: string;
}

/** A draft with all its fields, its open conflicts and the sync cursor they are consistent with. */
export interface DraftSnapshot {
  draft: DraftSummary;
  fields: Map<FieldKey, FieldState>;
  conflicts: StoredConflict[];
  /** Pull from here to get every change after this snapshot. */
  cursor: number;
}

/** One audit entry: a field write. `old` is undefined when the field did not exist before. */
export interface HistoryEntry {
  cursor: number;
  field: FieldKey;
  old: FieldValue | undefined;
  value: FieldValue;
  rev: number;
  at: string;
  clientId: string;
  seq: number;
  user?: { id: number; username: string };
}

/** Who pushes: every mutation's draft must belong to this agency. */
export interface UserContext {
  userId: number;
  agencyId: string;
}

export interface PullResult {
  changes: Change[];
  cursor: number;
  /** True when the page was full: pull again from `cursor`. */
  more: boolean;
}

export interface DraftsSection {
  /** Throws StorageError('exists') when the report id already has a draft. */
  createDraft(draft: NewDraft): Promise<DraftSummary>;
  listDrafts(agencyId: string): Promise<DraftSummary[]>;
  getDraft(id: string): Promise<DraftSummary | undefined>;
  getDrafts(ids: readonly string[]): Promise<DraftSummary[]>;
  draftSnapshot(id: string): Promise<DraftSnapshot | undefined>;
  /**
   * Applies a push in one transaction, each mutation decided by the protocol's `decide()` on what
   * the transaction read: a repeat is acknowledged again and never applied twice; a field changed
   * on both sides becomes a conflict keeping both values. All or nothing. Throws
   * StorageError('forbidden') when a draft is missing or belongs to another agency.
   */
  pushMutations(ctx: UserContext, mutations: readonly Mutation[]): Promise<Ack[]>;
  /** Field writes of the agency's drafts after `cursor`, in cursor order. */
  pull(query: { agencyId: string; cursor: number; limit: number }): Promise<PullResult>;
  /** Open conflicts of the agency's drafts, oldest first. */
  openConflicts(agencyId: string): Promise<StoredConflict[]>;
  /** The audit history of a draft after `after`, oldest first. */
  history(draftId: string, query: { after: number; limit: number }): Promise<HistoryEntry[]>;
}
