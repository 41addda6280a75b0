#!/usr/bin/env node
// @ts-check
// The `lotho` bin. Runs the compiled CLI (dist-node/cli.js, scripts/build-node.mjs): no TypeScript
// loader at run time. When a source changed since it was compiled and esbuild is installed, it is
// compiled again first (well under a second); `npm install` compiles it (`prepare`). This file only
// turns main.ts's result into the exit status and keeps a failure to start down to one line.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureNodeBuild } from '../../scripts/build-node.mjs';

process.stdout.on('error', (error) => {
  // `lotho import x | head`: the reader went away; that is not a failure of ours.
  if ('code' in error && error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  const dir = await ensureNodeBuild((line) => process.stderr.write(`lotho: ${line}\n`));
  /** @type {{ run: (argv: readonly string[]) => Promise<number> }} */
  const cli = await import(pathToFileURL(join(dir, 'cli.js')).href);
  process.exitCode = await cli.run(process.argv.slice(2));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`lotho: 内部错误 (internal): ${message.replace(/\s+/g, ' ')}\n`);
  if (process.env.LOTHO_DEBUG === '1' && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exitCode = 2;
}
