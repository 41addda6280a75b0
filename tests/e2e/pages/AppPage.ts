/**
 * What every page of the app has: the address, the shell's language switch, the document's
 * width, `<html lang>`, fonts, and the service worker. ReportPage and HomePage build on it.
 */
import type { Locator, Page } from 'playwright-core';
import type { Lang } from '../support/content.ts';

/** The Tibetan @font-face family (src/styles/fonts.css). */
export const TIBETAN_FAMILY = 'Lotho Tibetan';

export interface FontState {
  /** document.fonts.check('16px "Lotho Tibetan"', 'ཀ') after document.fonts.ready. */
  check: boolean;
  /** Status of each @font-face of the Tibetan family. */
  faces: string[];
}

export class AppPage {
  constructor(readonly page: Page) {}

  /** The link to the same page in the other language (AppLangSwitch). */
  get langSwitch(): Locator {
    return this.page.locator('a.lang-switch');
  }

  /** Visible text of the page's main element. */
  mainText(): Promise<string> {
    return this.page.locator('main#main').innerText();
  }

  htmlLang(): Promise<string> {
    return this.page.evaluate(() => document.documentElement.lang);
  }

  /** Width of the whole document, to compare with the viewport's. */
  scrollWidth(): Promise<number> {
    return this.page.evaluate(() => document.documentElement.scrollWidth);
  }

  /** The Tibetan font's state once every pending font load has finished. */
  tibetanFont(): Promise<FontState> {
    return this.page.evaluate(async (family) => {
      await document.fonts.ready;
      const faces = [...document.fonts].filter((face) => face.family.replace(/["']/g, '') === family);
      return { check: document.fonts.check(`16px "${family}"`, 'ཀ'), faces: faces.map((face) => face.status) };
    }, TIBETAN_FAMILY);
  }

  /**
   * Waits for an active service worker (navigator.serviceWorker.ready) and returns its script URL,
   * or null when none became active within `ms`.
   */
  serviceWorkerReady(ms = 15_000): Promise<string | null> {
    return this.page.evaluate(async (timeout) => {
      if (!('serviceWorker' in navigator)) return null;
      const none = new Promise<null>((resolve) => setTimeout(() => { resolve(null); }, timeout));
      const registration = await Promise.race([navigator.serviceWorker.ready, none]);
      return registration?.active?.scriptURL ?? null;
    }, ms);
  }

  /** Whether a service worker controls this page. */
  controlled(): Promise<boolean> {
    return this.page.evaluate(() => navigator.serviceWorker.controller !== null);
  }

  /** Follows the language switch to `lang` (a client-side navigation) and waits for the address. */
  async switchTo(lang: Lang): Promise<void> {
    await this.langSwitch.click();
    await this.page.waitForURL((url) => url.pathname.startsWith(`/${lang}`));
  }
}
