/**
 * An official's screens as a person finds things on them, in any engine: sign-in, the drafts list
 * and a new blank draft, the editor's steps and number cells, the sync status and the conflict
 * cards. Cells are found by their row's and column's labels (from the template and locales/),
 * not by ids: the editor's markup may change, what it shows an official may not.
 */
import { cellLabelKeys } from '../../../../src/report/tables/index.ts';
import { getTemplate } from '../../../../src/report/templates/index.ts';
import type { CellKey } from '../../../../src/report/model.ts';
import { message, type Lang } from '../../support/content.ts';
import type { Account } from '../../support/lotho-cli.ts';
import type { Device, Query } from '../engine.ts';
import { escapeRegExp } from './ReaderScreens.ts';

type TemplateId = '2019' | '2021';
type Step = 'info' | 'overview' | 'active' | 'requests' | 'appeals' | 'problems' | 'other' | 'check';

/** How long a device's first sync may take to list a draft (the flows' other sync waits are 20–30 s). */
const FIRST_SYNC_MS = 30_000;

export class OfficialScreens {
  constructor(
    readonly device: Device,
    readonly lang: Lang = 'zh',
  ) {}

  private t(key: string, params: Record<string, string | number> = {}): string {
    return message(this.lang, key, params);
  }

  /** Waits until the address's path matches `pattern`. */
  async waitForPath(pattern: RegExp, timeout = 15_000): Promise<string> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const path = (await this.device.url()).pathname;
      if (pattern.test(path)) return path;
      if (Date.now() > deadline) throw new Error(`${this.device.engine}: still at ${path}, not ${String(pattern)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async signIn(account: Account): Promise<void> {
    await this.device.goto(`/${this.lang}/sign-in`);
    await this.device.fill({ label: this.t('auth.username') }, account.username);
    await this.device.fill({ label: this.t('auth.password') }, account.password);
    await this.device.click({ role: 'button', name: this.t('auth.signIn') });
    await this.waitForPath(new RegExp(`^/${this.lang}/drafts$`, 'u'));
  }

  /** A blank draft of `year` from the drafts page; resolves in its editor with the draft's id. */
  async createBlank(year: number, template: TemplateId = '2021'): Promise<string> {
    await this.device.click({ role: 'button', name: this.t('drafts.new.modes.blank') });
    await this.device.fill({ role: 'spinbutton', name: this.t('drafts.new.year') }, String(year));
    await this.device.click({ role: 'radio', name: this.t(`drafts.new.templates.t${template}`) });
    await this.device.click({ role: 'button', name: this.t('drafts.new.create') });
    const path = await this.waitForPath(/\/drafts\/[^/]+\/info$/u).catch(async (error: unknown) => {
      // Which it was: the draft listed (made, its editor not opened), "creating" still said, or
      // neither (the tap did not reach the button).
      const seen = await this.device.evaluate(() => document.body.innerText.replace(/\s+/gu, ' ').slice(0, 600), null).catch(() => '(nothing: navigating)');
      throw new Error(`${error instanceof Error ? error.message : String(error)}; the page showed: ${seen}`);
    });
    return path.split('/')[3] ?? '';
  }

  /**
   * Opens the draft of `year` from the drafts list. On a device that signed in moments ago the
   * list fills when its first sync has brought the agency's drafts (the page says so meanwhile):
   * waited for as long as the flows wait for a sync; the page saying "no drafts" fails at once.
   */
  async openDraft(year: number): Promise<void> {
    await this.device.goto(`/${this.lang}/drafts`);
    const link: Query = { role: 'link', name: new RegExp(`^${escapeRegExp(this.t('editor.title', { year }))}`, 'u') };
    const deadline = Date.now() + FIRST_SYNC_MS;
    while ((await this.device.find(link)).count === 0 && Date.now() < deadline) {
      const said = await this.device.evaluate(() => document.querySelector('.drafts-page .empty')?.textContent.trim() ?? '', null).catch(() => '');
      if (said === this.t('drafts.empty')) throw new Error(`${this.device.engine}: the drafts page says there are none: "${said}"`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await this.device.click(link);
    await this.waitForPath(/\/drafts\/[^/]+\/[a-z]+$/u);
  }

  async goStep(step: Step): Promise<void> {
    await this.device.click({ role: 'button', name: this.t(`editor.stepShort.${step}`), within: { role: 'navigation', name: this.t('editor.stepsLabel') } });
  }

  /** A number cell: the field labelled with its column, in the card of its row. */
  cell(key: CellKey, template: TemplateId = '2021'): Query {
    const labels = cellLabelKeys(getTemplate(template), key).map((label) => this.t(label));
    const column = labels.pop();
    const row = labels.pop();
    if (column === undefined || row === undefined) throw new Error(`no labels for cell ${key}`);
    return {
      label: new RegExp(`^${escapeRegExp(column)}`, 'u'),
      within: { role: 'group', name: new RegExp(escapeRegExp(row), 'u') },
    };
  }

  cellValue(key: CellKey): Promise<string> {
    return this.device.text(this.cell(key));
  }

  typeCell(key: CellKey, text: string): Promise<void> {
    return this.device.fill(this.cell(key), text);
  }

  get syncStatus(): Query {
    return { role: 'region', name: this.t('sync.title') };
  }

  syncText(): Promise<string> {
    return this.device.text(this.syncStatus);
  }

  async syncNow(): Promise<void> {
    await this.device.click({ role: 'button', name: this.t('sync.now'), within: this.syncStatus });
  }

  get conflicts(): Query {
    return { role: 'region', name: this.t('editor.conflicts.title') };
  }

  /** The open conflicts: each card's values, mine and the server's, as shown. */
  async conflictValues(): Promise<{ mine: string; theirs: string }[]> {
    const found = await this.device.find(this.conflicts);
    if (found.count === 0 || found.ref === null) return [];
    return this.device.evaluate(
      ({ ref, mine, theirs }) => {
        const region = document.querySelector(`[data-e2e-ref="${ref}"]`);
        const value = (card: Element, term: string): string => {
          const dt = [...card.querySelectorAll('dt')].find((d) => d.textContent.trim() === term);
          return dt?.nextElementSibling?.textContent.trim() ?? '';
        };
        return [...(region?.querySelectorAll('article') ?? [])].map((card) => ({ mine: value(card, mine), theirs: value(card, theirs) }));
      },
      { ref: found.ref, mine: this.t('editor.conflicts.mine'), theirs: this.t('editor.conflicts.theirs') },
    );
  }

  async keepMine(): Promise<void> {
    await this.device.click({ role: 'button', name: this.t('editor.conflicts.keepMine'), within: this.conflicts });
  }

  /** The active service worker's script URL, or null after 15 s. */
  serviceWorkerReady(): Promise<string | null> {
    return this.device.evaluate(async () => {
      const none = new Promise<null>((resolve) => setTimeout(() => { resolve(null); }, 15_000));
      const registration = await Promise.race([navigator.serviceWorker.ready, none]);
      return registration?.active?.scriptURL ?? null;
    }, null);
  }
}
