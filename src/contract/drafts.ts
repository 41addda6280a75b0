/** Drafts (`/api/drafts…`): creating one, reading one, its history, and publishing it. */
import * as v from 'valibot';
import { MAX_REPORT_YEAR, MIN_REPORT_YEAR } from '../report/schema.ts';
import { TEMPLATE_IDS } from '../report/templates/index.ts';
import { FindingSchema } from './errors.ts';
import { IntSchema, ReportIdSchema, TimestampSchema } from './common.ts';
import { FieldKeySchema, FieldValueSchema } from './fields.ts';
import { ConflictSchema, FieldStateSchema, SyncIdSchema } from './sync.ts';

export const DRAFT_SOURCES = ['blank', 'previous', 'document'] as const;

/**
 * The draft's id, chosen by the device that made it (a draft created offline): the server takes
 * it, and a second request with the same id answers the draft already made (200), never a twin.
 */
const clientId = { id: v.optional(SyncIdSchema) };

/** `POST /api/drafts`: from a blank template, from a published report of the agency, or from a document. */
export const NewDraftRequestSchema = v.variant('from', [
  v.strictObject({
    from: v.literal('blank'),
    template: v.picklist(TEMPLATE_IDS),
    year: v.pipe(IntSchema, v.minValue(MIN_REPORT_YEAR), v.maxValue(MAX_REPORT_YEAR)),
    ...clientId,
  }),
  /** Without reportId: the agency's latest published report. The draft is for the year after it. */
  v.strictObject({ from: v.literal('previous'), reportId: v.optional(ReportIdSchema), ...clientId }),
  /**
   * A report document (the Lotho report JSON): imported in the browser from a Word file, or a
   * draft made on a device offline, which says how it was made (`source`, default `document`) and,
   * when it carried last year's report over, which one (`previousReportId`, the agency's).
   */
  v.strictObject({
    from: v.literal('document'),
    document: v.unknown(),
    source: v.optional(v.picklist(DRAFT_SOURCES)),
    previousReportId: v.optional(ReportIdSchema),
    ...clientId,
  }),
]);
export type NewDraftRequest = v.InferOutput<typeof NewDraftRequestSchema>;

export const DraftSummarySchema = v.strictObject({
  id: v.string(),
  agencyId: v.string(),
  reportId: v.string(),
  year: IntSchema,
  template: v.picklist(TEMPLATE_IDS),
  source: v.picklist(DRAFT_SOURCES),
  previousReportId: v.optional(v.string()),
  createdAt: TimestampSchema,
  /** Latest published version of reportId, or null when not published yet. */
  publishedVersion: v.nullable(IntSchema),
});
export type DraftSummaryWire = v.InferOutput<typeof DraftSummarySchema>;

/** `GET /api/drafts`. */
export const DraftListSchema = v.strictObject({ drafts: v.array(DraftSummarySchema) });
export type DraftList = v.InferOutput<typeof DraftListSchema>;

/** `GET /api/drafts/:id` and `POST /api/drafts` → 201: every field with its revision. */
export const DraftResponseSchema = v.strictObject({
  draft: v.strictObject({
    ...DraftSummarySchema.entries,
    fields: v.record(FieldKeySchema, FieldStateSchema),
    conflicts: v.array(ConflictSchema),
    /** Pull from here to get every change after this snapshot. */
    cursor: IntSchema,
  }),
});
export type DraftResponse = v.InferOutput<typeof DraftResponseSchema>;

/** `GET /api/drafts/:id/history`: field writes, oldest first. `old` is absent for a new field. */
export const HistoryResponseSchema = v.strictObject({
  entries: v.array(
    v.strictObject({
      cursor: IntSchema,
      field: FieldKeySchema,
      old: v.optional(FieldValueSchema),
      value: FieldValueSchema,
      rev: IntSchema,
      at: TimestampSchema,
      /** `~server` for the draft's creation. */
      clientId: v.string(),
      seq: IntSchema,
      user: v.nullable(v.strictObject({ id: IntSchema, username: v.string() })),
    }),
  ),
  /** Ask again with `after=next` for more; null at the end. */
  next: v.nullable(IntSchema),
});
export type HistoryResponse = v.InferOutput<typeof HistoryResponseSchema>;

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

/** `POST /api/drafts/:id/publish` → 201: the new immutable version and the acknowledged warnings. */
export const PublishResponseSchema = v.strictObject({
  report: v.strictObject({ id: ReportIdSchema, version: IntSchema, publishedAt: TimestampSchema, note: v.optional(v.string()) }),
  warnings: v.array(FindingSchema),
});
export type PublishResponse = v.InferOutput<typeof PublishResponseSchema>;
