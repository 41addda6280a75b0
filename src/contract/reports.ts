/**
 * The read API of published reports (`/api/reports…`): what the server sends and what the reader,
 * the kiosk and the service worker check downloads against.
 */
import * as v from 'valibot';
import { ADMIN_LEVELS } from '../report/model.ts';
import { ReportDocumentSchema } from '../report/schema.ts';
import { TEMPLATE_IDS } from '../report/templates/index.ts';
import { ReportIdSchema } from './common.ts';

export { ReportIdSchema };

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
