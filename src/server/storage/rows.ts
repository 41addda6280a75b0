/**
 * Rows on their way out of either database, checked like any other input. SQLite hands back
 * numbers and ISO text; PostgreSQL hands back BIGINT as text and TIMESTAMPTZ as Date: both become
 * the same values here. Field values and acks are stored as JSON text in both.
 */
import * as v from 'valibot';
import type { FieldValue } from '../../report/fields.ts';
import type { KeyFigure } from '../../report/key-figures.ts';
import { ADMIN_LEVELS, type ReportDocument } from '../../report/model.ts';
import { parseReportJson } from '../../report/schema.ts';
import { isTemplateId, TEMPLATE_IDS } from '../../report/templates/index.ts';
import { FieldKeySchema, type Ack } from '../../contract/sync.ts';
import { ACCOUNT_ACTIONS, ROLES, type Account, type AccountAuditEntry, type Agency, type Credentials, type SessionRecord, type User } from './sections/accounts.ts';
import { DRAFT_SOURCES, type DraftSummary, type HistoryEntry, type StoredConflict } from './sections/drafts.ts';
import type { SubtreeDraft, SubtreeReport } from './sections/hierarchy.ts';
import type { PublishedReport, ReportDigest, ReportSummaryRow } from './sections/reports.ts';
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
  agency_id: optionalText,
});
const DocumentRowSchema = v.object({ ...SummaryRowSchema.entries, document: v.string() });

/** The columns toSummary reads from `reports`. */
export const REPORT_SUMMARY_COLUMNS = 'id, version, agency_zh, agency_bo, level, year, template, etag, published_at, note, agency_id';

/** REPORT_SUMMARY_COLUMNS of the table aliased `alias`, for joins. */
export function reportSummaryColumns(alias: string): string {
  return REPORT_SUMMARY_COLUMNS.split(', ').map((column) => `${alias}.${column}`).join(', ');
}

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
  if (r.agency_id !== undefined) summary.agencyId = r.agency_id;
  return summary;
}

const figure = v.nullable(v.number());
const FiguresSchema = v.object({ received: figure, results: figure, review: figure, lawsuits: figure, disclosed: figure } satisfies Record<KeyFigure, unknown>);
const DigestRowSchema = v.object({ digest_errors: v.nullable(intColumn), digest_warnings: v.nullable(intColumn), digest_figures: v.nullable(v.string()) });
/** The report_digests columns joined as `d`, prefixed `digest_`. */
export const DIGEST_JOIN_COLUMNS = 'd.errors AS digest_errors, d.warnings AS digest_warnings, d.figures AS digest_figures';

/** The digest of a row joined with report_digests (DIGEST_JOIN_COLUMNS), or undefined when it has none. */
export function toDigest(row: unknown): ReportDigest | undefined {
  const r = parseRow(DigestRowSchema, 'report_digests', row);
  if (r.digest_errors === null || r.digest_warnings === null || r.digest_figures === null) return undefined;
  let figures: unknown;
  try {
    figures = JSON.parse(r.digest_figures);
  } catch {
    throw new StorageError('corrupt_row', 'report_digests: figures is not JSON');
  }
  return { errors: r.digest_errors, warnings: r.digest_warnings, figures: parseRow(FiguresSchema, 'report_digests', figures) };
}

