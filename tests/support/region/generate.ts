/**
 * A synthetic region, deterministic from a seed: the agencies (the region's government, its
 * prefectures, counties and townships, and departments at each level: 7 + 74 + 700 + 2,000 in
 * the full region), then, agency by agency and year by year, published reports whose figures
 * carry over (C1, C2) and drafts of the year being reported. Nothing is stored here: load.ts does.
 */
import { beijingDate, publicationDeadline } from '../../../src/report/deadline.ts';
import { agencyReportId, blankReport } from '../../../src/report/factory.ts';
import type { AdminLevel, ReportDocument, TemplateId } from '../../../src/report/model.ts';
import type { NewAgency } from '../../../src/server/storage/types.ts';
import { Dice } from './dice.ts';
import { DEPARTMENTS, PREFECTURES, government, placeName, type Name } from './names.ts';
import { writeProse } from './prose.ts';
import { FRESH, generateTables } from './tables.ts';

export interface RegionShape {
  prefectures: number;
  /** Counties per prefecture at most (the real counts are used up to it). */
  counties: number;
  /** Townships in all, spread over the counties. */
  townships: number;
  /** Departments of the region's government, of each prefecture's, and in all of the counties'. */
  departments: { region: number; prefecture: number; counties: number };
}

/** The region of issue 13: 7 prefectures, 74 counties, 700 townships, 2,000 departments. */
export const FULL_REGION: RegionShape = { prefectures: 7, counties: 18, townships: 700, departments: { region: 40, prefecture: 30, counties: 1750 } };
/** A region for browser tests: 1 prefecture, 2 counties, 6 townships, 8 departments. */
export const SMALL_REGION: RegionShape = { prefectures: 1, counties: 2, townships: 6, departments: { region: 2, prefecture: 2, counties: 4 } };

export interface RegionOptions {
  seed: number;
  shape: RegionShape;
  /** The year being reported: the last of `years`. */
  year: number;
  /** Six years of reports by default. */
  years?: number;
  /** The Beijing date the region stands at: every publication is on or before it. */
  today: string;
}

export interface RegionAgency extends NewAgency {
  depth: number;
}

/** Spreads `total` over `n` slots as evenly as whole numbers allow, the first ones getting one more. */
function share(total: number, n: number, i: number): number {
  return Math.floor(total / n) + (i < total % n ? 1 : 0);
}

export function regionAgencies(options: RegionOptions): RegionAgency[] {
  const { shape } = options;
  const dice = new Dice(options.seed);
  const used = new Set<string>();
  const out: RegionAgency[] = [];
  const add = (id: string, name: Name, level: AdminLevel, depth: number, parentId?: string): void => {
    out.push({ id, nameZh: name.zh, nameBo: name.bo, level, depth, ...(parentId === undefined ? {} : { parentId }) });
  };
  const departments = (parent: string, place: Name, count: number, depth: number): void => {
    for (const d of DEPARTMENTS.slice(0, count)) add(`${parent}-${d.slug}`, { zh: `${place.zh}${d.zh}`, bo: `${place.bo}་${d.bo}` }, 'department', depth, parent);
  };
  add('xz', { zh: '西藏自治区人民政府', bo: 'བོད་རང་སྐྱོང་ལྗོངས་མི་དམངས་སྲིད་གཞུང' }, 'region', 0);
  departments('xz', { zh: '西藏自治区', bo: 'བོད་རང་སྐྱོང་ལྗོངས' }, shape.departments.region, 1);
  const prefectures = PREFECTURES.slice(0, shape.prefectures);
  const counties = prefectures.flatMap((p) => Array.from({ length: Math.min(p.counties, shape.counties) }, (_, i) => ({ prefecture: p, index: i + 1 })));
  let county = 0;
  for (const p of prefectures) {
    add(p.id, government(p, p.government === 'city' ? '市' : '地区'), 'city', 1, 'xz');
    departments(p.id, { zh: `${p.zh}${p.government === 'city' ? '市' : '地区'}`, bo: p.bo }, shape.departments.prefecture, 2);
    for (const c of counties.filter((x) => x.prefecture === p)) {
      const id = `${p.id}-c${String(c.index).padStart(2, '0')}`;
      const place = placeName(dice, used);
      add(id, government(place, '县'), 'county', 2, p.id);
      departments(id, { zh: `${place.zh}县`, bo: `${place.bo}་རྫོང` }, share(shape.departments.counties, counties.length, county), 3);
      for (let t = 1; t <= share(shape.townships, counties.length, county); t += 1) {
        add(`${id}-t${String(t).padStart(2, '0')}`, government(placeName(dice, used), dice.chance(0.4) ? '镇' : '乡'), 'township', 3, id);
      }
      county += 1;
    }
  }
  return out;
}

/** One published version or draft to store. */
export type RegionEntry =
  | { kind: 'report'; agencyId: string; document: ReportDocument; previous?: ReportDocument; publishedAt: string }
  | { kind: 'draft'; agencyId: string; document: ReportDocument };

/** A moment on a Beijing date during office hours, as ISO (UTC). */
function during(dice: Dice, date: string): string {
  return new Date(Date.parse(`${date}T01:00:00Z`) + dice.int(0, 8 * 3600) * 1000).toISOString();
}

function shiftDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Every report and draft of the region, agency by agency, oldest year first. */
export function* regionEntries(options: RegionOptions, agencies: readonly RegionAgency[]): Generator<RegionEntry> {
  const span = options.years ?? 6;
  for (const [index, agency] of agencies.entries()) {
    const dice = new Dice(options.seed * 100_003 + index);
    let state = FRESH;
    let previous: ReportDocument | undefined;
    for (let year = options.year - span + 1; year <= options.year; year += 1) {
      const template: TemplateId = year >= 2021 ? '2021' : '2019';
      const tables = generateTables(dice, template, agency.level, agency.depth, state);
      const document: ReportDocument = {
        ...blankReport({ id: agencyReportId(agency.id, year), template, year, agencyZh: agency.nameZh, level: agency.level }),
        ...writeProse(dice, agency.nameZh, year, template, tables.totals),
      };
      document.meta.agency = { zh: agency.nameZh, ...(agency.nameBo === undefined ? {} : { bo: agency.nameBo }) };
      Object.assign(document.cells, tables.cells);
      const current = year === options.year;
      const roll = dice.int(0, 99);
      if (current ? roll < 25 : roll < 96) {
        const deadline = publicationDeadline(agency.level, year);
        const day = current ? shiftDays(options.today, -dice.int(0, 6)) : shiftDays(deadline, dice.chance(0.1) ? dice.int(1, 60) : -dice.int(0, 40));
        const publishedAt = during(dice, day < options.today ? day : options.today);
        document.meta.publishedOn = beijingDate(publishedAt);
        yield { kind: 'report', agencyId: agency.id, document, ...(previous === undefined ? {} : { previous }), publishedAt };
        previous = document;
        state = tables.state;
      } else if (current && roll < 70) {
        // Drafts in progress: some with a total that does not add up yet, some cells still blank.
        if (dice.chance(0.25)) document.cells['requests.results_total.total'] = (document.cells['requests.results_total.total'] ?? 0) + 1;
        if (dice.chance(0.3)) for (const key of Object.keys(document.cells).filter((k) => k.startsWith('appeals.'))) document.cells[key] = null;
        yield { kind: 'draft', agencyId: agency.id, document };
      } else {
        // Not published that year: the next year carries over from the last published.
        previous = undefined;
      }
    }
  }
}
