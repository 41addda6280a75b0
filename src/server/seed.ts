/**
 * First start: the reports table is empty, so the report Lotho ships with is imported from the
 * project's seed text (src/report/seed) and published as version 1.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReportDocument } from '../report/model.ts';
import {
  buildSeedReport,
  parseSeedTranslation,
  SEED_TEXT_FILE,
  SEED_TRANSLATION_FILE,
  SeedTranslationError,
  type SeedTranslation,
} from '../report/seed/index.ts';
import type { Logger } from './logger.ts';
import { validate } from '../report/validate/index.ts';
import { digestOf } from './oversight/digest.ts';
import { reportAgencyId } from './storage/documents.ts';
import { PROJECT_ROOT } from './project-root.ts';
import type { NewAgency, PublishedReport, ServerStorage } from './storage/types.ts';

/** Where the seed files live in the project. */
export const SEED_DIR = join(PROJECT_ROOT, 'src', 'report', 'seed');

/** The Tibetan translation file, or undefined when there is none yet. A broken one is an error. */
export async function readSeedTranslation(dir: string = SEED_DIR): Promise<SeedTranslation | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, SEED_TRANSLATION_FILE), 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    throw new SeedTranslationError(`${SEED_TRANSLATION_FILE}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseSeedTranslation(value);
}

/** The seed report built from the files in `dir`. */
export async function loadSeedReport(dir: string = SEED_DIR): Promise<ReportDocument> {
  const text = await readFile(join(dir, SEED_TEXT_FILE), 'utf8');
  return buildSeedReport(text, await readSeedTranslation(dir));
}

/** The county the seed's township belongs to: 波密县 (the seed names it, and its portal carries the report). */
export const SEED_COUNTY: NewAgency = { id: 'bomi', nameZh: '波密县人民政府', nameBo: 'སྤོ་མེས་རྫོང་མི་དམངས་སྲིད་གཞུང', level: 'county' };

/** The seed report's agency (`qingduo`, from its id and its own names and level) under 波密县. */
export function seedAgencies(document: ReportDocument): NewAgency[] {
  const id = reportAgencyId(document.id);
  if (id === undefined) throw new Error(`seed report id ${document.id} names no agency`);
  const { agency, level } = document.meta;
  return [SEED_COUNTY, { id, nameZh: agency.zh, ...(agency.bo === undefined ? {} : { nameBo: agency.bo }), level, parentId: SEED_COUNTY.id }];
}

/**
 * Publishes the seed when no report exists yet, once however many processes start at once
 * (storage.publishFirst), and makes sure its agency and county exist whenever the seed is
 * published (also in a database seeded before agencies were: `lotho agency list` shows them, and
 * a user added to `qingduo` drafts from the seed). Agencies that exist are left as they are.
 * Returns what was published, if anything.
 */
export async function seedIfEmpty(
  storage: ServerStorage,
  logger: Logger,
  dir: string = SEED_DIR,
): Promise<PublishedReport | undefined> {
  const document = await loadSeedReport(dir);
  const published = (await storage.isEmpty()) ? await storage.publishFirst(document, { digest: digestOf(document, validate(document)) }) : undefined;
  if (published !== undefined || (await storage.listReportVersions(document.id)).length > 0) await storage.ensureAgencies(seedAgencies(document));
  if (published === undefined) return undefined;
  logger.info('seeded', {
    id: published.id,
    version: published.version,
    agency: published.agency.zh,
    tibetan: published.agency.bo !== undefined,
  });
  return published;
}
