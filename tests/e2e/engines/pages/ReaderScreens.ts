/**
 * The residents' pages as a reader finds things on them, in any engine: the report's title
 * heading, the language switch, the status line, "keep on this device". Texts come from the
 * locales (support/content.ts), so a reworded message changes nothing here.
 */
import type { Device, Query } from '../engine.ts';
import { message, type Lang } from '../../support/content.ts';
import { PAGE_FONT_ELEMENT_ID } from '../../../../src/contract/pages.ts';

/** The Tibetan @font-face family (src/styles/fonts.css). */
export const TIBETAN_FAMILY = 'Lotho Tibetan';

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

export class ReaderScreens {
  constructor(readonly device: Device) {}

  static reportPath(lang: Lang, id: string): string {
    return `/${lang}/reports/${encodeURIComponent(id)}`;
  }

  /** The report's title: "<agency> <year> report" (ReportHeader's h1). */
  reportTitle(lang: Lang, year: number): Query {
    return { role: 'heading', name: new RegExp(`${escapeRegExp(message(lang, 'reader.title', { year }))}$`, 'u') };
  }

  async openReport(lang: Lang, id: string, year: number): Promise<void> {
    await this.device.goto(ReaderScreens.reportPath(lang, id));
    await this.device.waitFor(this.reportTitle(lang, year), 15_000);
  }

  /** The link to the same page in the other language, as shown on a `from` page. */
  langSwitch(from: Lang): Query {
    const to: Lang = from === 'zh' ? 'bo' : 'zh';
    return { role: 'link', name: new RegExp(`^${escapeRegExp(message(to, 'app.lang.self'))}\\s*${escapeRegExp(message(from, 'app.lang.switchHint'))}$`, 'u') };
  }

  /** "Data as of", "offline copy" and the other notices of a report page. */
  get reportStatus(): Query {
    return { css: '.report-status' };
  }

  /** The section "keep on this device" (ReportKeep). */
  keepSection(lang: Lang): Query {
    return { role: 'region', name: message(lang, 'reader.keep.title') };
  }

  /** The button keeping every report listed on the home page, whatever their number. */
  keepListedButton(lang: Lang): Query {
    const name = escapeRegExp(message(lang, 'reader.keep.listed')).replace('\\{count\\}', '\\d+');
    return { role: 'button', name: new RegExp(`^${name}$`, 'u'), within: this.keepSection(lang) };
  }

  /** What "keep" said (its live region). */
  keepResult(lang: Lang): Query {
    return { role: 'status', within: this.keepSection(lang) };
  }

  /**
   * The text of the page's main content, every section of a report drawn for the reading: they are
   * drawn only near the screen (content-visibility: auto, ReportPage.vue; reader-layout.e2e checks
   * that), and Firefox's innerText leaves out a section not drawn (Chromium's draws it to answer).
   */
  async mainText(): Promise<string> {
    const drawAll = (value: string): Promise<void> =>
      this.device.evaluate((contentVisibility) => {
        for (const section of document.querySelectorAll<HTMLElement>('main section')) section.style.contentVisibility = contentVisibility;
      }, value);
    await drawAll('visible');
    try {
      return await this.device.text({ css: 'main' });
    } finally {
      await drawAll('');
    }
  }

  htmlLang(): Promise<string> {
    return this.device.evaluate(() => document.documentElement.lang, null);
  }

  /** Whether the page scrolls sideways: the document's width beside the viewport's (scroll bar excluded). */
  widths(): Promise<{ scroll: number; client: number }> {
    return this.device.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }), null);
  }

  /** The Tibetan font once every pending font load has finished: usable, and each face's status. */
  tibetanFont(): Promise<{ check: boolean; faces: string[]; described: string[] }> {
    return this.device.evaluate(async (family) => {
      await document.fonts.ready;
      const faces = [...document.fonts].filter((face) => face.family.replace(/["']/gu, '') === family);
      return {
        check: document.fonts.check(`16px "${family}"`, 'ཀ'),
        faces: faces.map((face) => face.status),
        described: faces.map((face) => `${face.status} ${face.weight} ${face.unicodeRange.slice(0, 40)}`),
      };
    }, TIBETAN_FAMILY);
  }

  /** Paths of the web fonts this document fetched (Resource Timing: the same in every engine). */
  fontRequests(): Promise<string[]> {
    return this.device.evaluate(
      () => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname).filter((path) => path.endsWith('.woff2')),
      null,
    );
  }

  /** Whether the page carries its own subset of the Tibetan font (server/page-font.ts). */
  hasPageFont(): Promise<boolean> {
    return this.device.evaluate((id) => document.getElementById(id) !== null, PAGE_FONT_ELEMENT_ID);
  }

  /** The `href` of the page's preload of a font file, if any (not the inlined subset's data URL). */
  fontPreload(): Promise<string | null> {
    return this.device.evaluate(() => document.querySelector('link[rel="preload"][as="font"]:not([href^="data:"])')?.getAttribute('href') ?? null, null);
  }

  /** The script URL of the active service worker once there is one, null after `ms`. */
  serviceWorkerReady(ms = 15_000): Promise<string | null> {
    return this.device.evaluate(async (timeout) => {
      const none = new Promise<null>((resolve) => setTimeout(() => { resolve(null); }, timeout));
      const registration = await Promise.race([navigator.serviceWorker.ready, none]);
      return registration?.active?.scriptURL ?? null;
    }, ms);
  }

  controlled(): Promise<boolean> {
    return this.device.evaluate(() => navigator.serviceWorker.controller !== null, null);
  }
}