/** A report row of an agency's, joined with its digest (DIGEST_JOIN_COLUMNS). */
export function toSubtreeReport(row: unknown): SubtreeReport {
  const summary = toReportSummary(row);
  if (summary.agencyId === undefined) throw new StorageError('corrupt_row', `reports ${summary.id}: no agency_id`);
  const digest = toDigest(row);
  return { ...summary, agencyId: summary.agencyId, ...(digest === undefined ? {} : { digest }) };
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
const AGENCY_JOIN_COLUMNS =
  'a.id AS a_id, a.name_zh AS a_name_zh, a.name_bo AS a_name_bo, a.level AS a_level, a.parent_id AS a_parent_id, a.created_at AS a_created_at';

/** The agency of a joined row (columns a_*). */
function toJoinedAgency(row: unknown): Agency {
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

/** A flag column: 0/1 (SQLite) or a BOOLEAN (PostgreSQL). */
const flagColumn = v.pipe(v.union([v.boolean(), v.picklist([0, 1])]), v.transform((x) => x === true || x === 1));
const AccountRowSchema = v.object({
  disabled_at: v.nullish(timeColumn),
  must_change_password: flagColumn,
  last_sign_in_at: v.nullish(timeColumn),
});
/** USER_COLUMNS and what an admin sees of an account. */
export const ACCOUNT_COLUMNS = `${USER_COLUMNS}, u.disabled_at, u.must_change_password, u.last_sign_in_at`;

export function toAccount(row: unknown): Account {
  const r = parseRow(AccountRowSchema, 'users', row);
  return {
    ...toUser(row),
    disabled: r.disabled_at !== null && r.disabled_at !== undefined,
    mustChangePassword: r.must_change_password,
    ...(r.last_sign_in_at === null || r.last_sign_in_at === undefined ? {} : { lastSignInAt: r.last_sign_in_at }),
  };
}

/** A row of ACCOUNT_COLUMNS and u.password_hash. */
export function toCredentials(row: unknown): Credentials {
  const account = toAccount(row);
  const { password_hash: passwordHash } = parseRow(v.object({ password_hash: v.string() }), 'users', row);
  return { user: toUser(row), passwordHash, disabled: account.disabled, mustChangePassword: account.mustChangePassword };
}

/** A session with its user and agency; SESSION_FROM names the tables as `s`, `u` and `a`. */
export const SESSION_COLUMNS = `${USER_COLUMNS}, u.must_change_password, s.expires_at, ${AGENCY_JOIN_COLUMNS}`;
export const SESSION_FROM = 'sessions s JOIN users u ON u.id = s.user_id JOIN agencies a ON a.id = u.agency_id';

const SessionRowSchema = v.object({ must_change_password: flagColumn, expires_at: timeColumn });

/** A row of SESSION_COLUMNS. */
export function toSession(row: unknown): SessionRecord {
  const r = parseRow(SessionRowSchema, 'sessions', row);
  return { user: toUser(row), agency: toJoinedAgency(row), expiresAt: r.expires_at, mustChangePassword: r.must_change_password };
}

const AuditRowSchema = v.object({
  id: intColumn,
  at: timeColumn,
  actor: v.string(),
  action: v.picklist(ACCOUNT_ACTIONS),
  user_id: intColumn,
  username: v.string(),
  agency_id: v.string(),
  role: v.nullish(v.picklist(ROLES)),
  role_before: v.nullish(v.picklist(ROLES)),
});
export const AUDIT_COLUMNS = 'id, at, actor, action, user_id, username, agency_id, role, role_before';

export function toAuditEntry(row: unknown): AccountAuditEntry {
  const r = parseRow(AuditRowSchema, 'account_audit', row);
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    userId: r.user_id,
    username: r.username,
    agencyId: r.agency_id,
    ...(r.role === null || r.role === undefined ? {} : { role: r.role }),
    ...(r.role_before === null || r.role_before === undefined ? {} : { roleBefore: r.role_before }),
  };
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

/** The latest version of the report `id` if it is of `year`, as `<id>@<version>` (SQLite and PostgreSQL alike). */
const versionOf = (id: string, year: string): string =>
  `(SELECT p.id || '@' || p.version FROM reports p WHERE p.id = ${id} AND p.year = ${year} ORDER BY p.version DESC LIMIT 1)`;

/**
 * A subtree's draft row beside DRAFT_COLUMNS (drafts `d`, draft_digests joined as `g`): its head
 * (the cursor of its last field write), its basis (the previous-year report its findings are
 * checked against, chosen as oversight/findings-cache.ts chooses it: the one it started from,
 * else `<agency>-<year-1>`; '' when neither is published) and its stored digest.
 */
export const SUBTREE_DRAFT_COLUMNS = `(SELECT MAX(cursor) FROM field_writes w WHERE w.draft_id = d.id) AS head,
  COALESCE(${versionOf('d.previous_report_id', 'd.year - 1')}, ${versionOf("d.agency_id || '-' || (d.year - 1)", 'd.year - 1')}, '') AS basis,
  g.head AS digest_head, g.basis AS digest_basis, g.errors AS digest_errors, g.warnings AS digest_warnings`;
/**
 * When a draft digest being stored (`excluded`) replaces the stored one: at a later head, or at
 * the same head counted against another previous-year report (its basis). A head only grows; a
 * basis has no order, so of two processes counting the same head the last one stays, and should
 * that be the older basis, the next answer sees it is not the draft's and counts again.
 */
export const LATER_DIGEST = 'excluded.head > draft_digests.head OR (excluded.head = draft_digests.head AND excluded.basis <> draft_digests.basis)';
const SubtreeDraftRowSchema = v.object({
  head: v.nullable(intColumn),
  basis: v.string(),
  digest_basis: v.nullable(v.string()),
  digest_head: v.nullable(intColumn),
  digest_errors: v.nullable(intColumn),
  digest_warnings: v.nullable(intColumn),
});

export function toSubtreeDraft(row: unknown): SubtreeDraft {
  const r = parseRow(SubtreeDraftRowSchema, 'draft_digests', row);
  const draft: SubtreeDraft = { ...toDraft(row), head: r.head ?? 0, basis: r.basis };
  if (r.digest_head !== null && r.digest_basis !== null && r.digest_errors !== null && r.digest_warnings !== null) {
    draft.digest = { head: r.digest_head, basis: r.digest_basis, errors: r.digest_errors, warnings: r.digest_warnings };
  }
  return draft;
}

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
  field: FieldKeySchema,
  mine: v.string(),
  mine_client_id: v.string(),
  mine_by: optionalText,
  theirs: v.string(),
  theirs_rev: intColumn,
  theirs_client_id: optionalText,
  theirs_by: optionalText,
  theirs_at: v.pipe(v.nullish(timeColumn), v.transform((x) => x ?? undefined)),
  created_at: timeColumn,
});

