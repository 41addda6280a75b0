/**
 * The Tibetan review in Debian's Chromium, on a server of its own: the review page at 360 px in
 * both languages (the comment row stays on the screen; the list filters by kind: UI string,
 * template term, report paragraph), and a reviewer's edit of a report paragraph reaching the
 * residents: the pre-rendered Tibetan page is rendered again with the reviewed text, and the
 * reader marks that paragraph reviewed. Screenshots in artifacts/e2e/review-*.png.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, startAppServer, type AppServer } from './support/app-server.ts';
import { artifact, PHONE } from './support/browser.ts';
import { message, REPORT_ID, type Lang } from './support/content.ts';
import { addAccounts, lotho } from './support/lotho-cli.ts';

const REVIEWER = { username: 'reviewer', password: 'review-bo-1', role: 'editor' } as const;

let tmp: string;
let dataDir: string;
let server: AppServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'lotho-review-'));
  dataDir = join(tmp, 'data');
  server = await startAppServer(join(ARTIFACTS, 'review-server.log'), { dataDir });
  addAccounts(dataDir, 'qingduo', [REVIEWER]);
  lotho(dataDir, ['review', 'grant', REVIEWER.username]);
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

async function phone(): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.baseURL, viewport: PHONE, locale: 'zh-CN' });
  contexts.push(context);
  return context.newPage();
}

/** The review page in `lang`, signed in as the reviewer, its list shown. */
async function reviewPage(lang: Lang): Promise<Page> {
  const page = await phone();
  await page.goto(`/${lang}/sign-in`);
  await page.fill('#sign-in-username', REVIEWER.username);
  await page.fill('#sign-in-password', REVIEWER.password);
  await page.click('form button[type=submit]');
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
  await page.goto(`/${lang}/review`);
  await page.locator('article.item').first().waitFor();
  return page;
}

describe('the review page', () => {
  for (const lang of ['zh', 'bo'] as const) {
    it(`at 360 px in ${lang}: the comment row stays on the screen, and the list filters by kind`, async () => {
      const page = await reviewPage(lang);
      await page.evaluate(() => document.fonts.ready);
      const overflow = await page.evaluate(() => ({
        document: document.documentElement.scrollWidth,
        rows: [...document.querySelectorAll('article.item')].slice(0, 10).flatMap((item) => {
          const box = item.getBoundingClientRect();
          return [...item.querySelectorAll('.comment-row > *')]
            .map((el) => el.getBoundingClientRect())
            .filter((r) => r.right > box.right + 0.5 || r.left < box.left - 0.5)
            .map((r) => `${Math.round(r.left)}–${Math.round(r.right)} outside ${Math.round(box.left)}–${Math.round(box.right)}`);
        }),
      }));
      await page.screenshot({ path: artifact(`review-360-${lang}-top.png`) });
      const wide = await page.evaluate((width) => [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > width + 0.5)
        .slice(0, 8)
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${Math.round(el.getBoundingClientRect().right)}`), PHONE.width);
      expect(overflow.document, wide.join('\n')).toBeLessThanOrEqual(PHONE.width);
      expect(overflow.rows).toEqual([]);

      const kinds = (): Promise<string[]> => page.locator('article.item .kind').allTextContents();
      expect((await kinds()).length).toBeGreaterThan(0);
      for (const kind of ['paragraph', 'term', 'ui'] as const) {
        await page.selectOption('select.kind-filter', kind);
        await expect.poll(async () => [...new Set(await kinds())]).toEqual([message(lang, `review.kinds.${kind}`)]);
        if (kind === 'paragraph') {
          await page.locator('article.item').first().scrollIntoViewIfNeeded();
          await page.screenshot({ path: artifact(`review-360-${lang}.png`) });
        }
      }
    });
  }
});

describe('a reviewed paragraph reaches the residents', () => {
  it('an edited Tibetan paragraph is served on the pre-rendered page and marked reviewed by the reader', async () => {
    const page = await reviewPage('zh');
    await page.selectOption('select.kind-filter', 'paragraph');
    // A paragraph of a section (the reader marks those), not of the preamble.
    const first = page.locator(`article.item[data-item^="para:${REPORT_ID}:"]:not([data-item^="para:${REPORT_ID}:preamble:"])`).first();
    const id = await first.getAttribute('data-item');
    // Reviewed items leave the default list (unreviewed only): show all, to see this one's answer.
    await page.selectOption('.counts select:not(.kind-filter)', 'all');
    const item = page.locator(`article.item[data-item="${id ?? ''}"]`);
    const before = (await item.locator('dd.bo').textContent())?.trim() ?? '';
    expect(before).toMatch(/[\u0F00-\u0FFF]/u);
    const edited = `${before.replace(/།$/u, '')} ཞིབ་དག་བྱས།`;
    await item.locator('.actions button').nth(1).click();
    await item.locator('textarea.bo-input').fill(edited);
    await item.locator('.actions button.primary').click();
    await expect.poll(() => item.locator('[role=status]').textContent()).toBe(message('zh', 'review.saved'));

    // The pages are rendered again in the background: the served HTML, as read with JavaScript off.
    const reader = await phone();
    await expect
      .poll(async () => (await reader.request.get(`/bo/reports/${REPORT_ID}`)).text(), { timeout: 30_000 })
      .toContain(edited);
    await reader.goto(`/bo/reports/${REPORT_ID}`);
    const paragraph = reader.locator('p', { hasText: 'ཞིབ་དག་བྱས།' }).first();
    await expect.poll(() => paragraph.getAttribute('data-reviewed')).toBe(message('bo', 'reader.prose.reviewed'));
    await paragraph.scrollIntoViewIfNeeded();
    await reader.screenshot({ path: artifact('review-reader-bo.png') });
  }, 120_000);
});
