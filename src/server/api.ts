/**
 * The API's wire format: the read API of published reports, the error body every route uses, then
 * auth, drafts, sync and publishing. Request schemas are what the server checks bodies against
 * (strict: an unknown key is refused); response schemas are what the app may check downloads
 * against. Pure (valibot and the domain, no Node). Documented in API.md.
 */
import * as v from 'valibot';
import { ADMIN_LEVELS } from '../report/model.ts';
import { MAX_REPORT_YEAR, MIN_REPORT_YEAR, ReportDocumentSchema } from '../report/schema.ts';
import { TEMPLATE_IDS } from '../report/templates/index.ts';
import type { Finding } from '../report/validate/types.ts';


/** A report id as it may appear in a URL: lower-case letters, digits and '-', at most 64. */
export const ReportIdSchema = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/u, 'a report id is 1–64 of a-z, 0-9 and -, starting with a letter or digit'),
);

/** One published report in the index: enough to list it without downloading it. */
export const ReportSummarySchema = v.strictObject({
  id: ReportIdSchema,
  /** Published version, 1 and up; a new publication of the same id gets the next one. */
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  agency: v.strictObject({ zh: v.string(), bo: v.optional(v.string()) }),
  level: v.picklist(ADMIN_LEVELS),
  year: v.pipe(v.number(), v.integer()),
  template: v.picklist(TEMPLATE_IDS),
  /** When this version was published (ISO 8601, UTC). */
  updatedAt: v.pipe(v.string(), v.isoTimestamp()),
  /** Why this version corrects the one before; absent for a first publication. */
  note: v.optional(v.string()),
});
export type ReportSummary = v.InferOutput<typeof ReportSummarySchema>;

/** `GET /api/reports`: the latest version of every report, by agency (zh collation) then year, newest first. */
export const ReportIndexSchema = v.strictObject({ reports: v.array(ReportSummarySchema) });
export type ReportIndex = v.InferOutput<typeof ReportIndexSchema>;

/**
 * `GET /api/reports/:id`: the latest version of one report. The document is kept whole under
 * `report` (it is the Lotho report JSON, strict schema) and the envelope says which version it is.
 */
export const ReportResponseSchema = v.strictObject({
  id: ReportIdSchema,
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  updatedAt: v.pipe(v.string(), v.isoTimestamp()),
  note: v.optional(v.string()),
  report: ReportDocumentSchema,
});
export type ReportResponse = v.InferOutput<typeof ReportResponseSchema>;

/** `GET /api/reports/:id/versions`: every published version of a report, oldest first. */
export const ReportVersionsSchema = v.strictObject({ versions: v.array(ReportSummarySchema) });
export type ReportVersions = v.InferOutput<typeof ReportVersionsSchema>;

/** Codes of the JSON errors; the app turns them into zh/bo messages. */
export type ApiErrorCode =
  | 'report_not_found'
  | 'invalid_report_id'
  | 'not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'internal_error'
  | 'unauthenticated'
  | 'forbidden'
  | 'invalid_credentials'
  | 'too_many_attempts'
  | 'unsupported_media_type'
  | 'invalid_json'
  | 'invalid_body'
  | 'invalid_field'
  | 'invalid_document'
  | 'invalid_query'
  | 'agency_mismatch'
  | 'draft_not_found'
  | 'draft_exists'
  | 'unresolved_conflicts'
  | 'publish_blocked'
  | 'warnings_unacknowledged'
  | 'note_required';

/**
 * The body of every error response. `message` is English for logs and curl, not for the UI.
 * `field` names the field a 422 is about; `findings` are the validator's (publish refused).
 */
export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; field?: string; findings?: Finding[] };
}

const ROLE_NAMES = ['editor', 'publisher', 'admin'] as const;
const int = v.pipe(v.number(), v.integer());
const timestamp = v.pipe(v.string(), v.isoTimestamp());
const fieldValue = v.union([v.string(), v.number(), v.boolean(), v.null()]);

/** An agency id: a slug that prefixes its report ids (`<agency>-<year>`). */
export const AgencyIdSchema = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9][a-z0-9-]{0,47}$/u, 'an agency id is 1–48 of a-z, 0-9 and -, starting with a letter or digit'),
);

/** A username: lower-case letters, digits, `.`, `_` and `-`, 2–64. */
export const UsernameSchema = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9][a-z0-9._-]{1,63}$/u, 'a username is 2–64 of a-z, 0-9, ".", "_" and "-"'),
);

// ---- auth

/** `POST /api/auth/login`. The username is compared in lower case. */
export const LoginRequestSchema = v.strictObject({
  username: v.pipe(v.string(), v.minLength(1, 'username is empty'), v.maxLength(64, 'username is too long')),
  password: v.pipe(v.string(), v.minLength(1, 'password is empty'), v.maxLength(1024, 'password is too long')),
});

export const ApiUserSchema = v.strictObject({
  id: int,
  username: v.string(),
  role: v.picklist(ROLE_NAMES),
  agency: v.strictObject({
    id: v.string(),
    zh: v.string(),
    bo: v.optional(v.string()),
    level: v.picklist(ADMIN_LEVELS),
    parentId: v.optional(v.string()),
  }),
});
export type ApiUser = v.InferOutput<typeof ApiUserSchema>;

/** `POST /api/auth/login` → 200. The token is also set as the `lotho_session` cookie. */
export const LoginResponseSchema = v.strictObject({ user: ApiUserSchema, token: v.string(), expiresAt: timestamp });
export type LoginResponse = v.InferOutput<typeof LoginResponseSchema>;

