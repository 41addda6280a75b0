/**
 * A review decision made through one server process reaches the others on the same PostgreSQL
 * (LISTEN/NOTIFY on the publications' channel): their reviewed Tibetan is built again, served at
 * /api/translations/bo, and their report and directory pages are rendered with it. The process
 * that decided hears its own decision too and does not render its pages twice for it.
 */
import type { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServedOverlay } from '../../src/report/review/overlay.ts';
import { reportPages } from '../../src/server/report-pages.ts';
import { reviewService } from '../../src/server/review/service.ts';
import type { PageRenderer } from '../../src/server/prerender.ts';
import type { ServerStorage } from '../../src/server/storage/types.ts';
import { jsonRequest, login, seedAccounts } from './accounts.ts';
import { DATABASES, useDatabases } from './databases.ts';
import { fakeBuild, fakeRenderer } from './fake-build.ts';
import { captureLogger, report, testApp } from './helpers.ts';

const database = useDatabases(afterEach);
const REVIEWED = 'དྲ་རྒྱ་མི་འདུག';

/** One server process as main.ts wires it: the review heard from the database, pages rendered with it. */
async function serverProcess(storage: ServerStorage) {
  const reports = fakeRenderer();
  const renderer: PageRenderer = {
    ...reports.renderer,
    // The reviewed text URI-encoded: Tibetan letters would have the page's font subset (a CPU-second).
    renderListingPage: (input) =>
      Promise.resolve({ html: `<!doctype html><div class="directory">${encodeURIComponent(input.translations?.messages['app.offline'] ?? 'unreviewed')}</div>` }),
  };
  const dist = fakeBuild();
  const announced: string[] = [];
  const pages = reportPages({ distDir: dist, storage, logger: captureLogger(), renderer, versionsTtlMs: 0 });
  let queued: Promise<void> = Promise.resolve();
  const review = reviewService(storage, {
    onChanged: (overlay) => {
      announced.push(overlay.revision);
      queued = pages.retranslated();
    },
  });
  /** Decisions heard from the storage and handled. */
  const heard = { count: 0 };
  await storage.watchReviews(() => {
    void review.reviewedElsewhere().then(() => {
      heard.count += 1;
    });
  });
  const { app } = testApp(storage, { staticDir: dist, pages, renderer, review });
  /** Resolves once the renders the last announcement asked for are done. */
  const rendered = async (): Promise<void> => {
    await queued;
    await pages.idle();
  };
  return { app, rendered, calls: reports.calls, announced, heard };
}

const overlayOf = async (app: Hono) => (await (await app.request('/api/translations/bo')).json()) as ServedOverlay;
const homePage = async (app: Hono) => (await app.request('/bo')).text();

async function decide(app: Hono): Promise<void> {
  const reviewer = await login(app, 'editor-a');
  const response = await app.request('/api/review/decisions', jsonRequest('POST', { decisions: [{ itemId: 'ui:app.offline', action: 'edit', bo: REVIEWED }] }, reviewer));
  expect(response.status, await response.clone().text()).toBe(200);
}

describe.each(DATABASES)('review decisions and server processes on $kind', ({ kind, create }) => {
  it(kind === 'postgres' ? 'a decision made through one process clears the others’ overlay and renders their pages again' : 'a decision is announced once to the process that made it', async () => {
    const db = await database(create);
    const storageA = await db.open();
    await seedAccounts(storageA);
    await storageA.publishReport(report('town-a-2024', '波密县倾多镇人民政府', 2024));
    expect(await storageA.grantReviewer('editor-a', 'test')).toBe(true);
    const a = await serverProcess(storageA);
    const b = kind === 'postgres' ? await serverProcess(await db.open()) : undefined;

    // Both have built and rendered with the overlay before the decision.
    for (const p of [a, b]) {
      if (p === undefined) continue;
      expect((await overlayOf(p.app)).reviewedKeys).toEqual([]);
      expect(await homePage(p.app)).toContain('unreviewed');
    }

    await decide(a.app);
    const revision = (await overlayOf(a.app)).revision;
    expect(await homePage(a.app)).toContain(encodeURIComponent(REVIEWED));

    if (b !== undefined) {
      await vi.waitFor(() => {
        expect(b.heard.count).toBe(1);
      }, { timeout: 30_000, interval: 20 });
      expect(b.announced).toEqual([revision]);
      expect((await overlayOf(b.app)).messages['app.offline']).toBe(REVIEWED);
      expect(await homePage(b.app)).toContain(encodeURIComponent(REVIEWED));
      await b.rendered();
      expect(b.calls.filter((c) => c.revision === revision).map((c) => c.lang).sort()).toEqual(['bo', 'zh']);
    }
    // The deciding process hears its own decision too (through the database, or its SQLite
    // storage): it is the overlay announced already, and its pages are not rendered twice for it.
    await vi.waitFor(() => {
      expect(a.heard.count).toBe(1);
    }, { timeout: 30_000, interval: 20 });
    await a.rendered();
    expect(a.announced).toEqual([revision]);
    expect(a.calls.filter((c) => c.revision === revision).map((c) => c.lang).sort()).toEqual(['bo', 'zh']);
  });
});
