/** Storage records as the API sends them (src/contract). */
import type { ApiUser } from '../../contract/auth.ts';
import type { ConflictWire } from '../../contract/sync.ts';
import type { DraftResponse, DraftSummaryWire, HistoryResponse } from '../../contract/drafts.ts';
import type { Agency, DraftSnapshot, DraftSummary, HistoryEntry, StoredConflict, User } from '../storage/types.ts';

export function userWire(user: User, agency: Agency): ApiUser {
  const a: ApiUser['agency'] = { id: agency.id, zh: agency.nameZh, level: agency.level };
  if (agency.nameBo !== undefined) a.bo = agency.nameBo;
  if (agency.parentId !== undefined) a.parentId = agency.parentId;
  return { id: user.id, username: user.username, role: user.role, agency: a };
}

export function draftSummaryWire(d: DraftSummary): DraftSummaryWire {
  const wire: DraftSummaryWire = {
    id: d.id,
    agencyId: d.agencyId,
    reportId: d.reportId,
    year: d.year,
    template: d.template,
    source: d.source,
    createdAt: d.createdAt,
    publishedVersion: d.publishedVersion ?? null,
  };
  if (d.previousReportId !== undefined) wire.previousReportId = d.previousReportId;
  return wire;
}

export function conflictWire(c: StoredConflict): ConflictWire {
  const { id, draftId, field, mine, mineClientId, theirs, theirsRev, createdAt } = c;
  const wire: ConflictWire = { id, draftId, field, mine, mineClientId, theirs, theirsRev, createdAt };
  if (c.mineBy !== undefined) wire.mineBy = c.mineBy;
  if (c.theirsBy !== undefined) wire.theirsBy = c.theirsBy;
  if (c.theirsAt !== undefined) wire.theirsAt = c.theirsAt;
  if (c.theirsClientId !== undefined) wire.theirsClientId = c.theirsClientId;
  return wire;
}

export function draftWire(s: DraftSnapshot): DraftResponse {
  return {
    draft: {
      ...draftSummaryWire(s.draft),
      fields: Object.fromEntries([...s.fields].map(([key, { value, rev }]) => [key, { value, rev }])),
      conflicts: s.conflicts.map(conflictWire),
      cursor: s.cursor,
    },
  };
}

export function historyWire(entries: readonly HistoryEntry[], limit: number): HistoryResponse {
  return {
    entries: entries.map((e) => ({
      cursor: e.cursor,
      field: e.field,
      ...(e.old === undefined ? {} : { old: e.old }),
      value: e.value,
      rev: e.rev,
      at: e.at,
      clientId: e.clientId,
      seq: e.seq,
      user: e.user ?? null,
    })),
    next: entries.length === limit ? (entries.at(-1)?.cursor ?? null) : null,
  };
}
