import { fileURLToPath, URL } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';
import VueI18n from '@intlify/unplugin-vue-i18n/vite';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * The Tibetan messages come in two parts (modules/i18n.ts): what the residents' pages show
 * (`bo.json?area=reader`, loaded on the first Tibetan page) and the rest (`?area=rest`: kiosk,
 * sign-in, drafting, loaded by those routes). The parts are cut here, before compilation (also
 * under vitest, with `module: true`: there is no compiler there to turn the JSON into a module).
 */
const READER_MESSAGES = ['app', 'reader', 'template', 'auth.entry'];
/** Read by src/report as plain JSON, never through vue-i18n (`labels` is read by both: the oversight page names levels). */
const NOT_VUE_I18N = ['cli', 'rules', 'export'];

export function messageAreas(options: { module?: boolean } = {}): Plugin {
  return {
    name: 'lotho:message-areas',
    enforce: 'pre',
    transform(code, id) {
      const area = /[\\/]locales[\\/][^/\\]+\.json\?area=(reader|rest)$/u.exec(id)?.[1];
      if (area === undefined) return undefined;
      const all = JSON.parse(code) as Record<string, Record<string, unknown>>;
      const picked: Record<string, Record<string, unknown>> = {};
      if (area === 'reader') {
        for (const path of READER_MESSAGES) {
          const [top = '', sub] = path.split('.');
          const tree = all[top];
          if (tree === undefined) continue;
          picked[top] = sub === undefined ? tree : { ...picked[top], [sub]: tree[sub] };
        }
      } else {
        // Everything else (the reader's part is loaded too wherever this one is).
        const reader = new Set(READER_MESSAGES.filter((path) => !path.includes('.')));
        for (const [top, tree] of Object.entries(all)) if (!NOT_VUE_I18N.includes(top) && !reader.has(top)) picked[top] = tree;
      }
      // JSON text for the i18n plugin to compile; a plain module where there is none (vitest).
      const json = JSON.stringify(picked);
      return { code: options.module === true ? `export default ${json};` : json, map: null };
    },
  };
}

/** Modules only an official's device loads, though the residents' entry can import them. */
const OFFICIALS_ONLY = /\/src\/modules\/official-sync\.ts$/u;

/** The list of the officials' chunks (JS and CSS, and the files they load by URL), fetched and cached by an official's device. */
const OFFICIALS_PRECACHE = 'officials-precache.json';

/** Route components of the residents' side: their chunks are precached for offline reading. */
const READER_PAGES = /\/src\/pages\/(?:Report|Home|Language|NotFound|Kiosk\w*)Page\.vue$/u;

/**
 * The JS chunks a resident's pages need: everything the entry imports, statically or lazily,
 * except the route components of other pages (officials' drafting, sign-in) and what only they
 * import (the Word and PDF readers…). The service worker precaches these on a resident's first
 * visit; a chunk outside them is cached when first used (src/sw.ts), so an official's editor
 * does not cost every resident's phone a megabyte.
 */
function readerChunks(): { plugin: Plugin; has: (file: string) => boolean; official: (file: string) => boolean } {
  const files = new Set<string>();
  const officials = new Set<string>();
  const plugin: Plugin = {
    name: 'lotho:reader-chunks',
    apply: 'build',
    generateBundle(_options, bundle) {
      files.clear();
      officials.clear();
      const chunks = new Map<string, { imports: string[]; dynamicImports: string[]; css: string[]; assets: string[]; page: boolean }>();
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        const facade = output.facadeModuleId ?? '';
        // An official's page, or the sync an official's device starts on any page (boot.ts).
        const page = (/\/src\/pages\/\w+Page\.vue$/u.test(facade) && !READER_PAGES.test(facade)) || OFFICIALS_ONLY.test(facade);
        const css = [...(output.viteMetadata?.importedCss ?? [])];
        // Files a chunk refers to by URL (`?url`: pdf.js's worker script, which the PDF reader starts).
        const assets = [...(output.viteMetadata?.importedAssets ?? [])];
        chunks.set(output.fileName, { imports: output.imports, dynamicImports: output.dynamicImports, css, assets, page });
      }
      const visit = (file: string): void => {
        const chunk = chunks.get(file);
        if (chunk === undefined || chunk.page || files.has(file)) return;
        files.add(file);
        for (const css of chunk.css) files.add(css);
        for (const next of [...chunk.imports, ...chunk.dynamicImports]) visit(next);
      };
      for (const output of Object.values(bundle)) if (output.type === 'chunk' && output.isEntry) visit(output.fileName);
      // The officials' precache: what their pages need beyond the residents' (stores/official-precache.ts).
      const visitOfficial = (file: string): void => {
        const chunk = chunks.get(file);
        if (chunk === undefined || files.has(file) || officials.has(file)) return;
        officials.add(file);
        for (const css of chunk.css) if (!files.has(css)) officials.add(css);
        for (const asset of chunk.assets) officials.add(asset);
        for (const next of [...chunk.imports, ...chunk.dynamicImports]) visitOfficial(next);
      };
      for (const [file, chunk] of chunks) if (chunk.page) visitOfficial(file);
      this.emitFile({ type: 'asset', fileName: OFFICIALS_PRECACHE, source: `${JSON.stringify([...officials].sort().map((f) => `/${f}`))}\n` });
    },
  };
  return { plugin, has: (file) => files.has(file), official: (file) => officials.has(file) };
}

