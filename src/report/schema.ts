/**
 * The schema of a Lotho report JSON file (`ReportDocument`, model.ts): what `toReportJson` writes
 * and what the importer, the server and IndexedDB accept back. Everything that crosses a boundary
 * as JSON goes through `parseReportJson`; nothing is trusted because it looks like a report.
 */
import * as v from 'valibot';
import { ADMIN_LEVELS, LANGS, type ReportDocument, type SectionKey } from './model.ts';
import { ImportError } from './import/types.ts';
import { cellSpec, getTemplate, TEMPLATE_IDS } from './templates/index.ts';
import { cellValueProblem, describeValueProblem, textValueProblem } from './values.ts';
import { isCalendarDate, isPlainReportShape, MAX_META_TEXT, MAX_REPORT_YEAR, MAX_TEXT_BLOCK, MIN_REPORT_YEAR } from './plain-shape.ts';

// The limits live with the hand-written check (plain-shape.ts), which must agree with the schema.
export { MAX_META_TEXT, MAX_REPORT_YEAR, MAX_TEXT_BLOCK, MIN_REPORT_YEAR };

const isoDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'),
  v.check(isCalendarDate, 'not a calendar date'),
);
const metaText = v.pipe(v.string(), v.maxLength(MAX_META_TEXT));
const nonEmptyMetaText = v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(MAX_META_TEXT));
const textBlock = v.pipe(v.string(), v.maxLength(MAX_TEXT_BLOCK, `longer than ${MAX_TEXT_BLOCK} characters`));

const bilingualText = v.strictObject({
  zh: v.optional(textBlock),
  bo: v.optional(textBlock),
  original: v.picklist(LANGS),
  translationReviewed: v.boolean(),
});

const meta = v.strictObject({
  agency: v.strictObject({ zh: nonEmptyMetaText, bo: v.optional(metaText) }),
  level: v.picklist(ADMIN_LEVELS),
  year: v.pipe(v.number(), v.integer(), v.minValue(MIN_REPORT_YEAR), v.maxValue(MAX_REPORT_YEAR)),
  template: v.picklist(TEMPLATE_IDS),
  period: v.optional(v.strictObject({ start: isoDate, end: isoDate })),
  publishedOn: v.optional(isoDate),
  address: v.optional(metaText),
  postcode: v.optional(metaText),
  phone: v.optional(metaText),
  email: v.optional(metaText),
  website: v.optional(metaText),
  notice: v.optional(metaText),
  declaredParts: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(99))),
});

const sections = v.strictObject({
  overview: v.optional(bilingualText),
  active: v.optional(bilingualText),
  requests: v.optional(bilingualText),
  appeals: v.optional(bilingualText),
  problems: v.optional(bilingualText),
  other: v.optional(bilingualText),
} satisfies Record<SectionKey, unknown>);

/** Any finite number (signs and decimals are the validator's business, R5) or null for blank (M1). */
const cellValue = v.nullable(v.pipe(v.number(), v.finite()));
const cellKeyText = v.pipe(v.string(), v.maxLength(100));

/** The structural schema of a report document; cell keys are checked against the template after it. */
export const ReportDocumentSchema = v.strictObject({
  schema: v.literal(1),
  id: nonEmptyMetaText,
  meta,
  preamble: v.optional(bilingualText),
  sections,
  cells: v.record(cellKeyText, cellValue),
  units: v.record(cellKeyText, v.pipe(v.string(), v.minLength(1), v.maxLength(20))),
});

// A schema change that no longer produces a ReportDocument must fail to compile here.
const assertOutput: (value: v.InferOutput<typeof ReportDocumentSchema>) => ReportDocument = (value) => value;

/** Every text of a document with its place (meta, prose, units), for the value policy. */
function textsOf(report: ReportDocument): [string, string][] {
  const texts: [string, string][] = [];
  const walk = (value: unknown, place: string): void => {
    if (typeof value === 'string') texts.push([place, value]);
    else if (typeof value === 'object' && value !== null) for (const [key, child] of Object.entries(value)) walk(child, place === '' ? key : `${place}.${key}`);
  };
  walk({ meta: report.meta, preamble: report.preamble, sections: report.sections, units: report.units }, '');
  return texts;
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = v.getDotPath(issue) ?? '(root)';
  if (issue.type === 'strict_object' && issue.expected === 'never') return `unknown key ${path}`;
  if (issue.kind === 'schema' && issue.received === 'undefined' && issue.path !== undefined) return `missing key ${path}`;
  return `${path}: ${issue.message}`;
}

/**
 * The value as a document when its structure is right, else the first problem. A value of the
 * plain shape (plain-shape.ts: every report Lotho writes) is taken as it is, without the schema's
 * walk: on a phone, checking a report page's state before it hydrates was a long task of its own.
 */
function shapeOf(value: unknown): { report: ReportDocument } | { reason: string } {
  if (isPlainReportShape(value)) return { report: value };
  const result = v.safeParse(ReportDocumentSchema, value);
  if (!result.success) {
    const [first] = result.issues;
    const more = result.issues.length > 1 ? ` (+${result.issues.length - 1} more)` : '';
    return { reason: `${describeIssue(first)}${more}` };
  }
  return { report: assertOutput(result.output) };
}

/** The first structural problem of a value, or the first cell key its template does not have. */
function findProblem(value: unknown): { report: ReportDocument } | { reason: string } {
  // valibot reads an array as an object with missing keys; say what it is instead.
  if (Array.isArray(value)) return { reason: '(root): expected a JSON object, got an array' };
  const shaped = shapeOf(value);
  if ('reason' in shaped) return shaped;
  const { report } = shaped;
  const template = getTemplate(report.meta.template);
  for (const field of ['cells', 'units'] as const) {
    for (const key of Object.keys(report[field])) {
      if (cellSpec(template, key) === undefined) {
        return { reason: `${field}: ${JSON.stringify(key)} is not a cell of template ${template.id}` };
      }
    }
  }
  // Signs and decimals are the validator's (R5); a figure no report holds, or a broken text, is not a report.
  for (const [key, value] of Object.entries(report.cells)) {
    const spec = cellSpec(template, key);
    const problem = value === null || spec === undefined ? undefined : cellValueProblem(spec.kind, value, { strict: false });
    if (problem !== undefined) return { reason: `cells.${key}: ${String(value)} is ${describeValueProblem(problem)}` };
  }
  const texts = textsOf(report);
  for (const [place, text] of texts) {
    const problem = textValueProblem(text, MAX_TEXT_BLOCK);
    if (problem !== undefined) return { reason: `${place}: ${describeValueProblem(problem)}` };
  }
  return { report };
}

/**
 * Parses a Lotho report JSON file. Throws ImportError('not_a_report', { reason }) with a one-line
 * reason when the text is not JSON, does not match the schema, or names a cell its template lacks.
 */
export function parseReportJson(text: string): ReportDocument {
  let value: unknown;
  try {
    value = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const reason = `invalid JSON: ${detail.replace(/\s+/g, ' ')}`;
    throw new ImportError('not_a_report', { reason }, reason);
  }
  const outcome = findProblem(value);
  if ('reason' in outcome) {
    const reason = outcome.reason.replace(/\s+/g, ' ');
    throw new ImportError('not_a_report', { reason }, reason);
  }
  return outcome.report;
}
