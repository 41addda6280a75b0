/**
 * The pre-rendered Tibetan report page draws its text with its own subset of the Tibetan font
 * (server/page-font.ts). Here the built page, its scripts removed so that only the pre-rendered
 * HTML is drawn, is shown in Chromium three times: as built (the subset), with the subset's
 * <style> taken out (the whole Noto Serif Tibetan, fonts.css), and with no Tibetan web font at all.
 * The first two must be the same to the pixel over the whole page, every stack of the seed's
 * Tibetan included; the third shows that the comparison sees a difference in the font.
 */
import { writeFileSync } from 'node:fs';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { PAGE_FONT_ELEMENT_ID } from '../../src/contract/pages.ts';
import { PHONE, artifact, openSession, type Session } from './support/browser.ts';
import { REPORT_ID, message } from './support/content.ts';
import { ReportPage } from './pages/ReportPage.ts';

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

const PAGE_FONT_STYLE = new RegExp(`<style id="${PAGE_FONT_ELEMENT_ID}">[^<]*</style>`, 'u');
/** The subset's preload (the same data URL as its @font-face: server/page-font.ts). */
const PAGE_FONT_PRELOAD = /<link rel="preload" href="data:font\/woff2;[^"]*" as="font"[^>]*>/u;

type Variant = 'subset' | 'whole' | 'none';

/**
 * The report's sections are drawn only near the screen (content-visibility: auto, ReportPage.vue),
 * and a full-page screenshot leaves those below the first screens blank: every section is drawn
 * here, so that the comparison covers every stack of the page.
 */
const EVERY_SECTION_DRAWN = '<style>section{content-visibility:visible!important}</style>';

/** The built page's HTML as `variant` draws it, without scripts, every section drawn. */
function variantOf(html: string, variant: Variant): string {
  const withoutScripts = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/giu, '').replace('</head>', `${EVERY_SECTION_DRAWN}</head>`);
  if (variant === 'subset') return withoutScripts;
  const withoutSubset = withoutScripts.replace(PAGE_FONT_STYLE, '').replace(PAGE_FONT_PRELOAD, '');
  // No face of the family at all: the text falls back to whatever the machine has.
  return variant === 'whole' ? withoutSubset : withoutSubset.replace(/@font-face\{font-family:\s*['"]?Lotho Tibetan['"]?;[^}]*\}/gu, '');
}

/**
 * A full-page screenshot of `html` served at the page's own address (same origin, same assets)
 * with the headers the server sends the page (its Content-Security-Policy among them).
 */
async function draw(s: Session, html: string, headers: Record<string, string>, name: string): Promise<{ png: PNG; fontFiles: string[] }> {
  const path = `/bo/reports/${REPORT_ID}`;
  await s.page.route(`**${path}`, (route) => route.fulfill({ status: 200, headers, body: html }));
  const before = s.requests.length;
  await s.page.goto(path);
  const skipped = await s.page.evaluate(async () => {
    await document.fonts.ready;
    // A section's own box is drawn either way; what it skips is its content (its heading first).
    return [...document.querySelectorAll('section > h2')].filter((heading) => !heading.checkVisibility({ contentVisibilityAuto: true })).length;
  });
  expect(skipped, `${name}: sections left undrawn`).toBe(0);
  const file = artifact(`page-font-${name}.png`);
  const png = PNG.sync.read(await s.page.screenshot({ fullPage: true, path: file }));
  await s.page.unroute(`**${path}`);
  const fontFiles = s.requests.slice(before).map((request) => request.url()).filter((url) => url.endsWith('.woff2'));
  return { png, fontFiles };
}

function differentPixels(a: PNG, b: PNG, name: string): number {
  if (a.width !== b.width || a.height !== b.height) return Math.max(a.width * a.height, b.width * b.height);
  const diff = new PNG({ width: a.width, height: a.height });
  const count = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: 0 });
  writeFileSync(artifact(`page-font-diff-${name}.png`), PNG.sync.write(diff));
  return count;
}

describe('the pre-rendered Tibetan page’s own font', () => {
  it('draws the whole page, every stack of the seed, exactly as the whole font does, and fetches no font file', async () => {
    const response = await fetch(`${inject('baseURL')}/bo/reports/${REPORT_ID}`);
    const built = await response.text();
    const headers = Object.fromEntries([...response.headers].filter(([name]) => name === 'content-type' || name === 'content-security-policy'));
    expect(headers['content-security-policy']).toMatch(/font-src [^;]*data:/u);
    expect(built).toMatch(PAGE_FONT_STYLE);
    expect(built).toMatch(PAGE_FONT_PRELOAD);
    // No preload of a font file: the whole font is not fetched for this page.
    expect(built).not.toMatch(/<link rel="preload" href="(?!data:)[^"]*" as="font"/u);
    session = await openSession(PHONE);
    const subset = await draw(session, variantOf(built, 'subset'), headers, 'subset');
    const whole = await draw(session, variantOf(built, 'whole'), headers, 'whole');
    const none = await draw(session, variantOf(built, 'none'), headers, 'none');

    expect(subset.fontFiles, 'the subset page fetched a font file').toEqual([]);
    expect(whole.fontFiles, 'the comparison page did not use the whole font').toEqual([expect.stringMatching(/\/assets\/NotoSerifTibetan-[\w-]+\.woff2$/u)]);
    expect(subset.png.height).toBeGreaterThan(PHONE.height * 5);
    expect(differentPixels(whole.png, subset.png, 'subset-whole'), 'the subset draws differently: artifacts/e2e/page-font-diff-subset-whole.png').toBe(0);
    expect(differentPixels(whole.png, none.png, 'none-whole'), 'the comparison does not see another font').toBeGreaterThan(1000);
  }, 180_000);

  it('goes when the app leaves the page: other text is drawn with the whole font', async () => {
    session = await openSession(PHONE);
    const report = new ReportPage(session.page);
    await report.goto('bo', REPORT_ID);
    await report.waitForReport();
    const pageFont = session.page.locator(`#${PAGE_FONT_ELEMENT_ID}`);
    expect(await pageFont.count()).toBe(1);
    // Wait for the app to take the page over (Vue marks its container), so that the link is the
    // router's; a mark on window shows that the document stayed the same.
    await session.page.waitForFunction(() => {
      const container = document.getElementById('app');
      return container !== null && '__vue_app__' in container;
    });
    await session.page.evaluate(() => {
      document.documentElement.dataset.e2eSameDocument = 'yes';
    });
    await session.page.getByRole('link', { name: message('bo', 'reader.tools.sideBySide') }).click();
    await session.page.waitForURL(/\/side-by-side$/u);
    await expect.poll(() => pageFont.count()).toBe(0);
    expect(await session.page.evaluate(() => document.documentElement.dataset.e2eSameDocument)).toBe('yes');
  });
});