/**
 * Two builds share this file: the app (`vite build`, into dist/, with the service worker) and the
 * pre-renderer (`vite build --ssr src/entry-server.ts`, into dist-ssr/, run by
 * src/server/prerender.ts). Both must compile components and messages the same way, or hydration
 * would not match the pre-rendered HTML.
 */
/**
 * The report core (src/report) reads the locale files as plain message trees (importer labels,
 * describeFinding, exports). The i18n plugin below compiles and trims every import of
 * locales/*.json, which would hand the core AST nodes without rules.*: its imports load the file
 * as it is, through a virtual module the i18n plugin does not see.
 */
function domainLocales(): Plugin {
  const prefix = '\0lotho-domain-locale:';
  return {
    name: 'lotho-domain-locales',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (importer === undefined || !/[\\/]src[\\/]report[\\/]/u.test(importer) || !/locales\/[^/]+\.json$/u.test(source)) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      return resolved === null ? null : `${prefix}${resolved.id}`;
    },
    load(id) {
      // The JSON text: Vite's JSON plugin turns it into a module (the id still ends in .json).
      return id.startsWith(prefix) ? readFileSync(id.slice(prefix.length), 'utf8') : null;
    },
  };
}

/**
 * Writes the files a build was made of (`<outDir>/.inputs-<name>.json`), so that `npm start`
 * rebuilds only when one of them changed (scripts/build-node.mjs stamps them after the build).
 */
function recordInputs(name: string): Plugin {
  let outDir = '';
  let ids: string[] = [];
  return {
    name: 'lotho:record-inputs',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    generateBundle() {
      ids = [...this.getModuleIds()].map((id) => id.split('?')[0] ?? id).filter((id) => isAbsolute(id) && !id.includes('/node_modules/'));
    },
    writeBundle() {
      writeFileSync(join(outDir, `.inputs-${name}.json`), JSON.stringify([...new Set(ids)].sort()));
    },
  };
}

