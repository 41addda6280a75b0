/**
 * The read API's wire format: what `GET /api/reports` and `GET /api/reports/:id` return, and the
 * error body every route uses. Pure (valibot only, no Node): the app may import these schemas to
 * check what it downloads.
 */
import * as v from 'valibot';
import { ADMIN_LEVELS } from '../report/model.ts';
import { ReportDocumentSchema } from '../report/schema.ts';
import { TEMPLATE_IDS } from '../report/templates/index.ts';

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
  report: ReportDocumentSchema,
});
export type ReportResponse = v.InferOutput<typeof ReportResponseSchema>;

/** Codes of the JSON errors; the app turns them into zh/bo messages. */
export type ApiErrorCode =
  | 'report_not_found'
  | 'invalid_report_id'
  | 'not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'internal_error';

/** The body of every error response. `message` is English for logs and curl, not for the UI. */
export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string };
}
