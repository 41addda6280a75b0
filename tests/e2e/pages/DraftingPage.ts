/**
 * An official's pages: sign-in, the drafts list, the editor's number cells, the sync status and
 * the conflict cards. Built on AppPage (service worker, main text).
 */
import type { Locator } from 'playwright-core';
import { expect } from 'vitest';
import { AppPage } from './AppPage.ts';
import type { Lang } from '../support/content.ts';

/** The DOM id of a cell's input (src/composables/useDraftForm.ts cellInputId). */
export function cellId(key: string): string {
  return `#cell-${key.replaceAll('.', '-')}`;
}

export class DraftingPage extends AppPage {
  async signIn(lang: Lang, username: string, password: string): Promise<void> {
    await this.page.goto(`/${lang}/sign-in`);
    await this.page.fill('#sign-in-username', username);
    await this.page.fill('#sign-in-password', password);
    await this.page.click('form button[type=submit]');
    await this.page.waitForURL(`**/${lang}/drafts`);
  }

  /** A blank draft of `template` for `year`, from the drafts page; resolves in its editor. Returns the local id. */
  async createBlank(year: number, template: '2019' | '2021' = '2021'): Promise<string> {
    await this.page.locator('.modes button').first().click();
    await this.page.fill('#new-year', String(year));
    await this.page.check(`input[name=template][value="${template}"]`);
    await this.page.click('form.panel button[type=submit]');
    await this.page.waitForURL(/\/drafts\/[^/]+\/info$/u);
    return this.draftId();
  }

  /** The draft id in the address. */
  draftId(): string {
    const match = /\/drafts\/([^/?]+)/u.exec(this.page.url());
    if (match?.[1] === undefined) throw new Error(`not an editor address: ${this.page.url()}`);
    return match[1];
  }

  async openStep(lang: Lang, id: string, step: string): Promise<void> {
    await this.page.goto(`/${lang}/drafts/${id}/${step}`);
    await this.page.locator('.editor .step').waitFor();
  }

  cell(key: string): Locator {
    return this.page.locator(cellId(key));
  }

  /** Types into a cell as a keyboard does (input events), then leaves it. */
  async type(key: string, text: string): Promise<void> {
    const input = this.cell(key);
    await input.fill(text);
    await input.blur();
  }

  get syncStatus(): Locator {
    return this.page.locator('.sync-status');
  }

  /** Waits until the status says everything is sent (after the 2 s delay, or "sync now"). */
  async waitSynced(allSent: string, timeout = 20_000): Promise<void> {
    await expect.poll(() => this.syncStatus.locator('.summary').innerText(), { timeout, interval: 200 }).toBe(allSent);
  }

  async syncNow(): Promise<void> {
    await this.syncStatus.locator('button.now').click();
  }

  get conflicts(): Locator {
    return this.page.locator('.draft-conflicts .conflict');
  }

  /** The drafts this device lists (ids from the links). */
  async listedDraftIds(): Promise<string[]> {
    const hrefs = await this.page.locator('a.draft').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    return hrefs.map((href) => /\/drafts\/([^/]+)/u.exec(href)?.[1] ?? '');
  }
}
