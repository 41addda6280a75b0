/**
 * Rows on their way out of either database, checked like any other input. SQLite hands back
 * numbers and ISO text; PostgreSQL hands back BIGINT as text and TIMESTAMPTZ as Date: both become
 * the same values here. Field values and acks are stored as JSON text in both.
 */
import * as v from 'valibot';
import type { FieldValue } from '../../report/fields.ts';
import { ADMIN_LEVELS, type ReportDocument } from '../../report/model.ts';
import { parseReportJson } from '../../report/schema.ts';
import { TEMPLATE_IDS } from '../../report/templates/index.ts';
import type { Ack } from '../../sync/protocol.ts';
import { ROLES, type Agency, type User } from './sections/accounts.ts';
import { DRAFT_SOURCES, type DraftSummary, type HistoryEntry, type StoredConflict } from './sections/drafts.ts';
import type { PublishedReport, ReportSummaryRow } from './sections/reports.ts';
import { StorageError } from './types.ts';

/** An integer column: a number, or a BIGINT as PostgreSQL sends it. */
export const intColumn = v.pipe(
  v.union([v.number(), v.pipe(v.string(), v.regex(/^-?\d{1,15}$/u), v.transform(Number))]),
  v.integer(),
);
/** A timestamp column: ISO text (SQLite) or a Date (PostgreSQL), as ISO text. */
export const timeColumn = v.pipe(
  v.union([v.string(), v.date()]),
  v.transform((x) => (typeof x === 'string' ? x : x.toISOString())),
);
const optionalText = v.pipe(v.nullish(v.string()), v.transform((x) => x ?? undefined));
const optionalInt = v.pipe(v.nullish(intColumn), v.transform((x) => x ?? undefined));

/** Parses a row or throws StorageError('corrupt_row') naming the table. */
export function parseRow<S extends v.GenericSchema>(schema: S, table: string, row: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, row);
  if (!result.success) {
    throw new StorageError('corrupt_row', `${table}: ${v.getDotPath(result.issues[0]) ?? ''} ${result.issues[0].message}`);
  }
  return result.output;
}

/** A field value as stored (JSON text of a scalar). */
export function readFieldValue(json: unknown, table = 'draft_fields'): FieldValue {
  if (typeof json === 'string') {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      throw new StorageError('corrupt_row', `${table}: value is not JSON`);
    }
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  }
  throw new StorageError('corrupt_row', `${table}: value is not a field value`);
}

const fieldValueSchema = v.union([v.string(), v.number(), v.boolean(), v.null()]);
const AckSchema = v.variant('status', [
  v.object({ clientId: v.string(), seq: v.number(), status: v.literal('applied'), rev: v.number() }),
  v.object({
    clientId: v.string(),
    seq: v.number(),
    status: v.literal('conflict'),
    rev: v.number(),
    conflictId: v.string(),
    theirs: fieldValueSchema,
  }),
]);

/** A stored ack (JSON text). */
export function readAck(json: unknown): Ack {
  if (typeof json !== 'string') throw new StorageError('corrupt_row', 'sync_acks: ack is not text');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new StorageError('corrupt_row', 'sync_acks: ack is not JSON');
  }
  return parseRow(AckSchema, 'sync_acks', value);
}

const SummaryRowSchema = v.object({
  id: v.string(),
  version: intColumn,
  agency_zh: v.string(),
  agency_bo: v.nullable(v.string()),
  level: v.picklist(ADMIN_LEVELS),
  year: intColumn,
  template: v.picklist(TEMPLATE_IDS),
  etag: v.string(),
  published_at: timeColumn,
  note: optionalText,
});
const DocumentRowSchema = v.object({ ...SummaryRowSchema.entries, document: v.string() });

/** The columns toSummary reads from `reports`. */
export const REPORT_SUMMARY_COLUMNS = 'id, version, agency_zh, agency_bo, level, year, template, etag, published_at, note';

export function toReportSummary(row: unknown): ReportSummaryRow {
  const r = parseRow(SummaryRowSchema, 'reports', row);
  const summary: ReportSummaryRow = {
    id: r.id,
    version: r.version,
    agency: r.agency_bo === null ? { zh: r.agency_zh } : { zh: r.agency_zh, bo: r.agency_bo },
    level: r.level,
    year: r.year,
    template: r.template,
    publishedAt: r.published_at,
    etag: r.etag,
  };
  if (r.note !== undefined) summary.note = r.note;
  return summary;
}

export function toPublishedReport(row: unknown): PublishedReport | undefined {
  if (row === undefined) return undefined;
  const r = parseRow(DocumentRowSchema, 'reports', row);
  let document: ReportDocument;
  try {
    document = parseReportJson(r.document);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new StorageError('corrupt_row', `reports ${r.id} v${r.version}: ${detail}`);
  }
  return { ...toReportSummary(row), document };
}

const AgencyRowSchema = v.object({
  id: v.string(),
  name_zh: v.string(),
  name_bo: optionalText,
  level: v.picklist(ADMIN_LEVELS),
  parent_id: optionalText,
  created_at: timeColumn,
});
export const AGENCY_COLUMNS = 'id, name_zh, name_bo, level, parent_id, created_at';

