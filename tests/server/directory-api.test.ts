/**
 * The residents' directory on both databases (src/server/directory, GET /api/agencies…,
 * /api/reports?agency=|subtree=, and the home and agency pages rendered on the server): one page
 * of an agency's subtree at a time, by agency then year, with the years, a search and a year
 * filter; nothing of another subtree (random trees); a publication listed at once.
 */
import fc from 'fast-check';
import type { Hono } from 'hono';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { DirectoryListingSchema } from '../../src/contract/directory.ts';
import { ReportIndexSchema } from '../../src/contract/reports.ts';
import { directory } from '../../src/server/directory/index.ts';
import type { PageRenderer } from '../../src/server/prerender.ts';
import type { ServerStorage } from '../../src/server/storage/types.ts';
import { DATABASES, useDatabases } from './databases.ts';
import { forest, parentsOf, subtreeOf } from './random-forest.ts';
import { fakeBuild } from './fake-build.ts';
import { report, testApp } from './helpers.ts';

const database = useDatabases(afterEach);
/** The app shell: an empty #app (the server adds its <noscript> message around it). */
const EMPTY_APP = '<div id="app"></div>';

async function listing(app: Hono, path: string) {
  const response = await app.request(path);
  expect(response.status, await response.clone().text()).toBe(200);
  return v.parse(DirectoryListingSchema, await response.json());
}

/**
 * 拉萨市 (city) above 城关区 and 林周县 (counties); below 城关区 two townships; 2021–2023 for every
 * agency, and one report of no known agency (an id that is not `<agency>-<year>`).
 */
async function region(storage: ServerStorage): Promise<void> {
  const agencies = [
    { id: 'lhasa', nameZh: '拉萨市人民政府', nameBo: 'ལྷ་ས་གྲོང་ཁྱེར།', level: 'city' as const },
    { id: 'chengguan', nameZh: '拉萨市城关区人民政府', level: 'county' as const, parentId: 'lhasa' },
    { id: 'linzhou', nameZh: '拉萨市林周县人民政府', level: 'county' as const, parentId: 'lhasa' },
    { id: 'bala', nameZh: '城关区八廓街道办事处', level: 'township' as const, parentId: 'chengguan' },
    { id: 'jibenggang', nameZh: '城关区吉崩岗街道办事处', level: 'township' as const, parentId: 'chengguan' },
  ];
  for (const agency of agencies) {
    await storage.createAgency(agency);
    for (const year of [2021, 2022, 2023]) await storage.publishReport(report(`${agency.id}-${year}`, agency.nameZh, year));
  }
  await storage.publishReport(report('old-portal-copy', '某县人民政府', 2020));
}

