/**
 * First start: the reports table is empty, so the report Lotho ships with is imported from the
 * project's seed text (src/report/seed) and published as version 1.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
import type { PublishedReport, ServerStorage } from './storage/types.ts';

/** Where the seed files live in the project. */
export const SEED_DIR = fileURLToPath(new URL('../report/seed/', import.meta.url));

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

/** Publishes the seed when no report exists yet; returns what was published, if anything. */
export async function seedIfEmpty(
  storage: ServerStorage,
  logger: Logger,
  dir: string = SEED_DIR,
): Promise<PublishedReport | undefined> {
  if (!(await storage.isEmpty())) return undefined;
  const published = await storage.publishReport(await loadSeedReport(dir));
  logger.info('seeded', {
    id: published.id,
    version: published.version,
    agency: published.agency.zh,
    tibetan: published.agency.bo !== undefined,
  });
  return published;
}
