/**
 * `npm run build`'s pre-rendering step (compiled to dist-node/prerender.js): every published
 * report's zh and bo pages into the app build (prerender.ts says how). The reports come from the
 * SQLite database in DATA_DIR when there is one, else from the seed.
 *
 * Options: --dist DIR (default STATIC_DIR or dist/), --ssr DIR (default dist-ssr/).
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { loadRenderer, prerenderReports, removePrerendered, reportsFromDatabase, seedReports, type PrerenderReport } from './prerender.ts';
import { PROJECT_ROOT } from './project-root.ts';

async function main(): Promise<void> {
  const config = loadConfig(process.env, PROJECT_ROOT);
  // --dist and --ssr: another build than the project's dist/ and dist-ssr/ (benchmarks, CI).
  const { values } = parseArgs({ options: { dist: { type: 'string' }, ssr: { type: 'string' } } });
  const distDir = resolve(values.dist ?? config.staticDir);
  const ssrDir = resolve(values.ssr ?? join(PROJECT_ROOT, 'dist-ssr'));
  const database = join(config.dataDir, 'lotho.sqlite');
  let reports: PrerenderReport[] | undefined;
  let source = 'seed';
  if (existsSync(database)) {
    try {
      reports = await reportsFromDatabase(database);
      source = database;
    } catch (error) {
      process.stderr.write(`prerender: cannot read ${database} (${error instanceof Error ? error.message : String(error)}); using the seed\n`);
    }
  }
  if (reports === undefined || reports.length === 0) {
    reports = await seedReports();
    source = 'seed';
  }
  const renderer = await loadRenderer(join(ssrDir, 'entry-server.js'));
  await removePrerendered(distDir);
  const pages = await prerenderReports({ distDir, renderer, reports });
  process.stdout.write(`prerender: ${pages.length} pages from ${source} into ${relative(process.cwd(), distDir) || '.'}\n`);
  for (const page of pages) process.stdout.write(`  ${page}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`prerender failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
