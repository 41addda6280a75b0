/**
 * The pre-rendered pages service on its own (src/server/report-pages.ts): what a server renders at
 * start, one render per report however often it is published meanwhile, a shutdown that drops
 * what is queued, and a page rendered again when a newer version was published during its render.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { pageVersion } from '../../src/server/page-files.ts';
import type { PageRenderer } from '../../src/server/prerender.ts';
import { reportPages } from '../../src/server/report-pages.ts';
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
