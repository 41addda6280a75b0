/**
 * The Node side of locate-in-page.ts: bundles it once into a script (esbuild, an IIFE with
 * dom-accessibility-api inside), turns a Query into what crosses into the page, and says in
 * words what a query looked for when it fails.
 */
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { Name, Query } from './engine.ts';
import type { Found, WireName, WireQuery } from './locate-in-page.ts';

export type { Found };

let bundle: string | undefined;

/** The in-page locator as one script that defines window.__lothoLocate (once per document). */
export function locatorScript(): string {
  bundle ??= buildSync({
    entryPoints: [fileURLToPath(new URL('./locate-in-page.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    minify: true,
  }).outputFiles[0]?.text;
  if (bundle === undefined) throw new Error('esbuild produced no locator script');
  return bundle;
}

function wireName(name: Name): WireName {
  return typeof name === 'string' ? { exact: name } : { pattern: name.source, flags: name.flags };
}

export function toWire(query: Query): WireQuery {
  const within = query.within === undefined ? undefined : toWire(query.within);
  if ('css' in query) return { css: query.css, within };
  if ('label' in query) return { label: wireName(query.label), within };
  return { role: query.role, name: query.name === undefined ? undefined : wireName(query.name), within };
}

/**
 * An expression that locates `query` in the page and evaluates to a Found, or to null when the
 * page has no locator yet; `inject` sends the locator along (13 kB, once per document).
 */
export function findExpression(query: Query, inject: boolean): string {
  const call = `window.__lothoLocate.find(${JSON.stringify(toWire(query))})`;
  return inject ? `(function(){${locatorScript()};return ${call};})()` : `(window.__lothoLocate ? ${call} : null)`;
}

/** The query in words, for error messages: `button "保留我的" in region "有冲突的修改"`. */
export function describe(query: Query): string {
  const named = (name: Name | undefined): string => (name === undefined ? '' : ` ${typeof name === 'string' ? JSON.stringify(name) : String(name)}`);
  const own = 'css' in query ? `css ${query.css}` : 'label' in query ? `field labelled${named(query.label)}` : `${query.role}${named(query.name)}`;
  return query.within === undefined ? own : `${own} in ${describe(query.within)}`;
}

/** The selector a driver acts on for a found element. */
export function refSelector(ref: string): string {
  return `[data-e2e-ref="${ref}"]`;
}
