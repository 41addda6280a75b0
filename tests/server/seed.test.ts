import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SECTION_KEYS } from '../../src/report/model.ts';
import {
  buildSeedReport,
  parseSeedTranslation,
  SEED_REPORT_ID,
  SEED_TEXT_FILE,
  SEED_TRANSLATION_FILE,
  SeedTranslationError,
} from '../../src/report/seed/index.ts';
import { getTemplate } from '../../src/report/templates/index.ts';
import { reportTables } from '../../src/report/tables/index.ts';
import { loadSeedReport, readSeedTranslation, SEED_DIR, seedIfEmpty } from '../../src/server/seed.ts';
import { readSharedText } from '../support/shared.ts';
import { DATABASES, useDatabases } from './databases.ts';
import { captureLogger, memoryStorage } from './helpers.ts';

const TEXT = readFileSync(join(SEED_DIR, SEED_TEXT_FILE), 'utf8');

/** A seed directory holding the text and, when given, a translation file with this content. */
function seedDir(translation?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lotho-seed-'));
  copyFileSync(join(SEED_DIR, SEED_TEXT_FILE), join(dir, SEED_TEXT_FILE));
  if (translation !== undefined) writeFileSync(join(dir, SEED_TRANSLATION_FILE), translation);
  return dir;
}

describe('the seed report', () => {
  it('is the corpus text, copied into the project unchanged', () => {
    expect(TEXT).toBe(readSharedText('corpus/000_bb513833b144f186.txt'));
  });

  it('is imported from the seed text: qingduo-2020, 波密县倾多镇人民政府, 2019 template, 2020, all cells 0', () => {
    const report = buildSeedReport(TEXT);
    expect(report.id).toBe(SEED_REPORT_ID);
    expect(report.meta.agency).toEqual({ zh: '波密县倾多镇人民政府' });
    expect(report.meta.template).toBe('2019');
    expect(report.meta.year).toBe(2020);
    expect(report.meta.level).toBe('township');
    expect(Object.keys(report.cells)).toEqual(reportTables(getTemplate('2019')).order);
    expect(Object.values(report.cells).every((value) => value === 0)).toBe(true);
    expect(Object.keys(report.sections)).toEqual([...SECTION_KEYS]);
    expect(report.sections.other?.zh).toBe('无');
  });

  it('merges a translation: bo text beside the zh original, not yet reviewed', () => {
    const report = buildSeedReport(TEXT, {
      agency: ' སྤོ་མེས་རྫོང་ཆིང་ཏོ་གྲོང་རྡལ་མི་དམངས་སྲིད་གཞུང་། ',
      preamble: 'སྔོན་གླེང་།',
      sections: { overview: 'སྤྱིའི་གནས་ཚུལ།', other: '' },
    });
    expect(report.meta.agency).toEqual({ zh: '波密县倾多镇人民政府', bo: 'སྤོ་མེས་རྫོང་ཆིང་ཏོ་གྲོང་རྡལ་མི་དམངས་སྲིད་གཞུང་།' });
    expect(report.preamble).toMatchObject({ bo: 'སྔོན་གླེང་།', original: 'zh', translationReviewed: false });
    expect(report.preamble?.zh).toMatch(/^根据《中华人民共和国政府信息公开条例》/);
    expect(report.sections.overview).toMatchObject({ bo: 'སྤྱིའི་གནས་ཚུལ།', original: 'zh', translationReviewed: false });
    // An empty string is a block still to translate; an absent one too.
    expect(report.sections.other).toEqual({ zh: '无', original: 'zh', translationReviewed: false });
    expect(report.sections.active?.bo).toBeUndefined();
  });

  it('refuses a translation file of another shape, naming the problem', () => {
    expect(() => parseSeedTranslation({ sections: { overveiw: 'x' } })).toThrow(/sections\.overveiw/);
    expect(() => parseSeedTranslation({ agency: 3 })).toThrow(SeedTranslationError);
    expect(() => parseSeedTranslation([])).toThrow(/array/);
    expect(parseSeedTranslation({})).toEqual({});
  });

  it('reads no translation when the file is absent, and fails loudly on a broken one', async () => {
    expect(await readSeedTranslation(seedDir())).toBeUndefined();
    await expect(readSeedTranslation(seedDir('{"agency": '))).rejects.toThrow(SeedTranslationError);
    expect((await loadSeedReport(seedDir())).meta.agency.bo).toBeUndefined();
  });

  it('takes the project translation: bo agency and every section in bo', async () => {
    const report = await loadSeedReport();
    expect(report.meta.agency.bo).toMatch(/^[\u0F00-\u0FFF]/u);
    expect(report.preamble?.bo).toBeTruthy();
    for (const key of SECTION_KEYS) {
      expect(report.sections[key]?.original, key).toBe('zh');
      expect(report.sections[key]?.translationReviewed, key).toBe(false);
    }
    expect(report.sections.overview?.bo).toBeTruthy();
  });
});

