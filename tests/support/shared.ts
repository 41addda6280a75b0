/**
 * The steering repository's `../shared` folder (domain notes, templates.json, the real-report
 * corpus), beside this repository as CI clones it. Tests read it inside `beforeAll`/`it` through
 * these helpers, which fail loudly when it is missing: a test that silently skips without its data
 * guards nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Absolute path of `../shared` beside the repository. */
export const SHARED_DIR = fileURLToPath(new URL('../../../shared/', import.meta.url));

/** The absolute path of `../shared/<relative>`; throws, naming the path, when it is missing. */
export function sharedPath(relative: string): string {
  const path = join(SHARED_DIR, relative);
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: these tests read ../shared beside the repository (CI clones it there)`);
  }
  return path;
}

/** `../shared/<relative>` as UTF-8 text. */
export function readSharedText(relative: string): string {
  return readFileSync(sharedPath(relative), 'utf8');
}

/** `../shared/<relative>` as bytes. */
export function readSharedBytes(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(sharedPath(relative)));
}
