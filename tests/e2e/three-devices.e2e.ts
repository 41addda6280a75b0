/**
 * One draft, any device (issue 11), in Debian's Chromium with three browser contexts for three
 * devices of one publisher: device 1 edits a cell offline, device 2 changes the same cell online,
 * device 1 syncs → the conflict; device 3, new, signs in, opens the draft by its address, sees the
 * conflict with who made each side and when, resolves it and publishes; residents see the report
 * in both languages. A screenshot of each step is kept in artifacts/e2e/three-devices-*.png.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankReport } from '../../src/report/factory.ts';
import { DraftingPage } from './pages/DraftingPage.ts';
import { ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, startAppServer, type AppServer } from './support/app-server.ts';
import { addAccounts } from './support/lotho-cli.ts';
import { message } from './support/content.ts';

const PUBLISHER = { username: 'tashi', password: 'tashi-secret-3', role: 'publisher' } as const;
/** 二 行政许可 本年处理决定数量: a count no total or rule ties to the others. */
const CELL = 'active.licensing.decisions';
const YEAR = 2024;
const REPORT_ID = `qingduo-${String(YEAR)}`;
const ALL_SENT = message('zh', 'sync.allSent');
/** src/modules/official-precache.ts OFFICIALS_CACHE (an app module: outside the tests' TypeScript project). */
const OFFICIALS_CACHE = 'lotho-officials';

let tmp: string;
let server: AppServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'lotho-three-devices-'));
  const dataDir = join(tmp, 'data');
  server = await startAppServer(join(ARTIFACTS, 'three-devices-server.log'), { dataDir });
  addAccounts(dataDir, 'qingduo', [PUBLISHER]);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS] });
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser.close();
  await server.stop();
  rmSync(tmp, { recursive: true, force: true });
});

interface Device {
  context: BrowserContext;
  page: Page;
  app: DraftingPage;
}

async function device(viewport: { width: number; height: number }): Promise<Device> {
  const context = await browser.newContext({ baseURL: server.baseURL, viewport, locale: 'zh-CN' });
  contexts.push(context);
  const page = await context.newPage();
  return { context, page, app: new DraftingPage(page) };
}

async function signedIn(viewport: { width: number; height: number }): Promise<Device> {
  const d = await device(viewport);
  await d.app.signIn('zh', PUBLISHER.username, PUBLISHER.password);
  expect(await d.app.serviceWorkerReady(), 'no service worker (is the build a production build?)').not.toBeNull();
  return d;
}

const shot = (d: Device, name: string) => d.page.screenshot({ path: join(ARTIFACTS, `three-devices-${name}.png`), fullPage: false });

async function serverValue(d: Device): Promise<unknown> {
  const list = (await (await d.context.request.get('/api/drafts')).json()) as { drafts: { id: string; reportId: string }[] };
  const draft = list.drafts.find((x) => x.reportId === REPORT_ID);
  if (draft === undefined) return undefined;
  const body = (await (await d.context.request.get(`/api/drafts/${draft.id}`)).json()) as { draft: { fields: Record<string, { value: unknown }> } };
  return body.draft.fields[`cell:${CELL}`]?.value;
}