describe('seeding the database', () => {
  it('publishes qingduo-2020 on first start only, logging one line', async () => {
    const storage = await memoryStorage();
    const logger = captureLogger();
    const published = await seedIfEmpty(storage, logger);
    expect(published?.id).toBe('qingduo-2020');
    expect(published?.version).toBe(1);
    expect(published?.agency.zh).toBe('波密县倾多镇人民政府');
    expect(published?.agency.bo).toMatch(/^[\u0F00-\u0FFF]/u);
    expect(await seedIfEmpty(storage, logger)).toBeUndefined();
    expect(logger.lines.filter((l) => l.msg === 'seeded')).toHaveLength(1);
    expect((await storage.listReports()).map((r) => r.version)).toEqual([1]);
    await storage.close();
  });

  it('makes the seed’s agency and county, so `lotho agency list` shows them and a user of qingduo drafts from it', async () => {
    const storage = await memoryStorage();
    await seedIfEmpty(storage, captureLogger());
    const agencies = await storage.listAgencies();
    expect(agencies.map((a) => [a.id, a.nameZh, a.level, a.parentId])).toEqual([
      ['bomi', '波密县人民政府', 'county', undefined],
      ['qingduo', '波密县倾多镇人民政府', 'township', 'bomi'],
    ]);
    expect(agencies[1]?.nameBo).toMatch(/^[\u0F00-\u0FFF]/u);
    const [listed] = await storage.subtreeReports('bomi', { from: 2020, to: 2020 });
    expect(listed).toMatchObject({ id: 'qingduo-2020', agencyId: 'qingduo', digest: { errors: 0, figures: { received: 0 } } });
    await storage.close();
  });

  it('adds the agencies to a database seeded before they existed, leaving an agency made by hand as it is', async () => {
    const storage = await memoryStorage();
    await storage.publishReport(await loadSeedReport());
    await storage.createAgency({ id: 'bomi', nameZh: '波密县', level: 'county' });
    expect(await seedIfEmpty(storage, captureLogger())).toBeUndefined();
    expect((await storage.listAgencies()).map((a) => [a.id, a.nameZh, a.parentId])).toEqual([
      ['bomi', '波密县', undefined],
      ['qingduo', '波密县倾多镇人民政府', 'bomi'],
    ]);
    await storage.close();
  });
});

const database = useDatabases(afterEach);

describe.each(DATABASES)('seeding on $kind', ({ create }) => {
  it('publishes the seed once when several processes start at once', async () => {
    const db = await database(create);
    const storages = await Promise.all([1, 2, 3].map(() => db.open()));
    const outcomes = await Promise.all(storages.map((s) => seedIfEmpty(s, captureLogger())));
    expect(outcomes.filter((o) => o !== undefined)).toHaveLength(1);
    expect(await db.rows('SELECT id, version FROM reports')).toEqual([{ id: 'qingduo-2020', version: 1 }]);
    expect((await db.rows('SELECT id FROM agencies ORDER BY id')).map((r) => r.id)).toEqual(['bomi', 'qingduo']);
  });
});
