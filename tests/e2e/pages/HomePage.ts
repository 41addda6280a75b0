/** The list of reports, /<lang> (src/pages/HomePage.vue, rendered on the server). */
import type { Locator, Response } from 'playwright-core';
import type { Lang } from '../support/content.ts';
import { AppPage } from './AppPage.ts';

export class HomePage extends AppPage {
  static path(lang: Lang): string {
    return `/${lang}`;
  }

  goto(lang: Lang): Promise<Response | null> {
    return this.page.goto(HomePage.path(lang));
  }

  get heading(): Locator {
    return this.page.locator('.home h1');
  }

  /** The agencies listed (their names as shown). */
  get agencies(): Locator {
    return this.page.locator('.home .agency h3');
  }

  /** The link to report `id`. */
  reportLink(lang: Lang, id: string): Locator {
    return this.page.locator(`.home a.year[href="/${lang}/reports/${encodeURIComponent(id)}"]`);
  }

  /** Waits until the list shows at least one agency. */
  async waitForList(timeout = 15_000): Promise<void> {
    await this.agencies.first().waitFor({ state: 'visible', timeout });
  }
}
