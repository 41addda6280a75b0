/**
 * The officials' core flow in one engine, against the shared server: sign in, a new draft, edits
 * made with the device's link cut kept through a reload, sent when the app is next opened (no
 * engine but Chromium has Background Sync: this is the fallback every iPhone and Firefox takes),
 * and a conflict with a colleague's edit shown with both values and resolved.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CellKey } from '../../../../src/report/model.ts';
import { message } from '../../support/content.ts';
import { addAccounts, addAgency, type Account } from '../../support/lotho-cli.ts';
import { OfficialScreens } from '../pages/OfficialScreens.ts';
import { ServerView } from '../server-view.ts';
import { DESKTOP, type EngineContext } from '../suite.ts';

const PERSON = 'requests.new_received.natural_person' as CellKey;
const TOTAL = 'requests.new_received.total' as CellKey;
const YEAR = 2024;
const ALL_SENT = message('zh', 'sync.allSent');

export function officialsFlows(ctx: EngineContext): void {
  describe(`officials in ${ctx.name}`, () => {
    const field: Account = { username: `${ctx.name}-field`, password: 'field-secret-1', role: 'publisher' };
    const office: Account = { username: `${ctx.name}-office`, password: 'office-secret-2', role: 'editor' };

    beforeAll(() => {
      // An agency of this engine's own: drafts are one per agency and year.
      addAgency(ctx.dataDir, { id: `e2e-${ctx.name}`, zh: `${ctx.name}测试镇人民政府`, bo: 'ཚོད་ལྟའི་གྲོང་རྡལ་མི་དམངས་སྲིད་གཞུང་།' });
      addAccounts(ctx.dataDir, `e2e-${ctx.name}`, [field, office]);
    });

    it('edit offline, reload, sync when the app is next opened, resolve a conflict with the office', { timeout: 180_000 }, async () => {
      const server = await ServerView.signIn(ctx.serverURL, office);
      const phone = new OfficialScreens(await ctx.device());
      await phone.signIn(field);
      expect(await phone.serviceWorkerReady(), 'no service worker').not.toBeNull();
      await phone.createBlank(YEAR);
      await expect.poll(() => phone.syncText(), { timeout: 20_000 }).toContain(ALL_SENT);
      await phone.goStep('requests');
      // A full load of the editor while online, so that its chunks are in the service worker's cache.
      await phone.device.reload();
      await phone.device.waitFor(phone.cell(PERSON), 15_000);

      phone.device.link.cut();
      await phone.typeCell(PERSON, '༡༢');
      await phone.typeCell(TOTAL, '5');
      // Reloaded the moment the last key is typed: the page goes away with its writes to IndexedDB
      // queued or in flight (WebKit's, the slowest, lost the last edit so). Nothing typed is lost.
      await phone.device.reload();
      await phone.device.waitFor(phone.cell(PERSON), 15_000);
      expect(await phone.cellValue(PERSON)).toBe('12');
      expect(await phone.cellValue(TOTAL)).toBe('5');
      // Two edits, two entries (between failed attempts WebKit shows "syncing" for a second each time).
      await expect.poll(() => phone.syncText(), { timeout: 15_000, interval: 200 }).toContain(message('zh', 'sync.pending', { count: 2 }));
      await phone.device.screenshot(ctx.artifact('drafting-offline-360.png'));
      expect(await server.field(YEAR, `cell:${PERSON}`)).toBeNull();

      // The office, online, changes the same total.
      const desk = new OfficialScreens(await ctx.device({ viewport: DESKTOP }));
      await desk.signIn(office);
      await desk.openDraft(YEAR);
      await desk.goStep('requests');
      await desk.typeCell(TOTAL, '7');
      await expect.poll(() => server.field(YEAR, `cell:${TOTAL}`), { timeout: 20_000, interval: 500 }).toBe(7);

      // The phone's official closes the app; the signal returns; the next page of the app they open sends the outbox.
      await phone.device.goto('about:blank');
      phone.device.link.restore();
      await phone.device.goto('/zh');
      await expect.poll(() => server.field(YEAR, `cell:${PERSON}`), { timeout: 30_000, interval: 500 }).toBe(12);

      await phone.openDraft(YEAR);
      await phone.goStep('requests');
      await expect.poll(() => phone.conflictValues(), { timeout: 20_000 }).toEqual([{ mine: '5', theirs: '7' }]);
      expect(await server.field(YEAR, `cell:${TOTAL}`)).toBe(7);
      await phone.device.screenshot(ctx.artifact('drafting-conflict-360.png'));
      await phone.keepMine();
      await expect.poll(() => phone.conflictValues()).toEqual([]);
      await expect.poll(() => server.field(YEAR, `cell:${TOTAL}`), { timeout: 20_000, interval: 500 }).toBe(5);
      await desk.syncNow();
      await expect.poll(() => desk.cellValue(TOTAL), { timeout: 20_000 }).toBe('5');
    });
  });
}
