/**
 * A production install (`npm ci --omit=dev`) runs the compiled server and CLI: every package
 * dist-node/ imports must be one of package.json's `dependencies`, never a devDependency (a build
 * tool, or a library Vite bundles into the app); and it carries no build tool, not even as an
 * optional peer of a dependency (npm installs those: valibot's TypeScript was one).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_DIR, ROOT } from '../../../scripts/build-node.mjs';

/** `hono/compress` → hono, `@hono/node-server/conninfo` → @hono/node-server. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

function importedPackages(dir: string): Set<string> {
  const found = new Set<string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const code = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    // esbuild writes `import … from "x";` and `import "x";` at the start of a line, and `import("x")`.
    const statics = code.matchAll(/^(?:import|export)\b[^;]*?"([^"]+)";/gmu);
    const dynamics = code.matchAll(/\bimport\("([^"]+)"\)/gu);
    for (const match of [...statics, ...dynamics]) {
      const specifier = match[1] ?? '';
      if (specifier.startsWith('.')) continue;
      if (specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
      found.add(packageOf(specifier));
    }
  }
  return found;
}

describe('the compiled server and CLI', () => {
  it('import only production dependencies', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const imported = importedPackages(NODE_DIR);
    expect(imported.size).toBeGreaterThan(3);
    expect([...imported].filter((name) => !(name in pkg.dependencies))).toEqual([]);
  });

  it('leave every build tool out of a production install', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    // `npm ci --omit=dev` leaves out what the lockfile marks `dev`, and keeps `devOptional`.
    const installed = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && entry.dev !== true)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(installed.length).toBeGreaterThan(10);
    const buildTools = /^(?:typescript|vite|vitest|esbuild|@esbuild\/.*|tsx|vue-tsc|rollup|@rollup\/.*|rolldown|@rolldown\/.*|eslint)$/u;
    expect(installed.filter((name) => buildTools.test(name))).toEqual([]);
  });
});
