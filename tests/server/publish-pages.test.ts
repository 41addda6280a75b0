/**
 * Publishing re-renders the report's pre-rendered pages (src/server/report-pages.ts), on both
 * databases: the publish answer does not wait for it, the older pages are never served once a
 * newer version is committed, a failed rendering removes them, and a server process serves the app
 * shell for a page another process made out of date.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Hono } from 'hono';
import { DraftResponseSchema } from '../../src/contract/drafts.ts';
import { ReportResponseSchema } from '../../src/contract/reports.ts';
import { pageVersion, writePage } from '../../src/server/page-files.ts';
import { reportPages, type ReportPages } from '../../src/server/report-pages.ts';
import { LANGS } from '../../src/report/model.ts';
import { blankReport } from '../../src/report/factory.ts';
import { jsonRequest, login } from './accounts.ts';
import { apiSetup } from './api-setup.ts';
import { DATABASES, useDatabases } from './databases.ts';
import { fakeBuild, fakePage, fakeRenderer, SHELL, withoutNoscript } from './fake-build.ts';
import { captureLogger, testApp } from './helpers.ts';

const database = useDatabases(afterEach);
const ID = 'town-a-2024';
const AGENCY = '波密县倾多镇人民政府';

/** Signs in as town-a's publisher and makes a draft that publishes as town-a-2024. */
async function publishableDraft(app: Hono): Promise<{ token: string; draftId: string }> {
  const token = await login(app, 'publisher-a');
  const document = blankReport({ id: 'x', template: '2021', year: 2024, agencyZh: AGENCY, level: 'township', fill: 0 });
  const response = await app.request('/api/drafts', jsonRequest('POST', { from: 'document', document }, token));
  expect(response.status, await response.clone().text()).toBe(201);
  return { token, draftId: v.parse(DraftResponseSchema, await response.json()).draft.id };
}

async function publish(app: Hono, token: string, draftId: string, note?: string): Promise<void> {
  const body = { acknowledgeWarnings: true, ...(note === undefined ? {} : { note }) };
  const response = await app.request(`/api/drafts/${draftId}/publish`, jsonRequest('POST', body, token));
  expect(response.status, await response.clone().text()).toBe(201);
}

const page = (dist: string, lang: string) => join(dist, lang, 'reports', ID, 'index.html');
const served = async (app: Hono, lang: string) => withoutNoscript(await (await app.request(`/${lang}/reports/${ID}`)).text());

