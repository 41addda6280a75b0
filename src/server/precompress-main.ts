/**
 * `npm run build`'s Brotli step (compiled to dist-node/precompress.js): a `.br` copy beside each
 * compressible hashed asset of the app build (precompress.ts says which and why).
 *
 * Options: --dist DIR (default STATIC_DIR or dist/).
 */
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { precompressAssets } from './precompress.ts';
import { PROJECT_ROOT } from './project-root.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dist: { type: 'string' } } });
  const dist = resolve(values.dist ?? loadConfig(process.env, PROJECT_ROOT).staticDir);
  const assets = join(dist, 'assets');
  const { files, before, after } = await precompressAssets(assets);
  const kib = (n: number): string => `${(n / 1024).toFixed(0)} KiB`;
  process.stdout.write(`precompress: ${String(files)} files in ${relative(process.cwd(), assets) || '.'}, ${kib(before)} → ${kib(after)} (brotli)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`precompress failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
