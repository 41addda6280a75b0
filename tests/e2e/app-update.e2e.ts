/**
 * The update flow on the built app in Chromium: a new version of the service worker waits, the
 * banner asks, the reader's "reload" posts the go-ahead (modules/sw-messages.ts), the waiting
 * worker takes control and the page reloads under it. Should the page's message and the
 * worker's listener (src/sw.ts) ever disagree, the new version keeps waiting and the page never
 * reloads.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { ReportPage } from './pages/ReportPage.ts';
import { openSession, type Session } from './support/browser.ts';
import { REPORT_ID, message } from './support/content.ts';
import { startWorkerVersionProxy, type WorkerVersionProxy } from './support/sw-version-proxy.ts';

let session: Session | undefined;
let proxy: WorkerVersionProxy | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
  await proxy?.close();
  proxy = undefined;
});

/** The page's service worker registration as the test needs it: who waits, who controls. */
interface Workers {
  waiting: boolean;
  active: string | null;
  controlled: boolean;
}

describe('a new version of the app', () => {
  it('waits until the reader agrees, then controls the page, which reloads', async () => {
    proxy = await startWorkerVersionProxy(inject('baseURL'));
    session = await openSession(undefined, proxy.baseURL);
    const { page } = session;
    const report = new ReportPage(page);
    await report.goto('zh', REPORT_ID);
    await report.waitForReport();
    expect(await report.serviceWorkerReady(), 'no service worker (is the build a production build?)').not.toBeNull();
    await expect.poll(() => report.controlled(), { timeout: 15_000 }).toBe(true);

    const workers = (): Promise<Workers> =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return {
          waiting: registration?.waiting !== null && registration?.waiting !== undefined,
          active: registration?.active?.state ?? null,
          controlled: navigator.serviceWorker.controller !== null,
        };
      });

    // The server now has another sw.js; the app's periodic check (modules/pwa.ts) finds it.
    proxy.publishNewWorker();
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    const reload = page.getByRole('button', { name: message('zh', 'app.update.reload') });
    await reload.waitFor({ state: 'visible', timeout: 15_000 });
    // It waits: the page is still the old version's, nothing was taken from under the reader.
    expect(await workers()).toEqual({ waiting: true, active: 'activated', controlled: true });

    await page.evaluate(() => {
      document.documentElement.dataset.e2eBeforeUpdate = 'yes';
    });
    await reload.click();
    // The page reloads once the new worker controls it (the marker goes with the old document).
    await page.waitForFunction(() => document.documentElement.dataset.e2eBeforeUpdate === undefined, null, { timeout: 15_000 });
    await report.waitForReport();
    await expect.poll(workers, { timeout: 15_000 }).toEqual({ waiting: false, active: 'activated', controlled: true });
    expect(await reload.count()).toBe(0);
    expect(session.pageErrors).toEqual([]);
  });
});