describe.each(DATABASES)('publishing and the pre-rendered pages on $kind', ({ create }) => {
  async function setup(renderer?: ReturnType<typeof fakeRenderer>, versionsTtlMs = 60_000) {
    const dist = fakeBuild();
    const logger = captureLogger();
    let pages: ReportPages | undefined;
    const { app, storage, db } = await apiSetup(await database(create), (storage) => {
      pages = reportPages({ distDir: dist, storage, logger, versionsTtlMs, ...(renderer ? { renderer: renderer.renderer } : {}) });
      return { staticDir: dist, pages };
    });
    if (pages === undefined) throw new Error('no pages');
    return { app, storage, db, dist, logger, pages };
  }

  it('renders both languages on publication, and a correction replaces them, never serving the older one', async () => {
    const renderer = fakeRenderer();
    const { app, dist, logger, pages } = await setup(renderer);
    const { token, draftId } = await publishableDraft(app);
    await publish(app, token, draftId);
    await pages.idle();
    for (const lang of LANGS) {
      expect(readFileSync(page(dist, lang), 'utf8')).toBe(fakePage(lang, ID, 1, AGENCY));
      expect(await served(app, lang)).toBe(fakePage(lang, ID, 1, AGENCY));
      // Written through temp files renamed into place: none is left behind.
      expect(readdirSync(join(dist, lang, 'reports', ID)).sort()).toEqual(['.version', 'index.html']);
    }

    // The correction is answered while its pages are still being rendered. Meanwhile version 1's
    // page is on disk but the app shell answers (and fetches version 2).
    const release = renderer.hold();
    await publish(app, token, draftId, '更正');
    expect(readFileSync(page(dist, 'zh'), 'utf8')).toBe(fakePage('zh', ID, 1, AGENCY));
    expect(await served(app, 'zh')).toBe(SHELL);
    release();
    await pages.idle();
    for (const lang of LANGS) expect(await served(app, lang)).toBe(fakePage(lang, ID, 2, AGENCY));
    expect(logger.lines.filter((l) => l.msg === 'report pages rendered').map((l) => l.version)).toEqual([1, 2]);
  });

  it('publishes even when rendering fails, and removes the older pages', async () => {
    const renderer = fakeRenderer();
    const { app, dist, logger, pages } = await setup(renderer);
    const { token, draftId } = await publishableDraft(app);
    await publish(app, token, draftId);
    await pages.idle();
    expect(existsSync(page(dist, 'bo'))).toBe(true);

    renderer.fail(new Error('renderer broke'));
    await publish(app, token, draftId, '更正');
    await pages.idle();
    for (const lang of LANGS) {
      expect(existsSync(join(dist, lang, 'reports', ID)), lang).toBe(false);
      expect(await served(app, lang)).toBe(SHELL);
    }
    expect(v.parse(ReportResponseSchema, await (await app.request(`/api/reports/${ID}`)).json()).version).toBe(2);
    expect(logger.lines.find((l) => l.level === 'error')).toMatchObject({ msg: expect.stringMatching(/^report pages not rendered: removed/u), id: ID, detail: 'renderer broke' });
  });

  it('removes the pages of a publication when there is no SSR build to render them with', async () => {
    const { app, dist, logger, pages } = await setup();
    const { token, draftId } = await publishableDraft(app);
    await publish(app, token, draftId);
    await pages.idle();
    // Version 1's pages as a build made after it would have pre-rendered them.
    for (const lang of LANGS) await writePage(dist, lang, ID, 1, fakePage(lang, ID, 1, AGENCY));
    expect(await served(app, 'bo')).toBe(fakePage('bo', ID, 1, AGENCY));

    await publish(app, token, draftId, '更正');
    await pages.idle();
    for (const lang of LANGS) expect(existsSync(join(dist, lang, 'reports', ID)), lang).toBe(false);
    expect(await served(app, 'bo')).toBe(SHELL);
    expect(logger.lines.filter((l) => l.msg.startsWith('report pages removed: no SSR build')).map((l) => l.version)).toEqual([1, 2]);
  });

  it('answers a publication as published even when what follows it throws', async () => {
    const dist = fakeBuild();
    const failing: ReportPages = {
      published: () => {
        throw new Error('hook broke');
      },
      publishedElsewhere: () => undefined,
      useTranslations: () => undefined,
      retranslated: () => Promise.resolve(),
      mayServe: () => Promise.resolve(true),
      refresh: () => Promise.resolve(),
      idle: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
    const logger = captureLogger();
    const { app } = await apiSetup(await database(create), { staticDir: dist, pages: failing, logger });
    const { token, draftId } = await publishableDraft(app);
    await publish(app, token, draftId);
    expect(logger.lines.find((l) => l.level === 'error')).toMatchObject({ msg: 'after publishing', id: ID, detail: 'hook broke' });
  });

  /**
   * A report published (version 1) through a first process, and a second process on the same
   * database with its own STATIC_DIR, started after it: it rendered the report at start.
   */
  async function secondProcess() {
    const renderer = fakeRenderer();
    const first = await setup(renderer, 0);
    const { token, draftId } = await publishableDraft(first.app);
    await publish(first.app, token, draftId);
    await first.pages.idle();
    const storage = await first.db.open();
    const dist = fakeBuild();
    const pages = reportPages({ distDir: dist, storage, logger: captureLogger(), renderer: renderer.renderer, versionsTtlMs: 0 });
    const { app } = testApp(storage, { staticDir: dist, pages });
    await pages.refresh();
    return { first, token, draftId, pages, app };
  }

  it('serves the app shell for a page another server process made out of date, until this one renders it', async () => {
    const { first, token, draftId, pages, app } = await secondProcess();
    expect(await served(app, 'zh')).toBe(fakePage('zh', ID, 1, AGENCY));
    await publish(first.app, token, draftId, '更正');
    await first.pages.idle();
    expect(await served(first.app, 'zh')).toBe(fakePage('zh', ID, 2, AGENCY));
    expect(await served(app, 'zh')).toBe(SHELL);
    await pages.refresh();
    expect(await served(app, 'zh')).toBe(fakePage('zh', ID, 2, AGENCY));
  });

  it('renders a page another process made out of date once it is asked for, the app shell answering meanwhile', async () => {
    const { first, token, draftId, pages, app } = await secondProcess();
    await publish(first.app, token, draftId, '更正');
    // No notification reaches this process (as after a dropped connection): the reader's request does.
    expect(await served(app, 'zh')).toBe(SHELL);
    await pages.idle();
    expect(await served(app, 'zh')).toBe(fakePage('zh', ID, 2, AGENCY));
    expect(await served(app, 'bo')).toBe(fakePage('bo', ID, 2, AGENCY));
  });

  it('hears of a publication through the database: on PostgreSQL every process renders it, unasked', async () => {
    const renderer = fakeRenderer();
    const first = await setup(renderer, 0);
    const storage = await first.db.open();
    const dist = fakeBuild();
    const pages = reportPages({ distDir: dist, storage, logger: captureLogger(), renderer: renderer.renderer, versionsTtlMs: 0 });
    const heard: { id: string; version: number }[] = [];
    await storage.watchPublications((report) => {
      heard.push(report);
      pages.publishedElsewhere(report);
    });
    const { app } = testApp(storage, { staticDir: dist, pages });
    const { token, draftId } = await publishableDraft(first.app);
    await publish(first.app, token, draftId);
    await publish(first.app, token, draftId, '更正');
    if (first.db.kind === 'sqlite') {
      // One SQLite file is never shared by processes: a storage hears its own publications only.
      await first.pages.idle();
      expect(heard).toEqual([]);
      return;
    }
    await vi.waitFor(() => {
      expect(heard).toEqual([{ id: ID, version: 1 }, { id: ID, version: 2 }]);
    }, { timeout: 30_000, interval: 20 });
    await vi.waitFor(async () => {
      expect(await pageVersion(dist, 'bo', ID)).toBe(2);
    }, { timeout: 30_000, interval: 20 });
    await pages.idle();
    expect(await served(app, 'zh')).toBe(fakePage('zh', ID, 2, AGENCY));
    // Its own publications reach this process's listener too, once, and are not rendered twice.
    const before = renderer.calls.length;
    pages.publishedElsewhere({ id: ID, version: 2 });
    await pages.idle();
    expect(renderer.calls.length).toBe(before);
  });
});