/** `GET /api/auth/me`. */
export const MeResponseSchema = v.strictObject({ user: ApiUserSchema, expiresAt: timestamp });
export type MeResponse = v.InferOutput<typeof MeResponseSchema>;

// ---- drafts

/** `POST /api/drafts`: from a blank template, from a published report of the agency, or from a document. */
export const NewDraftRequestSchema = v.variant('from', [
  v.strictObject({
    from: v.literal('blank'),
    template: v.picklist(TEMPLATE_IDS),
    year: v.pipe(int, v.minValue(MIN_REPORT_YEAR), v.maxValue(MAX_REPORT_YEAR)),
  }),
  /** Without reportId: the agency's latest published report. The draft is for the year after it. */
  v.strictObject({ from: v.literal('previous'), reportId: v.optional(ReportIdSchema) }),
  /** A report document (the Lotho report JSON), e.g. imported in the browser from a Word file. */
  v.strictObject({ from: v.literal('document'), document: v.unknown() }),
]);
export type NewDraftRequest = v.InferOutput<typeof NewDraftRequestSchema>;

export const DraftSummarySchema = v.strictObject({
  id: v.string(),
  agencyId: v.string(),
  reportId: v.string(),
  year: int,
  template: v.picklist(TEMPLATE_IDS),
  source: v.picklist(['blank', 'previous', 'document']),
  previousReportId: v.optional(v.string()),
  createdAt: timestamp,
  /** Latest published version of reportId, or null when not published yet. */
  publishedVersion: v.nullable(int),
});
export type DraftSummaryWire = v.InferOutput<typeof DraftSummarySchema>;

/** `GET /api/drafts`. */
export const DraftListSchema = v.strictObject({ drafts: v.array(DraftSummarySchema) });
export type DraftList = v.InferOutput<typeof DraftListSchema>;

export const ConflictSchema = v.strictObject({
  id: v.string(),
  draftId: v.string(),
  field: v.string(),
  mine: fieldValue,
  mineClientId: v.string(),
  theirs: fieldValue,
  theirsRev: int,
  createdAt: timestamp,
});
export type ConflictWire = v.InferOutput<typeof ConflictSchema>;

/** `GET /api/drafts/:id` and `POST /api/drafts` → 201: every field with its revision. */
export const DraftResponseSchema = v.strictObject({
  draft: v.strictObject({
    ...DraftSummarySchema.entries,
    fields: v.record(v.string(), v.strictObject({ value: fieldValue, rev: int })),
    conflicts: v.array(ConflictSchema),
    /** Pull from here to get every change after this snapshot. */
    cursor: int,
  }),
});
export type DraftResponse = v.InferOutput<typeof DraftResponseSchema>;

/** `GET /api/drafts/:id/history`: field writes, oldest first. `old` is absent for a new field. */
export const HistoryResponseSchema = v.strictObject({
  entries: v.array(
    v.strictObject({
      cursor: int,
      field: v.string(),
      old: v.optional(fieldValue),
      value: fieldValue,
      rev: int,
      at: timestamp,
      /** `~server` for the draft's creation. */
      clientId: v.string(),
      seq: int,
      user: v.nullable(v.strictObject({ id: int, username: v.string() })),
    }),
  ),
  /** Ask again with `after=next` for more; null at the end. */
  next: v.nullable(int),
});
export type HistoryResponse = v.InferOutput<typeof HistoryResponseSchema>;

// ---- sync

/** `POST /api/sync/push` → 200: one ack per mutation, in order (the request is sync/protocol.ts's). */
export const PushResponseSchema = v.strictObject({
  acks: v.array(
    v.variant('status', [
      v.strictObject({ clientId: v.string(), seq: int, status: v.literal('applied'), rev: int }),
      v.strictObject({ clientId: v.string(), seq: int, status: v.literal('conflict'), rev: int, conflictId: v.string(), theirs: fieldValue }),
    ]),
  ),
});
export type PushResponse = v.InferOutput<typeof PushResponseSchema>;

/** `GET /api/sync/pull?cursor=N`: changes of the agency's drafts after N, and their open conflicts. */
export const PullResponseSchema = v.strictObject({
  changes: v.array(v.strictObject({ draftId: v.string(), field: v.string(), value: fieldValue, rev: int, cursor: int })),
  conflicts: v.array(ConflictSchema),
  cursor: int,
  /** True when the page was full: pull again from `cursor`. */
  more: v.boolean(),
});
export type PullResponse = v.InferOutput<typeof PullResponseSchema>;

// ---- publishing

/** Longest correction note. */
export const MAX_NOTE = 2_000;

/** `POST /api/drafts/:id/publish` (publisher or admin). A correction (version 2 and up) needs a note. */
export const PublishRequestSchema = v.strictObject({
  acknowledgeWarnings: v.boolean(),
  note: v.optional(
    v.pipe(v.string(), v.trim(), v.minLength(1, 'note is empty'), v.maxLength(MAX_NOTE, `note is longer than ${MAX_NOTE} characters`)),
  ),
});
export type PublishRequest = v.InferOutput<typeof PublishRequestSchema>;

const FindingSchema = v.strictObject({
  rule: v.string(),
  severity: v.picklist(['error', 'warning']),
  cells: v.array(v.string()),
  params: v.record(v.string(), v.union([v.string(), v.number()])),
});

/** `POST /api/drafts/:id/publish` → 201: the new immutable version and the acknowledged warnings. */
export const PublishResponseSchema = v.strictObject({
  report: v.strictObject({ id: ReportIdSchema, version: int, publishedAt: timestamp, note: v.optional(v.string()) }),
  warnings: v.array(FindingSchema),
});
export type PublishResponse = v.InferOutput<typeof PublishResponseSchema>;
