// @ts-check
/**
 * Build stamps: which source files a build was made from, so that `npm start` and the `lotho` bin
 * rebuild only when a source changed. A stamp lists each input (path relative to the project) with
 * its size, mtime and SHA-256. A file whose size and mtime are unchanged is taken as unchanged; one
 * whose mtime moved (a `git checkout`, a copy) is hashed, so touching a file does not rebuild.
 * Plain JavaScript: it runs before anything is compiled, and in a production install.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';

/** @typedef {{ size: number, mtimeMs: number, sha256: string }} InputState */
/** @typedef {{ version: 1, builtAt: string, inputs: Record<string, InputState> }} Stamp */

/**
 * @param {string} file
 * @returns {string}
 */
function sha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/**
 * The project-relative, `/`-separated name of `file`, or undefined for a file outside the project
 * or inside node_modules (dependencies are pinned by package-lock.json, which is an input itself).
 * @param {string} root
 * @param {string} file
 * @returns {string | undefined}
 */
export function inputName(root, file) {
  const path = relative(root, isAbsolute(file) ? file : join(root, file));
  if (path === '' || path.startsWith('..') || isAbsolute(path)) return undefined;
  const name = path.split(sep).join('/');
  return name.split('/').includes('node_modules') ? undefined : name;
}

/**
 * Writes the stamp of a build made from `files` (absolute or relative to `root`).
 * @param {string} root
 * @param {string} stampFile
 * @param {Iterable<string>} files
 */
export function writeStamp(root, stampFile, files) {
  /** @type {Record<string, InputState>} */
  const inputs = {};
  for (const file of files) {
    const name = inputName(root, file);
    if (name === undefined || name in inputs) continue;
    const path = join(root, name);
    const { size, mtimeMs } = statSync(path);
    inputs[name] = { size, mtimeMs, sha256: sha256(path) };
  }
  /** @type {Stamp} */
  const stamp = { version: 1, builtAt: new Date().toISOString(), inputs };
  mkdirSync(dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, `${JSON.stringify(stamp, null, 1)}\n`);
}

/**
 * @param {string} stampFile
 * @returns {Stamp | undefined}
 */
function readStamp(stampFile) {
  try {
    /** @type {unknown} */
    const parsed = JSON.parse(readFileSync(stampFile, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || !('version' in parsed) || parsed.version !== 1) return undefined;
    return /** @type {Stamp} */ (parsed);
  } catch {
    return undefined;
  }
}

/**
 * Why the build stamped in `stampFile` is out of date: `missing` (no build, or no stamp), the
 * first changed input, or undefined when every input is as it was.
 * @param {string} root
 * @param {string} stampFile
 * @returns {string | undefined}
 */
export function staleReason(root, stampFile) {
  const stamp = readStamp(stampFile);
  if (stamp === undefined) return 'missing';
  for (const [name, before] of Object.entries(stamp.inputs)) {
    const path = join(root, name);
    let now;
    try {
      now = statSync(path);
    } catch {
      return `${name} removed`;
    }
    if (now.size !== before.size) return `${name} changed`;
    if (now.mtimeMs !== before.mtimeMs && sha256(path) !== before.sha256) return `${name} changed`;
  }
  return undefined;
}