export function toAgency(row: unknown): Agency {
  const r = parseRow(AgencyRowSchema, 'agencies', row);
  const agency: Agency = { id: r.id, nameZh: r.name_zh, level: r.level, createdAt: r.created_at };
  if (r.name_bo !== undefined) agency.nameBo = r.name_bo;
  if (r.parent_id !== undefined) agency.parentId = r.parent_id;
  return agency;
}

/** The agency columns prefixed `a_`, for joins with users. */
export const AGENCY_JOIN_COLUMNS =
  'a.id AS a_id, a.name_zh AS a_name_zh, a.name_bo AS a_name_bo, a.level AS a_level, a.parent_id AS a_parent_id, a.created_at AS a_created_at';

/** The agency of a joined row (columns a_*). */
export function toJoinedAgency(row: unknown): Agency {
  const r = parseRow(v.record(v.string(), v.unknown()), 'agencies', row);
  const unprefixed = Object.fromEntries(
    Object.entries(r).filter(([k]) => k.startsWith('a_')).map(([k, value]) => [k.slice(2), value]),
  );
  return toAgency(unprefixed);
}

const UserRowSchema = v.object({
  id: intColumn,
  username: v.string(),
  agency_id: v.string(),
  role: v.picklist(ROLES),
  created_at: timeColumn,
});
export const USER_COLUMNS = 'u.id, u.username, u.agency_id, u.role, u.created_at';

export function toUser(row: unknown): User {
  const r = parseRow(UserRowSchema, 'users', row);
  return { id: r.id, username: r.username, agencyId: r.agency_id, role: r.role, createdAt: r.created_at };
}

const DraftRowSchema = v.object({
  id: v.string(),
  agency_id: v.string(),
  report_id: v.string(),
  year: intColumn,
  template: v.picklist(TEMPLATE_IDS),
  source: v.picklist(DRAFT_SOURCES),
  previous_report_id: optionalText,
  created_at: timeColumn,
  created_by: optionalInt,
  published_version: optionalInt,
});
/** Draft columns with the latest published version of its report id. */
export const DRAFT_COLUMNS = `d.id, d.agency_id, d.report_id, d.year, d.template, d.source, d.previous_report_id,
  d.created_at, d.created_by, (SELECT MAX(version) FROM reports r WHERE r.id = d.report_id) AS published_version`;

export function toDraft(row: unknown): DraftSummary {
  const r = parseRow(DraftRowSchema, 'drafts', row);
  const draft: DraftSummary = {
    id: r.id,
    agencyId: r.agency_id,
    reportId: r.report_id,
    year: r.year,
    template: r.template,
    source: r.source,
    createdAt: r.created_at,
  };
  if (r.previous_report_id !== undefined) draft.previousReportId = r.previous_report_id;
  if (r.created_by !== undefined) draft.createdBy = r.created_by;
  if (r.published_version !== undefined) draft.publishedVersion = r.published_version;
  return draft;
}

const ConflictRowSchema = v.object({
  id: v.string(),
  draft_id: v.string(),
  field: v.string(),
  mine: v.string(),
  mine_client_id: v.string(),
  theirs: v.string(),
  theirs_rev: intColumn,
  created_at: timeColumn,
});
export const CONFLICT_COLUMNS = 'id, draft_id, field, mine, mine_client_id, theirs, theirs_rev, created_at';

export function toConflict(row: unknown): StoredConflict {
  const r = parseRow(ConflictRowSchema, 'conflicts', row);
  return {
    id: r.id,
    draftId: r.draft_id,
    field: r.field,
    mine: readFieldValue(r.mine, 'conflicts'),
    mineClientId: r.mine_client_id,
    theirs: readFieldValue(r.theirs, 'conflicts'),
    theirsRev: r.theirs_rev,
    createdAt: r.created_at,
  };
}

const HistoryRowSchema = v.object({
  cursor: intColumn,
  field: v.string(),
  old_value: v.nullable(v.string()),
  new_value: v.string(),
  rev: intColumn,
  at: timeColumn,
  client_id: v.string(),
  seq: intColumn,
  user_id: optionalInt,
  username: optionalText,
});

export function toHistoryEntry(row: unknown): HistoryEntry {
  const r = parseRow(HistoryRowSchema, 'field_writes', row);
  return {
    cursor: r.cursor,
    field: r.field,
    old: r.old_value === null ? undefined : readFieldValue(r.old_value, 'field_writes'),
    value: readFieldValue(r.new_value, 'field_writes'),
    rev: r.rev,
    at: r.at,
    clientId: r.client_id,
    seq: r.seq,
    ...(r.user_id !== undefined && r.username !== undefined ? { user: { id: r.user_id, username: r.username } } : {}),
  };
}

/** JSON text of a field value, as stored. */
export function fieldJson(value: FieldValue): string {
  return JSON.stringify(value);
}
