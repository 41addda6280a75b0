/** The county office's page: its rows (cards on a phone), filters, tabs, findings and chart. */
import type { Locator } from 'playwright-core';
import { DraftingPage } from './DraftingPage.ts';
import type { Lang } from '../support/content.ts';

export class OversightPage extends DraftingPage {
  async open(lang: Lang, query = ''): Promise<void> {
    await this.page.goto(`/${lang}/oversight${query}`);
    await this.page.locator('.oversight-list, .oversight .problem, .compare').first().waitFor();
  }

  /** The agencies listed, by their id (from each row's findings or report link is not enough: the names are shown). */
  get rows(): Locator {
    return this.page.locator('.oversight-list tbody');
  }

  rowNames(): Promise<string[]> {
    return this.page.locator('.oversight-list tbody th.agency > span:first-child').allInnerTexts();
  }

  select(label: string): Locator {
    return this.page.locator('.filters label', { hasText: label }).locator('select');
  }
}
