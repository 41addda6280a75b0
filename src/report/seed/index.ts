/**
 * The report Lotho ships with: 波密县倾多镇人民政府 2020, imported from its text
 * (`qingduo-2020.txt`, kept in the project as data) by the same importer users run, never
 * hand-copied. A Tibetan translation (`qingduo-2020.bo.json`) is merged in when one is given.
 * Plain TS: the caller reads the files and hands their contents over.
 */
import * as v from 'valibot';
import { completedReport, importText } from '../import/index.ts';
import { SECTION_KEYS, type BilingualText, type ReportDocument, type SectionKey } from '../model.ts';
import { MAX_META_TEXT, MAX_TEXT_BLOCK } from '../schema.ts';

/** Id of the seed report, in the API (`/api/reports/qingduo-2020`) and in the app's routes. */
export const SEED_REPORT_ID = 'qingduo-2020';

/** Names of the seed's files next to this module. */
export const SEED_TEXT_FILE = 'qingduo-2020.txt';
export const SEED_TRANSLATION_FILE = 'qingduo-2020.bo.json';

const block = v.pipe(v.string(), v.maxLength(MAX_TEXT_BLOCK));

/**
 * The shape of `qingduo-2020.bo.json`. Every part is optional so a translation can land section by
 * section; unknown keys are refused, so a misspelt section name fails loudly instead of vanishing.
 */
export const SeedTranslationSchema = v.strictObject({
  agency: v.optional(v.pipe(v.string(), v.maxLength(MAX_META_TEXT))),
  preamble: v.optional(block),
  sections: v.optional(
    v.strictObject({
      overview: v.optional(block),
      active: v.optional(block),
      requests: v.optional(block),
      appeals: v.optional(block),
      problems: v.optional(block),
      other: v.optional(block),
    } satisfies Record<SectionKey, unknown>),
  ),
});

/** The Tibetan text of the seed: agency name, preamble and section prose. */
export type SeedTranslation = v.InferOutput<typeof SeedTranslationSchema>;

/** Why a translation file was refused: the first problem, as one line. */
export class SeedTranslationError extends Error {
  constructor(reason: string) {
    super(`invalid seed translation: ${reason}`);
    this.name = 'SeedTranslationError';
  }
}

/** Checks a parsed translation file. Throws SeedTranslationError naming the first problem. */
export function parseSeedTranslation(value: unknown): SeedTranslation {
  if (Array.isArray(value)) throw new SeedTranslationError('(root): expected a JSON object, got an array');
  const result = v.safeParse(SeedTranslationSchema, value);
  if (result.success) return result.output;
  const [first] = result.issues;
  throw new SeedTranslationError(`${v.getDotPath(first) ?? '(root)'}: ${first.message}`);
}

/** A translated block: the Chinese original with its Tibetan added, not yet reviewed by a person. */
function withBo(text: BilingualText, bo: string | undefined): BilingualText {
  const trimmed = bo?.trim() ?? '';
  // An empty string is a placeholder the translator has not filled in yet: keep the block as it is.
  if (trimmed === '') return text;
  return { ...text, bo: trimmed, original: 'zh', translationReviewed: false };
}

/**
 * Builds the seed report from its text, with the Tibetan merged in when given. Only blocks the
 * importer found get a translation: a translated section the text lacks would have no original.
 * Throws ImportError when the text is not a report (a broken seed must not ship silently).
 */
export function buildSeedReport(text: string, translation?: SeedTranslation): ReportDocument {
  const report = completedReport(importText(text, { id: SEED_REPORT_ID }).report);
  if (report === undefined) throw new Error('seed: no report year found');
  if (translation === undefined) return report;

  const sections: ReportDocument['sections'] = {};
  for (const key of SECTION_KEYS) {
    const section = report.sections[key];
    if (section !== undefined) sections[key] = withBo(section, translation.sections?.[key]);
  }
  const agencyBo = translation.agency?.trim() ?? '';
  return {
    ...report,
    meta: { ...report.meta, agency: agencyBo === '' ? report.meta.agency : { ...report.meta.agency, bo: agencyBo } },
    ...(report.preamble === undefined ? {} : { preamble: withBo(report.preamble, translation.preamble) }),
    sections,
  };
}
