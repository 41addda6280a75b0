/**
 * Offline first, in Debian's Chromium with playwright's request routing: a cached copy that went
 * bad is dropped and fetched again; a failing API leaves the cached copy on screen with a notice.
 * The offline reload after one visit, in both languages, runs in every engine
 * (engines/flows/reader.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseReportJson } from '../../src/report/schema.ts';
import { ReportPage, type StoredReport } from './pages/ReportPage.ts';
import { openSession, type Session } from './support/browser.ts';
import { REPORT_ID, SEED, message } from './support/content.ts';

let session: Session | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** Opens the Chinese report online and waits until the app has kept its copy in IndexedDB. */
async function visitOnline(): Promise<{ s: Session; report: ReportPage; stored: StoredReport }> {
  session = await openSession();
  const s = session;
  const report = new ReportPage(s.page);
  await report.goto('zh', REPORT_ID);
  await report.waitForReport();
  const stored = await waitForStored(report);
  return { s, report, stored };
}

/** The cached copy of the seed once it is a valid report (polls: the store writes after rendering). */
async function waitForStored(report: ReportPage): Promise<StoredReport> {
  let stored: StoredReport | undefined;
  await expect
    .poll(
      async () => {
        stored = await report.storedReport(REPORT_ID);
        return stored !== undefined && isValidReport(stored.document);
      },
      { timeout: 10_000, interval: 100 },
    )
    .toBe(true);
  if (stored === undefined) throw new Error('unreachable: polled until stored');
  return stored;
}

function isValidReport(document: unknown): boolean {
  try {
    parseReportJson(JSON.stringify(document));
    return true;
  } catch {
    return false;
  }
}

describe('a corrupt cached copy', () => {
  it('is dropped and fetched again: the page shows the report and the stored copy is valid again', async () => {
    const { s, report, stored } = await visitOnline();

    // Garbage under the real ETag: the app must not revalidate it (a 304 would keep the garbage).
    await report.writeStoredReport({ ...stored, document: { meta: 'garbage', cells: [42], sections: null } });
    expect(isValidReport((await report.storedReport(REPORT_ID))?.document)).toBe(false);

    const refetched = s.page.waitForResponse((r) => r.url().endsWith(`/api/reports/${REPORT_ID}`) && r.status() === 200);
    await s.page.reload();
    await refetched;
    await report.waitForReport();
    expect(await report.agency.innerText()).toContain(SEED.agencyZh);
    expect(await report.articleText()).toContain(SEED.figure);

    const again = await waitForStored(report);
    expect(again.etag).toBe(stored.etag);
    expect(s.pageErrors).toEqual([]);
  });

  it('that is not even an object is dropped too', async () => {
    const { s, report, stored } = await visitOnline();
    await report.writeStoredReport({ ...stored, etag: null, document: 'garbage' });
    await s.page.reload();
    await report.waitForReport();
    expect(await report.articleText()).toContain(SEED.figure);
    await waitForStored(report);
  });
});

/** Every request to the API (/api/…). */
function isApi(url: URL): boolean {
  return url.pathname.startsWith('/api/');
}

describe('a failing API', () => {
  it('answering 500: the cached copy is shown with the notice', async () => {
    const { s, report } = await visitOnline();

    // The whole API (the report and the index the page also asks for). context.route also sees
    // the requests a service worker makes on the page's behalf.
    await s.context.route(isApi, (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'internal_error', message: 'Internal error' } }),
      }),
    );
    await s.page.reload();
    await report.waitForReport();
    expect(await report.articleText()).toContain(SEED.figure);
    await expect.poll(() => report.status.innerText()).toContain(message('zh', 'reader.notices.refresh_failed'));
  });

  it('unreachable (connection refused): the cached copy is shown with the offline notice', async () => {
    const { s, report } = await visitOnline();

    await s.context.route(isApi, (route) => route.abort('connectionrefused'));
    await s.page.reload();
    await report.waitForReport();
    expect(await report.articleText()).toContain(SEED.figure);
    // A fetch that fails outright means no connection: the app says it shows the offline copy.
    await expect.poll(() => report.status.innerText()).toContain(message('zh', 'reader.status.offlineCopy'));
  });
});
