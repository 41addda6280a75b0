/**
 * The county office's page in Debian's Chromium, on a server of its own holding a small synthetic
 * region (1 prefecture, 2 counties, 6 townships, 8 departments; tests/support/region): a county
 * official sees its county and everything below it, as cards at 360 px and a table at 1280 px, in
 * both languages (screenshots in artifacts/e2e/oversight-*.png); filters keep their state in the
 * address; a row opens its findings; the comparison draws its chart (Chartist), which no
 * resident's page ever downloads; the CSV comes with its BOM.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate, reportingYear } from '../../src/report/deadline.ts';
import { hashPassword } from '../../src/server/auth/password.ts';
import { openSqliteStorage } from '../../src/server/storage/sqlite.ts';
import { loadRegion, type LoadedRegion } from '../support/region/load.ts';
import { SMALL_REGION } from '../support/region/generate.ts';
import { OversightPage } from './pages/OversightPage.ts';
import { ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, startAppServer, type AppServer } from './support/app-server.ts';
import { DESKTOP, PHONE } from './support/browser.ts';
import { message, type Lang } from './support/content.ts';

const PASSWORD = 'county-office-1';
let tmp: string;
let server: AppServer;
let browser: Browser;
let region: LoadedRegion;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'lotho-oversight-'));
  const dataDir = join(tmp, 'data');
  let clock = new Date();
  mkdirSync(dataDir, { recursive: true });
  const storage = openSqliteStorage({ path: join(dataDir, 'lotho.sqlite'), now: () => clock });
  await storage.migrate();
  const today = beijingDate(new Date());
  region = await loadRegion(storage, { seed: 7, shape: SMALL_REGION, year: reportingYear(today), today }, (at) => {
    clock = at;
  });
  clock = new Date();
  const hash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
  await storage.createUser({ username: 'county', agencyId: region.ids.county, role: 'admin', passwordHash: hash });
  await storage.createUser({ username: 'region', agencyId: region.ids.region, role: 'admin', passwordHash: hash });
  await storage.close();
  server = await startAppServer(join(ARTIFACTS, 'oversight-server.log'), { dataDir });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS] });
});

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

afterAll(async () => {
  await browser.close();
  await server.stop();
  rmSync(tmp, { recursive: true, force: true });
});

async function signedIn(username: 'county' | 'region', viewport: { width: number; height: number }, lang: Lang = 'zh'): Promise<OversightPage> {
  const context = await browser.newContext({ baseURL: server.baseURL, viewport, locale: 'zh-CN' });
  contexts.push(context);
  const app = new OversightPage(await context.newPage());
  await app.signIn(lang, username, PASSWORD);
  return app;
}

describe('the oversight page', () => {
  for (const lang of ['zh', 'bo'] as const) {
    for (const viewport of [PHONE, DESKTOP]) {
      it(`shows the county and everything below it at ${viewport.width} px in ${lang}, without sideways scrolling`, async () => {
        const app = await signedIn('county', viewport, lang);
        await app.open(lang);
        // The county, its 3 townships and its 2 departments (SMALL_REGION).
        await expect.poll(() => app.rows.count()).toBe(6);
        expect(await app.page.locator('h1').innerText()).toBe(message(lang, 'oversight.title'));
        expect(await app.scrollWidth()).toBeLessThanOrEqual(viewport.width);
        // A table with its header row on a wide screen; cards (no header row) on a phone.
        expect(await app.page.locator('.oversight-list thead').isVisible()).toBe(viewport.width >= 768);
        await app.page.evaluate(() => document.fonts.ready);
        await app.page.screenshot({ path: join(ARTIFACTS, `oversight-${lang}-${viewport.width}.png`), fullPage: true });

        await app.page.locator('.tabs a').nth(1).click();
        await app.page.locator('.compare .frame svg').waitFor();
        // Last year's figures beside the year before (the year being reported is still mostly drafts).
        await app.open(lang, `?view=compare&year=${String(reportingYear(beijingDate(new Date())) - 1)}`);
        await app.page.locator('.compare .frame svg').waitFor();
        await expect.poll(() => app.page.locator('.compare [role=status]').count()).toBe(0);
        expect(await app.scrollWidth()).toBeLessThanOrEqual(viewport.width);
        await app.page.screenshot({ path: join(ARTIFACTS, `oversight-compare-${lang}-${viewport.width}.png`), fullPage: true });
      });
    }
  }

  it('keeps filters in the address, opens a row’s findings, and lets the region go down to a county', async () => {
    const app = await signedIn('region', DESKTOP);
    await app.open('zh');
    await expect.poll(() => app.rows.count()).toBe(18);
    await app.select(message('zh', 'oversight.filters.level')).selectOption('township');
    await expect.poll(() => app.rows.count()).toBe(6);
    expect(app.page.url()).toContain('level=township');
    await app.page.reload();
    await expect.poll(() => app.rows.count()).toBe(6);

    await app.open('zh', '?status=drafting');
    const drafting = await app.rows.count();
    expect(drafting).toBe(region.drafts);
    await app.rows.first().locator('button.findings').click();
    await app.page.locator('.row-findings .source').waitFor();
    expect(await app.page.locator('.row-findings .source').innerText()).toBe(message('zh', 'oversight.findingsOf.draft'));

    await app.open('zh');
    await app.page.locator('a.down').first().click();
    await expect.poll(() => app.page.url()).toContain(`agency=${region.ids.prefecture}`);
    await expect.poll(() => app.rows.count()).toBeLessThan(18);
  });

  it('downloads the CSV with its BOM; a resident’s pages never load the chart', async () => {
    const app = await signedIn('county', DESKTOP);
    const csv = await app.page.context().request.get('/api/oversight.csv');
    expect(csv.status()).toBe(200);
    expect([...(await csv.body()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const chartChunks: string[] = [];
    app.page.on('request', (request) => {
      if (/chart/iu.test(new URL(request.url()).pathname)) chartChunks.push(request.url());
    });
    await app.open('zh', '?view=compare');
    await app.page.locator('.compare .frame svg').waitFor();
    expect(chartChunks.length).toBeGreaterThan(0);

    const resident = await browser.newContext({ baseURL: server.baseURL, viewport: PHONE });
    contexts.push(resident);
    const page = await resident.newPage();
    const seen: string[] = [];
    page.on('request', (request) => seen.push(new URL(request.url()).pathname));
    for (const path of ['/zh', '/bo', `/zh/reports/${region.ids.county}-${reportingYear(beijingDate(new Date())) - 1}`]) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
    }
    expect(seen.filter((p) => /chart/iu.test(p))).toEqual([]);
  });
});
