/**
 * The Tibetan home and agency pages, rendered on the server, draw their Tibetan with the subset of
 * the font they carry (server/page-font.ts, directory/pages.ts), as the report pages do: no font
 * file is fetched for them, the whole Noto Serif Tibetan (156 KiB) included, once the app has
 * taken the page over and every font load has settled.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PAGE_FONT_ELEMENT_ID } from '../../src/contract/pages.ts';
import { HomePage } from './pages/HomePage.ts';
import { PHONE, openSession, type Session } from './support/browser.ts';

let session: Session | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** Opens `path`, waits for the list, the app and every font load, and returns the font files fetched. */
async function fontFilesOf(s: Session, home: HomePage, path: string): Promise<string[]> {
  const before = s.requests.length;
  await s.page.goto(path);
  await home.waitForList();
  await s.page.waitForFunction(() => {
    const container = document.getElementById('app');
    return container !== null && '__vue_app__' in container;
  });
  const font = await home.tibetanFont();
  expect(font.faces, 'the page’s own subset drew its Tibetan').toContain('loaded');
  expect(await s.page.locator(`#${PAGE_FONT_ELEMENT_ID}`).count()).toBe(1);
  return s.requests.slice(before).map((request) => request.url()).filter((url) => /\.woff2(?:$|\?)/u.test(url));
}

describe('the Tibetan directory pages', () => {
  it('fetch no font file: the home page and an agency page carry their own subset', async () => {
    session = await openSession(PHONE);
    const home = new HomePage(session.page);
    expect(await fontFilesOf(session, home, HomePage.path('bo'))).toEqual([]);
    const agency = await session.page.locator('.home a[href^="/bo/agencies/"]').first().getAttribute('href');
    if (agency === null) throw new Error('the Tibetan home page links no agency');
    // A new page load (not the app's navigation): the agency page as the server renders it.
    expect(await fontFilesOf(session, home, agency)).toEqual([]);
  });
});