describe.each(DATABASES)('the residents’ directory on $kind', ({ create }) => {
  async function setup() {
    const storage = await (await database(create)).open();
    await region(storage);
    // Asks the database on every request: a publication is listed at once.
    const { app } = testApp(storage, { directory: directory(storage, { stampTtlMs: 0 }) });
    return { storage, app };
  }

  it('lists the whole server from its top agencies, and an agency’s subtree with the way up', async () => {
    const { app } = await setup();
    const home = await listing(app, '/api/agencies');
    expect(home.agency).toBeNull();
    expect(home.children.map((c) => [c.id, c.reports])).toEqual([['lhasa', 15]]);
    expect(home.page).toEqual({ number: 1, size: 50, entries: 16, pages: 1 });
    expect(home.years).toEqual([2023, 2022, 2021, 2020]);
    // The report of no known agency is listed on the home page only.
    expect(home.reports.some((r) => r.id === 'old-portal-copy' && r.agencyId === undefined)).toBe(true);

    const county = await listing(app, '/api/agencies/chengguan');
    expect(county.agency).toEqual({ id: 'chengguan', zh: '拉萨市城关区人民政府', level: 'county' });
    expect(county.path).toEqual([{ id: 'lhasa', zh: '拉萨市人民政府', bo: 'ལྷ་ས་གྲོང་ཁྱེར།', level: 'city' }]);
    expect(county.children.map((c) => [c.id, c.reports])).toEqual([['bala', 3], ['jibenggang', 3]]);
    // By agency in Chinese collation (城 before 拉), then the newest year first.
    expect(county.reports.map((r) => r.id)).toEqual([
      'bala-2023', 'bala-2022', 'bala-2021', 'jibenggang-2023', 'jibenggang-2022', 'jibenggang-2021',
      'chengguan-2023', 'chengguan-2022', 'chengguan-2021',
    ]);
    const township = await listing(app, '/api/agencies/bala');
    expect(township.path.map((a) => a.id)).toEqual(['lhasa', 'chengguan']);
    expect(township.children).toEqual([]);
    expect(township.reports.map((r) => r.id)).toEqual(['bala-2023', 'bala-2022', 'bala-2021']);
  });

  it('filters by year, searches names and years (Tibetan digits too), and refuses what is malformed', async () => {
    const { app } = await setup();
    expect((await listing(app, '/api/agencies/lhasa?year=2022')).reports.map((r) => r.id)).toEqual([
      // 城 (chéng) before 拉萨市林 (lín) before 拉萨市人 (rén).
      'bala-2022', 'jibenggang-2022', 'chengguan-2022', 'linzhou-2022', 'lhasa-2022',
    ]);
    const found = await listing(app, `/api/agencies/lhasa?q=${encodeURIComponent('林周 ༢༠༢༡')}`);
    expect(found.reports.map((r) => r.id)).toEqual(['linzhou-2021']);
    expect(found.filter).toEqual({ year: null, q: '林周 ༢༠༢༡' });
    expect((await listing(app, `/api/agencies/lhasa?q=${encodeURIComponent('ལྷ་ས')}`)).reports.map((r) => r.id)).toEqual(['lhasa-2023', 'lhasa-2022', 'lhasa-2021']);
    expect((await listing(app, '/api/agencies/linzhou?q=%E5%85%AB%E5%BB%93')).page.entries).toBe(0);
    expect((await app.request('/api/agencies/nowhere')).status).toBe(404);
    expect((await app.request('/api/agencies/..%2Fetc')).status).toBe(404);
    expect((await app.request('/api/agencies/lhasa?year=20')).status).toBe(400);
    expect((await app.request('/api/agencies/lhasa?page=x')).status).toBe(400);
    expect((await app.request(`/api/agencies/lhasa?q=${'a'.repeat(101)}`)).status).toBe(400);
  });

  it('pages: 50 at a time, a page past the last is empty, each page answers If-None-Match', async () => {
    const { app, storage } = await setup();
    // 20 townships below 林周县 (乡01…乡20), 2021–2023 each: 63 reports with the county's own.
    for (let n = 1; n <= 20; n += 1) {
      const id = `linzhou-x${n}`;
      const zh = `林周县乡${String(n).padStart(2, '0')}`;
      await storage.createAgency({ id, nameZh: zh, level: 'township', parentId: 'linzhou' });
      for (const year of [2021, 2022, 2023]) await storage.publishReport(report(`${id}-${year}`, zh, year));
    }
    const first = await listing(app, '/api/agencies/linzhou');
    expect(first.page).toEqual({ number: 1, size: 50, entries: 63, pages: 2 });
    expect(first.reports).toHaveLength(50);
    // 拉萨市林周县 (lā) before 林周县乡… (lín).
    expect(first.reports.slice(0, 4).map((r) => r.id)).toEqual(['linzhou-2023', 'linzhou-2022', 'linzhou-2021', 'linzhou-x1-2023']);
    const second = await listing(app, '/api/agencies/linzhou?page=2');
    expect(second.reports.map((r) => r.id)).toEqual([
      'linzhou-x16-2021',
      ...[17, 18, 19, 20].flatMap((n) => [2023, 2022, 2021].map((y) => `linzhou-x${n}-${y}`)),
    ]);
    expect((await listing(app, '/api/agencies/linzhou?page=3')).reports).toEqual([]);
    const response = await app.request('/api/agencies/linzhou?page=2');
    const etag = response.headers.get('ETag') ?? '';
    expect((await app.request('/api/agencies/linzhou?page=2', { headers: { 'If-None-Match': etag } })).status).toBe(304);
  });

  it('scopes GET /api/reports to one agency or its subtree, and lists a new publication at once', async () => {
    const { app, storage } = await setup();
    const index = async (query: string) => {
      const response = await app.request(`/api/reports${query}`);
      expect(response.status, await response.clone().text()).toBe(200);
      return v.parse(ReportIndexSchema, await response.json()).reports.map((r) => r.id);
    };
    expect(await index('?agency=chengguan')).toEqual(['chengguan-2023', 'chengguan-2022', 'chengguan-2021']);
    expect(await index('?subtree=chengguan')).toHaveLength(9);
    expect(await index('')).toHaveLength(16);
    expect((await app.request('/api/reports?agency=nowhere')).status).toBe(404);
    expect((await app.request('/api/reports?agency=bala&subtree=bala')).status).toBe(400);
    await storage.publishReport(report('bala-2024', '城关区八廓街道办事处', 2024));
    expect(await index('?agency=bala')).toEqual(['bala-2024', 'bala-2023', 'bala-2022', 'bala-2021']);
    expect((await listing(app, '/api/agencies/chengguan')).years).toEqual([2024, 2023, 2022, 2021]);
  });

  it('renders the home and agency pages on the server with the listing, and leaves the rest to the app shell', async () => {
    const storage = await (await database(create)).open();
    await region(storage);
    const calls: { url: string; key: string; lang: string; agency: string | undefined; reports: number }[] = [];
    const renderer: PageRenderer = {
      renderReportPage: () => Promise.reject(new Error('not here')),
      renderListingPage: (input) => {
        calls.push({ url: input.url, key: input.key, lang: input.lang, agency: input.listing.agency?.id, reports: input.listing.reports.length });
        return Promise.resolve({ html: `<!doctype html><div class="directory">${input.url}</div>` });
      },
    };
    const dist = fakeBuild();
    const { app } = testApp(storage, { staticDir: dist, renderer });
    const page = await app.request('/bo/agencies/chengguan?year=2022&q=%E5%85%AB%E5%BB%93&utm=x');
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('/bo/agencies/chengguan?year=2022&q=%E5%85%AB%E5%BB%93');
    expect(calls).toEqual([{ url: '/bo/agencies/chengguan?year=2022&q=%E5%85%AB%E5%BB%93', key: 'chengguan?year=2022&q=%E5%85%AB%E5%BB%93', lang: 'bo', agency: 'chengguan', reports: 1 }]);
    // Rendered once per listing while nothing changes.
    await app.request('/bo/agencies/chengguan?year=2022&q=%E5%85%AB%E5%BB%93');
    expect(calls).toHaveLength(1);
    expect(await (await app.request('/zh')).text()).toContain('<div class="directory">/zh</div>');
    const unknown = await app.request('/zh/agencies/nowhere');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain(EMPTY_APP);

    // An SSR build without the directory renderer: the app shell answers.
    const { app: older } = testApp(storage, { staticDir: dist, renderer: { renderReportPage: () => Promise.reject(new Error('not here')) } });
    expect(await (await older.request('/zh/agencies/chengguan')).text()).toContain(EMPTY_APP);
  });

  it('never lists a report of another subtree (random trees)', async () => {
    const storage = await (await database(create)).open();
    const reader = directory(storage, { stampTtlMs: 0 });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(forest, fc.nat(), async (parents, pick) => {
        run += 1;
        const name = (i: number) => `d${run}-n${i}`;
        const parentOf = parentsOf(parents);
        for (const [i, p] of parentOf.entries()) {
          await storage.createAgency({ id: name(i), nameZh: `机构${run}-${i}`, level: 'township', ...(p === undefined ? {} : { parentId: name(p) }) });
          await storage.publishReport(report(`${name(i)}-2024`, `机构${run}-${i}`, 2024));
        }
        const root = pick % parentOf.length;
        const expected = subtreeOf(parentOf, root);
        const page = await reader.listing(name(root), {});
        expect(page?.reports.map((r) => r.agencyId).sort()).toEqual([...expected].map(name).sort());
        expect(page?.children.map((c) => c.id).sort()).toEqual(parentOf.flatMap((p, i) => (p === root ? [name(i)] : [])).sort());
      }),
      { numRuns: create === DATABASES[0].create ? 40 : 15 },
    );
  });
});
