/**
 * The county office's wire format (issue 13): `GET /api/oversight` (each agency of a subtree for a
 * year: status, deadline, findings), `GET /api/oversight/figures` (key figures side by side with
 * last year's) and `GET /api/oversight/findings` (one agency's findings). The app checks what it
 * downloads against these. Documented in src/server/API.md.
 */
import * as v from 'valibot';
import type { KeyFigure } from '../report/key-figures.ts';
import { ADMIN_LEVELS } from '../report/model.ts';
import { TEMPLATE_IDS } from '../report/templates/index.ts';
import { FindingSchema } from '../report/validate/types.ts';
import { AgencyIdSchema, ReportIdSchema } from './common.ts';

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const date = v.pipe(v.string(), v.isoDate());
const timestamp = v.pipe(v.string(), v.isoTimestamp());

/** An agency as oversight lists it. */
export const OversightAgencySchema = v.strictObject({
  id: AgencyIdSchema,
  zh: v.string(),
  bo: v.optional(v.string()),
  level: v.picklist(ADMIN_LEVELS),
  parentId: v.nullable(AgencyIdSchema),
});
export type OversightAgency = v.InferOutput<typeof OversightAgencySchema>;

export const OVERSIGHT_STATUSES = ['none', 'drafting', 'published'] as const;
export type OversightStatus = (typeof OVERSIGHT_STATUSES)[number];

/** One agency's report for the year: where it stands. */
export const OversightRowSchema = v.strictObject({
  agency: OversightAgencySchema,
  /** 0 for the agency asked about, 1 for the agencies directly below it, and so on. */
  depth: count,
  status: v.picklist(OVERSIGHT_STATUSES),
  /** The published report (`<agency>-<year>`), when there is one. */
  reportId: v.nullable(ReportIdSchema),
  version: v.nullable(v.pipe(count, v.minValue(1))),
  /** The year's draft, when there is one (also beside a published report: a correction under way). */
  draftId: v.nullable(v.string()),
  publishedAt: v.nullable(timestamp),
  /** 条例第四十九条 (src/report/deadline.ts), a Beijing date. */
  deadline: date,
  /** Published after the deadline, or not published and the deadline has passed. */
  late: v.boolean(),
  /** Not published, at most 7 days left. */
  atRisk: v.boolean(),
  /** Of the published version, else of the draft; none without either. */
  findings: v.strictObject({ error: count, warning: count }),
});
export type OversightRow = v.InferOutput<typeof OversightRowSchema>;

/** `GET /api/oversight?year=YYYY[&agency=ID]`. */
export const OversightResponseSchema = v.strictObject({
  agency: OversightAgencySchema,
  year: v.pipe(v.number(), v.integer()),
  /** The server's Beijing date the deadlines were judged on. */
  today: date,
  rows: v.array(OversightRowSchema),
});
export type OversightResponse = v.InferOutput<typeof OversightResponseSchema>;

const figure = v.nullable(v.number());
export const KeyFiguresSchema = v.strictObject({
  received: figure,
  results: figure,
  review: figure,
  lawsuits: figure,
  disclosed: figure,
} satisfies Record<KeyFigure, unknown>);

/** `GET /api/oversight/figures?year=YYYY[&agency=ID]`: each agency's key figures and last year's. */
export const OversightFiguresSchema = v.strictObject({
  agency: OversightAgencySchema,
  year: v.pipe(v.number(), v.integer()),
  rows: v.array(
    v.strictObject({
      agencyId: AgencyIdSchema,
      /** Of the published report of the year; null when there is none. */
      figures: v.nullable(KeyFiguresSchema),
      previous: v.nullable(KeyFiguresSchema),
    }),
  ),
  /** Sums over the agencies with a published report (a blank figure adds nothing), and how many there are. */
  sums: v.strictObject({ figures: KeyFiguresSchema, previous: KeyFiguresSchema, reports: count, previousReports: count }),
});
export type OversightFigures = v.InferOutput<typeof OversightFiguresSchema>;

/** `GET /api/oversight/findings?agency=ID&year=YYYY`: the findings of one agency's report or draft. */
export const OversightFindingsSchema = v.strictObject({
  agencyId: AgencyIdSchema,
  year: v.pipe(v.number(), v.integer()),
  /** What was checked: the published version, else the draft, else nothing. */
  source: v.picklist(['report', 'draft', 'none']),
  reportId: v.nullable(ReportIdSchema),
  draftId: v.nullable(v.string()),
  /** The template the cells belong to (for their labels), when there is a report or draft. */
  template: v.nullable(v.picklist(TEMPLATE_IDS)),
  findings: v.array(FindingSchema),
});
export type OversightFindings = v.InferOutput<typeof OversightFindingsSchema>;
