/**
 * With JavaScript off (issue 12): pages that are not pre-rendered — the side-by-side view, the
 * kiosk, the editor — show the message in both languages, and its link opens the pre-rendered
 * report, which reads without scripts.
 */
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { artifact } from './support/browser.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './support/app-server.ts';
import { REPORT_ID, SEED, message } from './support/content.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS] });
});

afterAll(async () => {
  await browser.close();
});

describe('a browser with JavaScript off', () => {
  const pages = [
    { name: 'side-by-side', path: `/zh/reports/${REPORT_ID}/side-by-side`, report: true },
    { name: 'kiosk', path: `/kiosk?reports=${REPORT_ID}&langs=zh,bo`, report: true },
    { name: 'editor', path: '/bo/drafts', report: false },
  ];
  for (const { name, path, report } of pages) {
    it(`sees the ${name} say so in both languages, with a way to read`, async () => {
      const context = await browser.newContext({ baseURL: inject('baseURL'), javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
      try {
        const page = await context.newPage();
        await page.goto(path);
        const text = await page.locator('body').innerText();
        for (const lang of ['zh', 'bo'] as const) {
          expect(text).toContain(message(lang, 'app.noscript.needsScript'));
          expect(text).toContain(message(lang, report ? 'app.noscript.readReport' : 'app.noscript.readReports'));
        }
        await page.screenshot({ path: artifact(`noscript-${name}.png`) });
        if (!report) return;
        await page.getByRole('link', { name: message('zh', 'app.noscript.readReport') }).click();
        await page.waitForURL(`**/zh/reports/${REPORT_ID}`);
        // The pre-rendered page: its text is there without a script having run.
        expect(await page.locator('article.report h1').innerText()).toContain(SEED.agencyZh);
        expect(await page.locator('noscript').count()).toBe(0);
      } finally {
        await context.close();
      }
    });
  }
});