describe('three devices of one publisher', () => {
  it('conflict made by two, resolved and published from a third opened by its address; residents read it in zh and bo', { timeout: 300_000 }, async () => {
    const phone = await signedIn({ width: 360, height: 740 });
    // The draft: all zeros, which passes every rule (made on the server, as from a Word file).
    const document = blankReport({ id: 'x', template: '2021', year: YEAR, agencyZh: '波密县倾多镇人民政府', level: 'township', fill: 0 });
    const created = await phone.context.request.post('/api/drafts', { data: { from: 'document', document } });
    expect(created.status()).toBe(201);
    await phone.app.syncNow();
    await phone.app.openStep('zh', REPORT_ID, 'active');
    await phone.app.waitSynced(ALL_SENT);
    // The officials' precache is on the device: the editor opens offline.
    await expect.poll(() => phone.page.evaluate(async (name) => (await (await caches.open(name)).keys()).length, OFFICIALS_CACHE), { timeout: 30_000 }).toBeGreaterThan(20);

    // Device 1, offline, changes the cell.
    await phone.context.setOffline(true);
    await phone.page.reload();
    await phone.page.locator('.editor .step').waitFor();
    await phone.app.type(CELL, '7');
    await expect.poll(() => phone.app.syncStatus.innerText()).toContain(message('zh', 'sync.pending', { count: 1 }));
    await shot(phone, '1-phone-offline-edit');

    // Device 2, online, changes the same cell.
    const office = await signedIn({ width: 1280, height: 900 });
    await office.app.openStep('zh', REPORT_ID, 'active');
    await office.app.type(CELL, '9');
    await expect.poll(() => serverValue(office), { timeout: 20_000, interval: 500 }).toBe(9);
    await shot(office, '2-office-online-edit');

    // Device 1 syncs: the conflict, with both values; the server keeps its value.
    await phone.context.setOffline(false);
    await phone.app.syncNow();
    await expect.poll(() => phone.app.conflicts.count(), { timeout: 30_000 }).toBe(1);
    expect(await phone.app.conflicts.first().locator('.mine').innerText()).toBe('7');
    expect(await phone.app.conflicts.first().locator('.theirs').innerText()).toBe('9');
    expect(await serverValue(phone)).toBe(9);
    await shot(phone, '3-phone-conflict');

    // Device 3, new: signs in, opens the draft by its address, sees the conflict with who and when.
    const desk = await signedIn({ width: 1024, height: 800 });
    await desk.app.openStep('zh', REPORT_ID, 'active');
    await expect.poll(() => desk.app.conflicts.count(), { timeout: 30_000 }).toBe(1);
    const card = desk.app.conflicts.first();
    expect(await card.locator('.mine').innerText()).toBe('7');
    expect(await card.locator('.theirs').innerText()).toBe('9');
    expect(await card.locator('dt').first().innerText()).toBe(message('zh', 'editor.conflicts.later'));
    expect(await card.locator('.mine-by').innerText()).toMatch(new RegExp(`^${PUBLISHER.username} · \\d{4}年.* · ${message('zh', 'editor.conflicts.otherDevice')}$`, 'u'));
    expect(await card.locator('.theirs-by').innerText()).toMatch(new RegExp(`^${PUBLISHER.username} · \\d{4}年.* · ${message('zh', 'editor.conflicts.otherDevice')}$`, 'u'));
    await expect.poll(() => desk.app.syncStatus.innerText()).toContain(message('zh', 'sync.conflicts', { count: 1 }));
    await shot(desk, '4-desk-sees-conflict');

    await card.getByRole('button', { name: message('zh', 'editor.conflicts.keepLater') }).click();
    await expect.poll(() => desk.app.conflicts.count()).toBe(0);
    await expect.poll(() => serverValue(desk), { timeout: 20_000, interval: 500 }).toBe(7);

    // Publish from device 3.
    await desk.app.openStep('zh', REPORT_ID, 'check');
    await desk.page.locator('.draft-publish button.primary').first().click();
    const acknowledge = desk.page.locator('.draft-publish .ack input');
    if ((await acknowledge.count()) > 0) await acknowledge.check();
    await desk.page.locator('.draft-publish .dialog button.primary').click();
    await expect.poll(() => desk.page.locator('.draft-publish .result').innerText(), { timeout: 30_000 }).toContain(message('zh', 'editor.publish.done', { version: 1 }));
    await shot(desk, '5-desk-published');

    // Resolved on device 3: closed on device 1 at its next sync, which shows the kept value.
    await phone.app.syncNow();
    await expect.poll(() => phone.app.conflicts.count(), { timeout: 20_000 }).toBe(0);
    expect(await phone.app.cell(CELL).inputValue()).toBe('7');

    // Residents see the report in both languages.
    const resident = await device({ width: 360, height: 740 });
    for (const lang of ['zh', 'bo'] as const) {
      await resident.page.goto(`/${lang}/reports/${REPORT_ID}`);
      await resident.page.locator('h1').first().waitFor();
      const text = await resident.page.locator('body').innerText();
      expect(text).toContain(lang === 'zh' ? '波密县倾多镇' : 'སྤོ་མེས་རྫོང་');
      expect(text).toContain(String(YEAR));
      await shot(resident, `6-resident-${lang}`);
    }
  });
});
