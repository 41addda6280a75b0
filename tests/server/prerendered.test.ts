/**
 * Pre-rendered report pages: the build writes dist/<lang>/reports/<id>/index.html
 * (src/server/prerender.ts), and the server answers those addresses with them before falling back
 * to the app shell (static.ts serves a directory's index.html).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prerenderReports, removePrerendered, seedReports, type PageRenderer } from '../../src/server/prerender.ts';
import { loadSeedReport, seedIfEmpty } from '../../src/server/seed.ts';
import { reportPages } from '../../src/server/report-pages.ts';
import { fakeBuild, PAGE, SHELL, withoutNoscript } from './fake-build.ts';
import { captureLogger, memoryStorage, testApp } from './helpers.ts';

/** A database with qingduo-2020 published once, as the fake build's page shows it. */
async function seeded() {
  const storage = await memoryStorage();
  await seedIfEmpty(storage, captureLogger());
  return storage;
}

describe('serving pre-rendered pages', () => {
  it('answers a report address with its page, revalidated like index.html', async () => {
    const { app } = testApp(await seeded(), { staticDir: fakeBuild() });
    for (const path of ['/zh/reports/qingduo-2020', '/zh/reports/qingduo-2020/']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/u);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await response.text()).toBe(PAGE);
      const etag = response.headers.get('etag') ?? '';
      expect((await app.request(path, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    }
    expect((await app.request('/zh/reports/qingduo-2020', { method: 'HEAD' })).status).toBe(200);
  });

  it('falls back to the app shell for a report, language or view it has no page for', async () => {
    const { app } = testApp(await seeded(), { staticDir: fakeBuild() });
    for (const path of ['/bo/reports/qingduo-2020', '/zh/reports/other-2021', '/zh/reports/qingduo-2020/side-by-side', '/zh', '/zh/reports']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expect(withoutNoscript(await response.text()), path).toBe(SHELL);
    }
  });

  it('serves the app shell, never the page, when the page is not of the latest version', async () => {
    const storage = await seeded();
    const dist = fakeBuild();
    // Read from the database on every request (by default a read is trusted for 2 s).
    const pages = reportPages({ distDir: dist, storage, logger: captureLogger(), versionsTtlMs: 0 });
    const { app } = testApp(storage, { staticDir: dist, pages });
    const pageOf = async (path: string) => withoutNoscript(await (await app.request(path)).text());
    expect(await pageOf('/zh/reports/qingduo-2020')).toBe(PAGE);
    // Published as version 2 (by another process, say): the page still shows version 1.
    await storage.publishReport(await loadSeedReport(), { note: '更正' });
    for (const path of ['/zh/reports/qingduo-2020', '/zh/reports/qingduo-2020/index.html']) expect(await pageOf(path), path).toBe(SHELL);
    writeFileSync(join(dist, 'zh', 'reports', 'qingduo-2020', '.version'), '2\n');
    expect(await pageOf('/zh/reports/qingduo-2020')).toBe(PAGE);
    // A page without its version (or of a report the database does not have) is not served either.
    rmSync(join(dist, 'zh', 'reports', 'qingduo-2020', '.version'));
    expect(await pageOf('/zh/reports/qingduo-2020')).toBe(SHELL);
    expect(await pageOf('/zh/reports/qingduo-2020/.version')).toBe(SHELL);
    const { app: empty } = testApp(await memoryStorage(), { staticDir: fakeBuild() });
    expect(withoutNoscript(await (await empty.request('/zh/reports/qingduo-2020')).text())).toBe(SHELL);
  });

  it('never climbs out of the build for a page', async () => {
    const { app } = testApp(await seeded(), { staticDir: fakeBuild() });
    for (const path of ['/zh/reports/..%2f..%2f', '/zh/reports/%2e%2e/%2e%2e/', '/zh/reports/qingduo-2020/..%2findex.html']) {
      const response = await app.request(path);
      expect(await response.text(), path).not.toBe(PAGE);
    }
  });
});

describe('prerenderReports', () => {
  const renderer: PageRenderer = {
    renderReportPage: (input) =>
      Promise.resolve({
        url: `/${input.lang}/reports/${input.report.id}`,
        file: `${input.lang}/reports/${input.report.id}/index.html`,
        html: `${input.lang}:${input.report.id}:v${input.report.version}:${input.styles.map((s) => s.css).join('')}`,
      }),
  };

  it('writes every report in both languages, with the stylesheets a report page needs (not the editor’s)', async () => {
    const dist = fakeBuild();
    const reports = await seedReports(new Date('2024-05-30T06:00:00Z'));
    const urls = await prerenderReports({ distDir: dist, renderer, reports });
    expect(urls).toEqual(['/zh/reports/qingduo-2020', '/bo/reports/qingduo-2020']);
    expect(readFileSync(join(dist, 'bo', 'reports', 'qingduo-2020', 'index.html'), 'utf8')).toBe('bo:qingduo-2020:v1:body{margin:0}.report{margin:0}');
    // Beside each page, the version it shows: the server compares it with the database's.
    expect(readFileSync(join(dist, 'bo', 'reports', 'qingduo-2020', '.version'), 'utf8')).toBe('1\n');
  });

  it('refuses an id that is not an address, and a renderer writing outside dist/', async () => {
    const dist = fakeBuild();
    const [seed] = await seedReports();
    if (seed === undefined) throw new Error('no seed');
    await expect(prerenderReports({ distDir: dist, renderer, reports: [{ ...seed, id: '../x' }] })).rejects.toThrow(/cannot be an address/u);
    const escaping: PageRenderer = { renderReportPage: () => Promise.resolve({ url: '/x', file: '../../x.html', html: 'x' }) };
    await expect(prerenderReports({ distDir: dist, renderer: escaping, reports: [seed] })).rejects.toThrow(/outside/u);
  });

  it('finds the report page’s styles in its chunk group when the build groups the page (vite.config.ts: reader)', async () => {
    const dist = fakeBuild();
    writeFileSync(join(dist, 'assets', 'reader-abc.css'), '.report-status p{margin:0}');
    const grouped = (group: string): string =>
      JSON.stringify({
        'index.html': { file: 'assets/index-abc.js', css: ['assets/style-abc.css'], dynamicImports: ['src/boot.ts', '_reader-abc.js', 'src/pages/EditorPage.vue'] },
        'src/boot.ts': { file: 'assets/boot-abc.js', imports: ['index.html'], dynamicImports: ['_reader-abc.js'] },
        '_reader-abc.js': { file: 'assets/reader-abc.js', name: group, css: ['assets/reader-abc.css'], imports: ['index.html'] },
        'src/pages/EditorPage.vue': { file: 'assets/EditorPage-abc.js', css: ['assets/EditorPage-abc.css'] },
      });
    writeFileSync(join(dist, '.vite', 'manifest.json'), grouped('reader'));
    await prerenderReports({ distDir: dist, renderer, reports: await seedReports() });
    expect(readFileSync(join(dist, 'zh', 'reports', 'qingduo-2020', 'index.html'), 'utf8')).toBe('zh:qingduo-2020:v1:body{margin:0}.report-status p{margin:0}');
    // A group the pre-renderer does not know: the build fails rather than write pages without their styles.
    writeFileSync(join(dist, '.vite', 'manifest.json'), grouped('pages'));
    await expect(prerenderReports({ distDir: dist, renderer, reports: await seedReports() })).rejects.toThrow(/ReportPage\.vue \(nor its chunk group "reader"\) is not reached/u);
  });

  it('fails the build when the manifest does not lead to the report page', async () => {
    const dist = fakeBuild();
    writeFileSync(join(dist, '.vite', 'manifest.json'), JSON.stringify({ 'index.html': { file: 'assets/index-abc.js' } }));
    await expect(prerenderReports({ distDir: dist, renderer, reports: await seedReports() })).rejects.toThrow(/not reached from index.html/u);
  });

  it('clears the pages of an earlier build', async () => {
    const dist = fakeBuild();
    await removePrerendered(dist);
    expect(existsSync(join(dist, 'zh', 'reports'))).toBe(false);
    expect(existsSync(join(dist, 'index.html'))).toBe(true);
  });

  it('pre-renders the seed the server publishes into an empty database', async () => {
    const [seed] = await seedReports();
    expect(seed?.version).toBe(1);
    expect(seed?.document).toEqual(await loadSeedReport());
  });
});
