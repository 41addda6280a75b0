/**
 * The pre-rendered pages service on its own (src/server/report-pages.ts): what a server renders at
 * start (the newest first, at most a limit; the rest when asked for), one render per report however often it is published meanwhile, a shutdown that drops
 * what is queued, and a page rendered again when a newer version was published during its render.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { pageVersion } from '../../src/server/page-files.ts';
import type { PageRenderer } from '../../src/server/prerender.ts';
import { reportPages } from '../../src/server/report-pages.ts';
import { EMPTY_OVERLAY, type ServedOverlay } from '../../src/report/review/overlay.ts';
import { loadSeedReport, seedIfEmpty } from '../../src/server/seed.ts';
import { fakeBuild, fakePage, fakeRenderer, PAGE } from './fake-build.ts';
import { captureLogger, memoryStorage, report } from './helpers.ts';

const QINGDUO = '波密县倾多镇人民政府';

async function setup() {
  const storage = await memoryStorage();
  await seedIfEmpty(storage, captureLogger());
  const dist = fakeBuild();
  const renderer = fakeRenderer();
  const logger = captureLogger();
  const pages = reportPages({ distDir: dist, storage, logger, renderer: renderer.renderer, versionsTtlMs: 0 });
  return { storage, dist, renderer, logger, pages };
}

describe('report pages', () => {
  it('renders at start the reports whose pages are missing or older than the database, and only those', async () => {
    const { storage, dist, renderer, pages } = await setup();
    // qingduo-2020 v1 has its Chinese page (the build's) but no Tibetan one; bomi-2023 has none.
    await storage.publishReport(report('bomi-2023', '波密县人民政府', 2023));
    await pages.refresh();
    expect(renderer.calls.map((c) => `${c.id} v${c.version} ${c.lang}`).sort()).toEqual([
      'bomi-2023 v1 bo',
      'bomi-2023 v1 zh',
      'qingduo-2020 v1 bo',
      'qingduo-2020 v1 zh',
    ]);
    expect(readFileSync(join(dist, 'bo', 'reports', 'qingduo-2020', 'index.html'), 'utf8')).toBe(fakePage('bo', 'qingduo-2020', 1, QINGDUO));

    renderer.calls.length = 0;
    await storage.publishReport(await loadSeedReport(), { note: '更正' });
    await pages.refresh();
    expect(renderer.calls.map((c) => `${c.id} v${c.version}`)).toEqual(['qingduo-2020 v2', 'qingduo-2020 v2']);
    await pages.refresh();
    expect(renderer.calls).toHaveLength(2);
  });

  it('renders at start each report after a turn given by backgroundTurn, a publication meanwhile at once', async () => {
    const storage = await memoryStorage();
    await seedIfEmpty(storage, captureLogger());
    await storage.publishReport(report('bomi-2023', '波密县人民政府', 2023));
    const renderer = fakeRenderer();
    const turns: (() => void)[] = [];
    const backgroundTurn = () => new Promise<void>((resolve) => turns.push(resolve));
    const pages = reportPages({ distDir: fakeBuild(), storage, logger: captureLogger(), renderer: renderer.renderer, versionsTtlMs: 0, backgroundTurn });
    const refreshed = pages.refresh();
    await vi.waitFor(() => {
      expect(turns).toHaveLength(1);
    });
    expect(renderer.calls).toHaveLength(0);
    // A publication does not wait for a turn.
    const corrected = await storage.publishReport(report('bomi-2023', '波密县人民政府', 2023), { note: '更正' });
    pages.published(corrected);
    await pages.idle();
    expect(renderer.calls.map((c) => `${c.id} v${c.version}`)).toEqual(['bomi-2023 v2', 'bomi-2023 v2']);
    turns.shift()?.();
    await vi.waitFor(() => {
      expect(turns).toHaveLength(1);
    });
    turns.shift()?.();
    await refreshed;
    expect(renderer.calls.map((c) => c.id).sort()).toEqual(['bomi-2023', 'bomi-2023', 'qingduo-2020', 'qingduo-2020']);
  });

  it('renders at start the newest reports only, up to its limit; the others when first asked for, a bounded number waiting', async () => {
    const storage = await memoryStorage();
    await seedIfEmpty(storage, captureLogger());
    for (const year of [2019, 2021, 2022, 2023]) await storage.publishReport(report(`bomi-${String(year)}`, '波密县人民政府', year));
    const dist = fakeBuild();
    const renderer = fakeRenderer();
    const logger = captureLogger();
    const pages = reportPages({ distDir: dist, storage, logger, renderer: renderer.renderer, versionsTtlMs: 0, startupRenders: 2, maxQueued: 1 });
    await pages.refresh();
    // Published last, rendered first: bomi-2023, then bomi-2022.
    expect([...new Set(renderer.calls.map((c) => c.id))]).toEqual(['bomi-2023', 'bomi-2022']);
    expect(logger.lines.find((l) => l.msg === 'rendering report pages older than the database')).toMatchObject({ reports: 2, whenAskedFor: 3 });

    // Asked for: the app shell answers now, and the page is rendered for the next reader.
    renderer.calls.length = 0;
    const held = renderer.hold();
    expect(await pages.mayServe('zh/reports/bomi-2019/index.html')).toBe(false);
    await vi.waitFor(() => {
      expect(renderer.calls.map((c) => c.id)).toContain('bomi-2019');
    });
    // One reader's render waits (bomi-2021); a third ask finds the queue full and is not queued.
    expect(await pages.mayServe('zh/reports/bomi-2021/index.html')).toBe(false);
    expect(await pages.mayServe('bo/reports/qingduo-2020/index.html')).toBe(false);
    held();
    await pages.idle();
    expect([...new Set(renderer.calls.map((c) => c.id))]).toEqual(['bomi-2019', 'bomi-2021']);
    expect(await pages.mayServe('zh/reports/bomi-2021/index.html')).toBe(true);
    // Asked again once the queue has room: rendered then.
    expect(await pages.mayServe('bo/reports/qingduo-2020/index.html')).toBe(false);
    await pages.idle();
    expect(await pages.mayServe('bo/reports/qingduo-2020/index.html')).toBe(true);
  });

  it('renders a publication made during the start’s renders next, not after them', async () => {
    const { storage, renderer, pages } = await setup();
    for (const year of [2021, 2022]) await storage.publishReport(report(`bomi-${String(year)}`, '波密县人民政府', year));
    const release = renderer.hold();
    const refreshed = pages.refresh();
    await vi.waitFor(() => {
      expect(renderer.calls.length).toBeGreaterThan(0);
    });
    await storage.publishReport(report('bomi-2023', '波密县人民政府', 2023));
    pages.published({ id: 'bomi-2023', version: 1 });
    release();
    await refreshed;
    expect([...new Set(renderer.calls.map((c) => c.id))]).toEqual(['bomi-2022', 'bomi-2023', 'bomi-2021', 'qingduo-2020']);
  });

  it('renders a report once for publications made while a render waits, and stops at close', async () => {
    const { storage, dist, renderer, pages } = await setup();
    const release = renderer.hold();
    await storage.publishReport(report('bomi-2023', '波密县人民政府', 2023));
    pages.published({ id: 'bomi-2023', version: 1 });
    for (let version = 2; version <= 4; version += 1) {
      await storage.publishReport(await loadSeedReport(), { note: `更正 ${version}` });
      pages.published({ id: 'qingduo-2020', version });
    }
    release();
    await pages.idle();
    expect(renderer.calls.map((c) => `${c.id} v${c.version}`)).toEqual(['bomi-2023 v1', 'bomi-2023 v1', 'qingduo-2020 v4', 'qingduo-2020 v4']);
    expect(await pageVersion(dist, 'zh', 'qingduo-2020')).toBe(4);

    renderer.calls.length = 0;
    const held = renderer.hold();
    pages.published({ id: 'qingduo-2020', version: 4 });
    pages.published({ id: 'bomi-2023', version: 1 });
    await vi.waitFor(() => {
      expect(renderer.calls).toHaveLength(1);
    });
    const closed = pages.close();
    held();
    await closed;
    // The render under way finishes (the database is still open); the queued one is dropped.
    expect(renderer.calls.map((c) => c.id)).toEqual(['qingduo-2020', 'qingduo-2020']);
    pages.published({ id: 'bomi-2023', version: 1 });
    await pages.idle();
    expect(renderer.calls).toHaveLength(2);
  });

  it('renders again with the new reviewed Tibetan when a review decision comes while a render runs', async () => {
    const { storage, renderer, pages } = await setup();
    let overlay: ServedOverlay = { ...EMPTY_OVERLAY, revision: 'before', reviewedKeys: ['reader.title'], compiled: {} };
    pages.useTranslations(() => Promise.resolve(overlay));
    const release = renderer.hold();
    await storage.publishReport(await loadSeedReport(), { note: '更正' });
    pages.published({ id: 'qingduo-2020', version: 2 });
    await vi.waitFor(() => {
      expect(renderer.calls).toHaveLength(1);
    });
    // The decision lands while the render holds the overlay it read before.
    overlay = { ...overlay, revision: 'after' };
    await pages.retranslated();
    release();
    await pages.idle();
    expect(renderer.calls.map((c) => `${c.version} ${c.lang} ${c.revision ?? '-'}`)).toEqual(['2 zh before', '2 bo before', '2 zh after', '2 bo after']);
  });

  it('renders again when a newer version is published during the render (another process sharing the build)', async () => {
    const { storage, dist, logger } = await setup();
    let published = false;
    const base = fakeRenderer();
    // The first render of version 1 sees version 2 committed by someone else before it writes.
    const racing: PageRenderer = {
      async renderReportPage(input) {
        if (!published) {
          published = true;
          await storage.publishReport(await loadSeedReport(), { note: '更正' });
        }
        return base.renderer.renderReportPage(input);
      },
    };
    const pages = reportPages({ distDir: dist, storage, logger, renderer: racing, versionsTtlMs: 0 });
    pages.published({ id: 'qingduo-2020', version: 1 });
    await pages.idle();
    expect(base.calls.map((c) => c.version)).toEqual([1, 1, 2, 2]);
    expect(await pageVersion(dist, 'zh', 'qingduo-2020')).toBe(2);
    expect(logger.lines.filter((l) => l.msg === 'report pages rendered').map((l) => l.version)).toEqual([2]);
  });

  it('lets every other file through, and refuses a page it cannot check', async () => {
    const { storage, dist, logger } = await setup();
    const pages = reportPages({ distDir: dist, storage, logger, versionsTtlMs: 0 });
    for (const file of ['index.html', 'assets/style-abc.css', 'zh/reports', 'zh/reports/qingduo-2020', 'en/reports/x/index.html']) {
      expect(await pages.mayServe(file), file).toBe(true);
    }
    expect(await pages.mayServe('zh/reports/qingduo-2020/index.html')).toBe(true);
    expect(await pages.mayServe('ZH/Reports/qingduo-2020/index.html')).toBe(true);
    expect(await pages.mayServe('zh/reports/Qingduo-2020/index.html')).toBe(false);
    expect(readFileSync(join(dist, 'zh', 'reports', 'qingduo-2020', 'index.html'), 'utf8')).toBe(PAGE);
    await storage.close();
    expect(await pages.mayServe('zh/reports/qingduo-2020/index.html')).toBe(false);
    expect(logger.lines.at(-1)).toMatchObject({ level: 'warn', msg: expect.stringMatching(/^cannot check a report page/u) });
  });
});
