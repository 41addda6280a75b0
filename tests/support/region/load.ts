/**
 * Stores a synthetic region through the server's own storage, as publishing would: agencies,
 * every published version at its publication time with its digest (findings checked against the
 * previous year, as the publish route does), and the drafts of the year being reported.
 *
 *   tsx tests/support/region/load.ts --data-dir DIR | --database-url URL [--seed 13] [--small]
 *
 * loads it into that database (made and migrated when needed; it must hold no agency of the
 * region yet). The bench and the browser tests call `loadRegion` themselves.
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { beijingDate, reportingYear } from '../../../src/report/deadline.ts';
import { validate } from '../../../src/report/validate/index.ts';
import { initialFields } from '../../../src/server/drafts/document.ts';
import { digestOf } from '../../../src/server/oversight/digest.ts';
import { openStorage } from '../../../src/server/storage/open.ts';
import type { ServerStorage } from '../../../src/server/storage/types.ts';
import { FULL_REGION, SMALL_REGION, regionAgencies, regionEntries, type RegionOptions } from './generate.ts';

export interface LoadedRegion {
  agencies: number;
  reports: number;
  drafts: number;
  /** The region's government, its first prefecture and county (for benchmarks and tests). */
  ids: { region: string; prefecture: string; county: string };
}

/**
 * Loads the region into `storage`. `setClock` moves the clock the storage stamps publications
 * with (the storage must have been opened with a `now` reading it).
 */
export async function loadRegion(storage: ServerStorage, options: RegionOptions, setClock: (at: Date) => void): Promise<LoadedRegion> {
  const agencies = regionAgencies(options);
  for (const { id, nameZh, nameBo, level, parentId } of agencies) {
    await storage.createAgency({ id, nameZh, level, ...(nameBo === undefined ? {} : { nameBo }), ...(parentId === undefined ? {} : { parentId }) });
  }
  const root = agencies[0];
  if (root === undefined) throw new Error('a region without agencies');
  const loader = await storage.createUser({ username: `region-loader-${options.seed}`, agencyId: root.id, role: 'editor', passwordHash: 'disabled' });
  let reports = 0;
  let drafts = 0;
  for (const entry of regionEntries(options, agencies)) {
    if (entry.kind === 'report') {
      const findings = validate(entry.document, entry.previous === undefined ? {} : { previous: entry.previous });
      setClock(new Date(entry.publishedAt));
      await storage.publishReport(entry.document, { digest: digestOf(entry.document, findings) });
      reports += 1;
    } else {
      await storage.createDraft({
        id: `d-${entry.document.id}`,
        agencyId: entry.agencyId,
        reportId: entry.document.id,
        year: entry.document.meta.year,
        template: entry.document.meta.template,
        source: 'document',
        createdBy: loader.id,
        fields: initialFields(entry.document),
      });
      drafts += 1;
    }
  }
  const prefecture = agencies.find((a) => a.level === 'city')?.id ?? root.id;
  const county = agencies.find((a) => a.level === 'county')?.id ?? root.id;
  return { agencies: agencies.length, reports, drafts, ids: { region: root.id, prefecture, county } };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, 'database-url': { type: 'string' }, seed: { type: 'string' }, small: { type: 'boolean' } } });
  const today = beijingDate(new Date());
  let clock = new Date();
  const config = { dataDir: values['data-dir'] ?? './data', ...(values['database-url'] === undefined ? {} : { databaseUrl: values['database-url'] }) };
  const storage = openStorage(config, () => clock);
  await storage.migrate();
  const started = performance.now();
  const loaded = await loadRegion(
    storage,
    { seed: Number(values.seed ?? 13), shape: values.small === true ? SMALL_REGION : FULL_REGION, year: reportingYear(today), today },
    (at) => {
      clock = at;
    },
  );
  await storage.close();
  process.stdout.write(`region: ${loaded.agencies} agencies, ${loaded.reports} reports, ${loaded.drafts} drafts in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`region: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