/**
 * Open conflicts with who made each side and when: "mine" is the push that met the conflict (its
 * user, at the conflict's creation); "theirs" is the write of `theirs_rev` in the audit history.
 * Use as `SELECT ${CONFLICT_COLUMNS} FROM ${CONFLICT_FROM} WHERE c.… `; the same SQL on both databases.
 */
export const CONFLICT_COLUMNS = `c.id, c.draft_id, c.field, c.mine, c.mine_client_id, mu.username AS mine_by, c.theirs, c.theirs_rev,
  tw.client_id AS theirs_client_id, tu.username AS theirs_by, tw.at AS theirs_at, c.created_at`;
export const CONFLICT_FROM = `conflicts c
  LEFT JOIN users mu ON mu.id = c.user_id
  LEFT JOIN field_writes tw ON tw.cursor = (
    SELECT MAX(w.cursor) FROM field_writes w WHERE w.draft_id = c.draft_id AND w.field = c.field AND w.rev = c.theirs_rev)
  LEFT JOIN users tu ON tu.id = tw.user_id`;

export function toConflict(row: unknown): StoredConflict {
  const r = parseRow(ConflictRowSchema, 'conflicts', row);
  const conflict: StoredConflict = {
    id: r.id,
    draftId: r.draft_id,
    field: r.field,
    mine: readFieldValue(r.mine, 'conflicts'),
    mineClientId: r.mine_client_id,
    theirs: readFieldValue(r.theirs, 'conflicts'),
    theirsRev: r.theirs_rev,
    createdAt: r.created_at,
  };
  if (r.mine_by !== undefined) conflict.mineBy = r.mine_by;
  if (r.theirs_client_id !== undefined) conflict.theirsClientId = r.theirs_client_id;
  if (r.theirs_by !== undefined) conflict.theirsBy = r.theirs_by;
  if (r.theirs_at !== undefined) conflict.theirsAt = r.theirs_at;
  return conflict;
}

const HistoryRowSchema = v.object({
  cursor: intColumn,
  field: FieldKeySchema,
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

/**
 * A new draft's template must be a registered one. The database no longer checks it (migration
 * 009 dropped 003's CHECK naming '2019' and '2021'), so a new template is a data change only.
 */
export function checkDraftTemplate(draft: { template: string }): void {
  if (!isTemplateId(draft.template)) throw new StorageError('invalid_document', `unknown template ${draft.template}`);
}