export default defineConfig(({ isSsrBuild = false }) => {
  const reader = readerChunks();
  return {
    plugins: [
      vue(),
      recordInputs(isSsrBuild ? 'ssr' : 'app'),
      reader.plugin,
      domainLocales(),
      messageAreas(),
      VueI18n({
        // Messages are compiled at build time (to AST, CSP-safe: no eval) so the runtime-only
        // vue-i18n ships without its message compiler.
        include: [here('./locales/*.json'), `${here('./locales/*.json')}?area=*`],
        runtimeOnly: true,
        dropMessageCompiler: true,
        compositionOnly: true,
        // No <i18n-t>, v-t or $t in the app: t() from useI18n only.
        fullInstall: false,
        ssr: isSsrBuild,
        // The locale files also hold the CLI's and the validator's messages (cli.*, rules.*, …),
        // which the app never shows. Keep the app's subtrees (their keys are built at run time:
        // template labels, reader.errors.<code>), and any other key the app names literally.
        treeShaking: {
          safelist: ['app.**', 'reader.**', 'template.**', 'auth.**', 'sync.**', 'drafts.**', 'editor.**', 'kiosk.**', 'oversight.**', 'labels.**', 'review.**', 'accounts.**'],
          dynamicKeyStrategy: 'ignore',
          scanPatterns: [here('./src/{App.vue,main.ts,app.ts,router.ts}'), here('./src/{pages,components,composables,modules,stores}/**/*.{ts,vue}')],
        },
      }),
      // The service worker (src/sw.ts) is built with the app only.
      ...(isSsrBuild
        ? []
        : [
            VitePWA({
              strategies: 'injectManifest',
              srcDir: 'src',
              filename: 'sw.ts',
              // Asks before reloading (conventions §13): modules/pwa.ts registers and prompts.
              registerType: 'prompt',
              injectRegister: false,
              injectManifest: {
                buildPlugins: { vite: [recordInputs('sw')] },
                // The app shell, every chunk (pages, Tibetan messages, Dexie) and the Tibetan font.
                // Pre-rendered report pages are written after this build and are cached when visited.
                globPatterns: ['**/*.{js,css,html,woff2,svg,png,webmanifest}'],
                globIgnores: ['**/node_modules/**', 'sw.js', 'workbox-*.js'],
                maximumFileSizeToCacheInBytes: 512 * 1024,
                // Of the JS, only the residents' chunks; no stylesheet only officials' pages use (see readerChunks).
                manifestTransforms: [
                  (entries) => ({
                    manifest: entries.filter((entry) => {
                      const file = entry.url.replace(/^\//u, '');
                      return entry.url.endsWith('.js') ? reader.has(file) : !reader.official(file);
                    }),
                    warnings: [],
                  }),
                ],
              },
              manifest: {
                name: '年报 · ལོ་ཐོ',
                short_name: '年报',
                description: '政府信息公开工作年度报告 · སྲིད་གཞུང་གི་ཆ་འཕྲིན་ཁ་ཕྱེ་བའི་ལས་དོན་ལོ་འཁོར་སྙན་ཞུ།',
                lang: 'zh-Hans',
                start_url: '/',
                scope: '/',
                display: 'standalone',
                background_color: '#ffffff',
                theme_color: '#8a1c1c',
                icons: [
                  { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
                  { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
                  { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
                ],
              },
              // No service worker under `vite dev`: it would cache dev modules and confuse tests.
              devOptions: { enabled: false },
            }),
          ]),
    ],
    resolve: {
      alias: { '@': here('./src') },
    },
    define: {
      // The app's version, sent by kiosks in their heartbeat (src/kiosk/heartbeat.ts).
      __APP_VERSION__: JSON.stringify((JSON.parse(readFileSync(here('./package.json'), 'utf8')) as { version: string }).version),
      // The app is Composition API only; hydration mismatch details stay out of production.
      __VUE_OPTIONS_API__: false,
      __VUE_PROD_DEVTOOLS__: false,
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
      __INTLIFY_PROD_DEVTOOLS__: false,
    },
    // `npm run dev` talks to `npm run serve` (src/server, port 8080 by default) for /api.
    server: { proxy: { '/api': process.env.LOTHO_API ?? 'http://127.0.0.1:8080' } },
    preview: { proxy: { '/api': process.env.LOTHO_API ?? 'http://127.0.0.1:8080' } },
    build: {
      target: 'es2022',
      // Maps are written for debugging but not referenced from the JS, so phones never fetch them.
      sourcemap: isSsrBuild ? false : 'hidden',
      // dist/.vite/manifest.json: the pre-renderer inlines the stylesheets a report page needs
      // (src/server/prerender.ts); each page's CSS stays in its own chunk.
      manifest: !isSsrBuild,
      rollupOptions: {
        output: {
          // Fewer requests for a page: a phone pays a round trip and a kilobyte of headers for
          // each. Groups hold only code that never imports the app back (no chunk cycles).
          codeSplitting: isSsrBuild
            ? true
            : {
                groups: [
                  // The framework every page runs on.
                  { name: 'vue', test: /[\\/]node_modules[\\/](?:@vue|vue|vue-router|pinia|vue-i18n|@intlify|valibot)[\\/]/u, priority: 3 },
                  // The report model, templates, tables and schemas every report view checks data with:
                  // plain TypeScript that imports nothing of the app (no cycle). With them, small modules that
                  // import nothing at all, which the report page and the app
                  // shell share: alone, each was a request of its own (its headers as big as its code).
                  {
                    name: 'report-core',
                    test: /[\\/]src[\\/](?:report[\\/](?:model|schema|paragraphs|templates[\\/]|tables[\\/]|import[\\/]types)|server[\\/]api\.ts|modules[\\/](?:storage-eviction|local-storage)\.ts|i18n[\\/]release\.ts)/u,
                    priority: 2,
                  },
                  // A report page in one request: the page, its components and what only they use.
                  // Home and the kiosk load a few KiB of it they would not need; a report page, the
                  // page residents open most, saves four requests. Its dependencies stay where they
                  // were: pulled in, they would bring Vite's preload helper, which the entry imports,
                  // and the entry would fetch all of this with the HTML instead of after the first
                  // paint (main.ts). Every module only the report page imports belongs here: one left
                  // out becomes a chunk named after the page, which Rolldown then emits with an export of
                  // the page's namespace it never defines ("ReportPage_exports is not defined"), and the
                  // page never hydrates (seen with a since-deleted composable and export/json). The
                  // pre-renderer finds the page's styles by this group's name (server/prerender.ts).
                  // Not the home page's directory (ReportDirectory.vue): in here, its styles were inlined into
                  // every report page (~340 Brotli bytes), past the first round trip's 14.6 kB; it goes with HomePage.
                  {
                    name: 'reader',
                    test: /[\\/]src[\\/](?:pages[\\/]ReportPage\.vue|components[\\/]report[\\/](?!ReportDirectory\.vue)|composables[\\/](?:useReportTables|useReportDownloads|useDocumentTitle)\.ts|stores[\\/]keep\.ts|report[\\/]export[\\/]json\.ts)/u,
                    priority: 1,
                    includeDependenciesRecursively: false,
                  },
                ],
              },
        },
      },
      ...(isSsrBuild ? { outDir: 'dist-ssr', emptyOutDir: true, copyPublicDir: false } : {}),
    },
    ssr: {
      // One module graph for the renderer: Vue, router, Pinia and vue-i18n bundled with the app code
      // so they share one Vue instance, whatever Node's export conditions would pick.
      noExternal: true,
    },
  };
});
