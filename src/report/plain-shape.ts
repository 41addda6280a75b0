/**
 * A hand-written check of a report document's shape, run before its schema (schema.ts
 * ReportDocumentSchema): it accepts only values the schema accepts unchanged, and refuses anything
 * else, valid or not, so that the schema decides those and words the reason. A report page's
 * state, checked while the page boots on a slow phone, is then not walked by the schema at all
 * (issue 12). tests/unit/report/plain-shape.test.ts holds the two together.
 */
import { ADMIN_LEVELS, LANGS, SECTION_KEYS, type ReportDocument } from './model.ts';
import { TEMPLATE_IDS } from './templates/index.ts';

/** Longest text block (preamble or one section, per language), in UTF-16 code units. */
export const MAX_TEXT_BLOCK = 200_000;
/** Longest metadata string (agency, address, notice …). */
export const MAX_META_TEXT = 1_000;
/** Report years accepted: the 条例 took effect in 2008; anything outside this range is a typo. */
export const MIN_REPORT_YEAR = 2008;
export const MAX_REPORT_YEAR = 2100;

type Plain = Record<string, unknown>;

/** A plain object (not an array, not null), whose keys are all in `allowed`. */
function isObjectWith(value: unknown, allowed: ReadonlySet<string>): value is Plain {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const key in value) if (!Object.hasOwn(value, key) || !allowed.has(key)) return false;
  return true;
}

const isText = (value: unknown, max: number): boolean => typeof value === 'string' && value.length <= max;
const isFilledText = (value: unknown, max: number): boolean => isText(value, max) && (value as string).length > 0;
const isIntegerIn = (value: unknown, min: number, max: number): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
/** An optional key of an object: absent (not present with `undefined`), or passing `check`. */
const optional = (object: Plain, key: string, check: (value: unknown) => boolean): boolean => !Object.hasOwn(object, key) || check(object[key]);

/** True for a real calendar date written YYYY-MM-DD (valibot's isoDate accepts 2021-02-31). */
export function isCalendarDate(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const isDate = (value: unknown): boolean => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/u.test(value) && isCalendarDate(value);

const BILINGUAL_KEYS = new Set(['zh', 'bo', 'original', 'translationReviewed']);
function isBilingual(value: unknown): boolean {
  return (
    isObjectWith(value, BILINGUAL_KEYS) &&
    optional(value, 'zh', (x) => isText(x, MAX_TEXT_BLOCK)) &&
    optional(value, 'bo', (x) => isText(x, MAX_TEXT_BLOCK)) &&
    (LANGS as readonly unknown[]).includes(value.original) &&
    typeof value.translationReviewed === 'boolean'
  );
}

const AGENCY_KEYS = new Set(['zh', 'bo']);
const PERIOD_KEYS = new Set(['start', 'end']);
const META_TEXTS = ['address', 'postcode', 'phone', 'email', 'website', 'notice'] as const;
const META_KEYS = new Set(['agency', 'level', 'year', 'template', 'period', 'publishedOn', 'declaredParts', ...META_TEXTS]);
function isMeta(value: unknown): boolean {
  if (!isObjectWith(value, META_KEYS)) return false;
  const { agency, period } = value;
  return (
    isObjectWith(agency, AGENCY_KEYS) &&
    isFilledText(agency.zh, MAX_META_TEXT) &&
    optional(agency, 'bo', (x) => isText(x, MAX_META_TEXT)) &&
    (ADMIN_LEVELS as readonly unknown[]).includes(value.level) &&
    isIntegerIn(value.year, MIN_REPORT_YEAR, MAX_REPORT_YEAR) &&
    (TEMPLATE_IDS as readonly unknown[]).includes(value.template) &&
    (!Object.hasOwn(value, 'period') || (isObjectWith(period, PERIOD_KEYS) && isDate(period.start) && isDate(period.end))) &&
    optional(value, 'publishedOn', isDate) &&
    META_TEXTS.every((key) => optional(value, key, (x) => isText(x, MAX_META_TEXT))) &&
    optional(value, 'declaredParts', (x) => isIntegerIn(x, 0, 99))
  );
}

const SECTION_KEY_SET = new Set<string>(SECTION_KEYS);
function isSections(value: unknown): boolean {
  return isObjectWith(value, SECTION_KEY_SET) && Object.values(value).every(isBilingual);
}

/**
 * A record of cell keys (at most 100 characters) to values passing `check`. Keys valibot's record
 * leaves out of its output (`__proto__`, `constructor`, `prototype`) are refused: the schema decides.
 */
function isCellRecord(value: unknown, check: (value: unknown) => boolean): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const key in value) {
    if (!Object.hasOwn(value, key) || key.length > 100 || key === '__proto__' || key === 'constructor' || key === 'prototype') return false;
    if (!check((value as Plain)[key])) return false;
  }
  return true;
}

const isCellValue = (value: unknown): boolean => value === null || (typeof value === 'number' && Number.isFinite(value));
const isUnit = (value: unknown): boolean => isFilledText(value, 20);

const DOCUMENT_KEYS = new Set(['schema', 'id', 'meta', 'preamble', 'sections', 'cells', 'units']);

/**
 * True only for a value ReportDocumentSchema accepts as it is (the same rules written out by
 * hand); false for everything else, including some values the schema would accept (a key
 * present with `undefined`, say). Cell keys against the template, figures and texts are checked
 * after either (schema.ts).
 */
export function isPlainReportShape(value: unknown): value is ReportDocument {
  return (
    isObjectWith(value, DOCUMENT_KEYS) &&
    value.schema === 1 &&
    isFilledText(value.id, MAX_META_TEXT) &&
    isMeta(value.meta) &&
    optional(value, 'preamble', isBilingual) &&
    isSections(value.sections) &&
    isCellRecord(value.cells, isCellValue) &&
    isCellRecord(value.units, isUnit)
  );
}
