#!/usr/bin/env node
// The `lotho` bin. Registers tsx's ESM loader so the TypeScript sources run as they are: no build
// step between `npm install` and `npx lotho`. main.ts does the work; this file only turns its
// result into the exit status and keeps a failure to start down to one line.
import { register } from 'tsx/esm/api';

register();

process.stdout.on('error', (error) => {
  // `lotho import x | head`: the reader went away; that is not a failure of ours.
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  const { run } = await import('./main.ts');
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`lotho: 内部错误 (internal): ${message.replace(/\s+/g, ' ')}\n`);
  if (process.env.LOTHO_DEBUG === '1' && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exitCode = 2;
}
