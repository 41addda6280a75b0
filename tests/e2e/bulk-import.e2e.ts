/**
 * An admin's bulk import in Debian's Chromium, on a server of its own: on the accounts page the
 * admin picks a zip of past reports, asks for them to be published, sees the table of what became
 * of each file, and the published report is then served to residents (`/api/reports/<id>`).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, ROOT, startAppServer, type AppServer } from './support/app-server.ts';
import { PHONE } from './support/browser.ts';
import { lotho } from './support/lotho-cli.ts';

const ADMIN = { username: 'county-admin', password: 'bulk-import-1' };

let tmp: string;
let server: AppServer;
let browser: Browser;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'lotho-bulk-'));
  const dataDir = join(tmp, 'data');
  server = await startAppServer(join(ARTIFACTS, 'bulk-import-server.log'), { dataDir });
  lotho(dataDir, ['user', 'add', '--username', ADMIN.username, '--agency', 'qingduo', '--role', 'admin', '--password-stdin'], `${ADMIN.password}\n`);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS] });
});

afterAll(async () => {
  await browser.close();
  await server.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('bulk import from the accounts page', () => {
  it('publishes the complete reports of a zip and lists what became of each file', async () => {
    const context = await browser.newContext({ baseURL: server.baseURL, viewport: PHONE, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto('/zh/sign-in');
    await page.fill('#sign-in-username', ADMIN.username);
    await page.fill('#sign-in-password', ADMIN.password);
    await page.click('form button[type=submit]');
    await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
    await page.goto('/zh/accounts');
    await page.locator('.bulk-import').waitFor();
    const zip = zipSync({
      '2021/report.txt': new Uint8Array(readFileSync(join(ROOT, 'tests/fixtures/import/b-pipe-rows-2021.txt'))),
      'minutes.txt': strToU8('会议纪要\n今天讨论了食堂菜单。\n'),
    });
    await page.selectOption('#bulk-agency', 'qingduo');
    await page.setInputFiles('#bulk-zip', { name: 'county.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await page.check('.bulk input[name="publish"]');
    await page.click('form.bulk button[type=submit]');
    await page.locator('.results tbody tr').nth(1).waitFor({ timeout: 60_000 });
    const rows = await page.locator('.results tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
    expect(rows).toEqual([
      ['2021/report.txt', '2021', '已发布', 'qingduo-2021'],
      ['minutes.txt', '', '无法导入', '不是政府信息公开工作年度报告'],
    ]);
    const published = await page.request.get('/api/reports/qingduo-2021');
    expect(published.status()).toBe(200);
    const body = (await published.json()) as { report: { meta: { year: number } } };
    expect(body.report.meta.year).toBe(2021);
    await context.close();
  });
});
