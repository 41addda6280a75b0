/**
 * The project's directory (the one holding package.json), found from this module's own place:
 * src/server/ when run from the sources, dist-node/ or dist-node/chunks/ when run compiled
 * (scripts/build-node.mjs). Files read at run time (the seed, locales/bo.json, dist/) are found
 * from here, never from a path relative to the module.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
