/**
 * A fake app build for the tests of pre-rendered pages: index.html (the app shell), the build
 * manifest and stylesheets the pre-renderer reads, and qingduo-2020's Chinese page as the build
 * pre-renders it (version 1, the seed's); and a renderer standing in for the SSR build.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PageRenderer } from '../../src/server/prerender.ts';

export const SHELL = '<!doctype html><html lang="zh-Hans"><head><title>Lotho</title><link rel="stylesheet" crossorigin href="/assets/style-abc.css"></head><body><div id="app"></div></body></html>';
export const PAGE = '<!doctype html><html lang="zh-Hans"><body><div id="app"><article class="report">波密县倾多镇人民政府</article></div></body></html>';

/** A served page without the <noscript> the server adds to the shell (src/server/noscript.ts). */
export function withoutNoscript(html: string): string {
  return html.replace(/<noscript>.*?<\/noscript>/su, '');
}

export function fakeBuild(): string {
  const dist = mkdtempSync(join(tmpdir(), 'lotho-prerendered-'));
  mkdirSync(join(dist, 'assets'));
  mkdirSync(join(dist, 'zh', 'reports', 'qingduo-2020'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), SHELL);
  writeFileSync(join(dist, 'assets', 'style-abc.css'), 'body{margin:0}');
  writeFileSync(join(dist, 'assets', 'ReportPage-abc.css'), '.report{margin:0}');
  mkdirSync(join(dist, '.vite'));
  writeFileSync(
    join(dist, '.vite', 'manifest.json'),
    JSON.stringify({
      'index.html': { file: 'assets/index-abc.js', css: ['assets/style-abc.css'], dynamicImports: ['src/boot.ts', 'src/pages/ReportPage.vue', 'src/pages/HomePage.vue', 'src/pages/EditorPage.vue'] },
      'src/boot.ts': { file: 'assets/boot-abc.js', imports: ['index.html'] },
      'src/pages/ReportPage.vue': { file: 'assets/ReportPage-abc.js', css: ['assets/ReportPage-abc.css'], dynamicImports: ['src/components/report/report-tables.ts'] },
      'src/components/report/report-tables.ts': { file: 'assets/report-tables-abc.js' },
      'src/pages/HomePage.vue': { file: 'assets/HomePage-abc.js' },
      'src/pages/EditorPage.vue': { file: 'assets/EditorPage-abc.js', css: ['assets/EditorPage-abc.css'] },
    }),
  );
  writeFileSync(join(dist, 'zh', 'reports', 'qingduo-2020', 'index.html'), PAGE);
  writeFileSync(join(dist, 'zh', 'reports', 'qingduo-2020', '.version'), '1\n');
  return dist;
}

/** A renderer the test controls: it records each call, can be held back, and can fail. */
export function fakeRenderer() {
  /** Each render: the report, its version, the language and the reviewed Tibetan's revision it was given. */
  const calls: { id: string; version: number; lang: string; revision?: string }[] = [];
  let gate: Promise<void> = Promise.resolve();
  let failure: Error | undefined;
  const renderer: PageRenderer = {
    async renderReportPage({ report, lang, translations }) {
      calls.push({ id: report.id, version: report.version, lang, ...(translations === undefined ? {} : { revision: translations.revision }) });
      await gate;
      if (failure !== undefined) throw failure;
      return {
        url: `/${lang}/reports/${report.id}`,
        file: `${lang}/reports/${report.id}/index.html`,
        html: fakePage(lang, report.id, report.version, report.document.meta.agency.zh),
      };
    },
  };
  return {
    renderer,
    calls,
    /** Renders wait until the returned function is called. */
    hold(): () => void {
      let release = (): void => undefined;
      gate = new Promise((resolve) => {
        release = resolve;
      });
      return release;
    },
    fail(error: Error | undefined): void {
      failure = error;
    },
  };
}

/** What fakeRenderer writes for a report version in a language. */
export function fakePage(lang: string, id: string, version: number, agencyZh: string): string {
  return `<p>${lang} ${id} v${version} ${agencyZh}</p>`;
}
