/**
 * Runs inside the page (bundled by locate.ts into one script): finds elements by ARIA role and
 * accessible name as dom-accessibility-api computes them (the library Testing Library uses), the
 * same code in every engine, and marks a found element with `data-e2e-ref` so that the driver
 * can act on it through a plain CSS selector with its own real clicks and keystrokes.
 */
import { computeAccessibleName, getRole } from 'dom-accessibility-api';

/** A query as it crosses into the page: patterns as source and flags. */
export type WireName = { exact: string } | { pattern: string; flags: string };
export type WireQuery =
  | { role: string; name?: WireName; within?: WireQuery }
  | { label: WireName; within?: WireQuery }
  | { css: string; within?: WireQuery };

/** What a label can name (HTML's labelable elements). */
const FIELDS = 'input:not([type=hidden]), select, textarea, button, meter, output, progress';

export interface Found {
  /** Visible elements matching the query. */
  count: number;
  /** The mark of the first one (`[data-e2e-ref="…"]`), null when there is none. */
  ref: string | null;
  /** Text of each match (innerText), or its value for a form field. */
  texts: string[];
  /** Accessible names of the visible elements of the role asked for, for an error message. */
  nearby: string[];
}

declare global {
  interface Window {
    __lothoLocate?: { find: (query: WireQuery) => Found };
  }
}

function normalise(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

function visible(element: Element): boolean {
  if (typeof element.checkVisibility === 'function') return element.checkVisibility({ visibilityProperty: true });
  return element.getClientRects().length > 0;
}

function nameMatches(element: Element, name: WireName | undefined): boolean {
  if (name === undefined) return true;
  const accessible = normalise(computeAccessibleName(element));
  return 'exact' in name ? accessible === normalise(name.exact) : new RegExp(name.pattern, name.flags).test(accessible);
}

function within(query: WireQuery): Element[] {
  if (query.within === undefined) return [document.documentElement];
  return matches(query.within);
}

function matches(query: WireQuery): Element[] {
  const found = new Set<Element>();
  for (const root of within(query)) {
    const candidates = root.querySelectorAll('css' in query ? query.css : 'label' in query ? FIELDS : '*');
    for (const element of candidates) {
      if (!visible(element)) continue;
      if ('role' in query && (getRole(element) !== query.role || !nameMatches(element, query.name))) continue;
      if ('label' in query && !nameMatches(element, query.label)) continue;
      found.add(element);
    }
  }
  return [...found];
}

let next = 0;

function textOf(element: Element): string {
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) return element.value;
  return element instanceof HTMLElement ? element.innerText : element.textContent;
}

function find(query: WireQuery): Found {
  const all = matches(query);
  const first = all[0];
  let ref: string | null = null;
  if (first !== undefined) {
    ref = first.getAttribute('data-e2e-ref') ?? `e${String((next += 1))}`;
    first.setAttribute('data-e2e-ref', ref);
  }
  const nearby =
    all.length === 0 && 'role' in query
      ? matches({ role: query.role, within: query.within }).map((element) => normalise(computeAccessibleName(element))).slice(0, 12)
      : [];
  return { count: all.length, ref, texts: all.map(textOf), nearby };
}

window.__lothoLocate ??= { find };
