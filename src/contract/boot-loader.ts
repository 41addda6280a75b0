/**
 * How a server-rendered page (a pre-rendered report, a directory page) starts the app.
 *
 * Not with the build's `<script type="module">` in the head: the browser fetches and runs that
 * while it is still parsing and painting the page, so on a slow phone the app's chunks compete with
 * the page's first paint, and Lighthouse counts them into its largest contentful paint (zh: LCP
 * 2.1× that of the same page without scripts, issue 12). Such a page reads without any script; the
 * app is needed only for what it adds (language switch, status line, offline copy). So the page
 * carries instead this small inline script, which adds the entry once the page has loaded, its
 * first paint is on screen and the browser is idle (at most 2 s more). A hidden tab paints no
 * frames: it starts on the load there. Every byte of it is in every page, whose first round trip
 * has little room left (the zh page: 14,540 of 14,600 bytes, December 2026): kept terse.
 *
 * "On screen" is the paint timing entry (first-contentful-paint), not a count of animation frames:
 * the entry is reported once the frame has been presented, which on a busy phone (or a loaded
 * machine running Lighthouse) comes up to ~100 ms after the frame was painted. Two frames and an
 * idle callback could pass in that time, and the request for the entry then ended before the
 * timestamp of the paint it was meant to follow.
 *
 * The web app manifest's <link> and the tab's icon wait for the same moment (data-manifest,
 * data-icon): Chromium fetches a page's manifest, the first icon it names and the page's icon as
 * soon as the page has loaded, the manifest and its icon each on a connection of its own. The
 * pre-rendered page loads before it paints (it has no subresource), so those requests used to
 * end before its first paint about as often as not, and Lighthouse's simulation takes every
 * request that ended before the largest contentful paint as one the paint waited for: +125 ms
 * for the manifest, +275 ms with its icon, +25 ms for the tab's icon (src/fonts/README.md, "The
 * Tibetan report page's first paint"). Nothing needs them before then: only installing the app
 * reads the manifest, and that needs the service worker the app registers. The page's own icon
 * link points at an empty data URL until then (with none, browsers ask for /favicon.ico at once):
 * a page read without scripts shows the browser's default icon.
 *
 * Its text is fixed (the addresses are read from its own `data-src`, `data-manifest` and
 * `data-icon`), so that the CSP allows exactly this script by its hash (server/security-headers.ts)
 * and still no other inline script.
 * Kept to ES5 without arrow functions: it runs in whatever browser opens the page.
 */

export const BOOT_LOADER =
  '(function(d,w){var c=d.currentScript.dataset,n=0;' +
  // A <link rel=…> or, without a rel, the module script, at the end of the head.
  'function add(r,h){var l=d.createElement(r?"link":"script");r?l.rel=r:l.type="module";l[r?"href":"src"]=h;d.head.appendChild(l)}' +
  'function go(){add(0,c.src)}' +
  // Once (the entry, or 3 s: a tab hidden before its first paint never reports one, nor does a
  // browser without paint timing): the icon, the manifest, then the app when the browser is idle.
  'function on(){var i=d.querySelector("link[rel=icon]");if(!n++){if(i&&c.icon)i.href=c.icon;if(c.manifest)add("manifest",c.manifest);' +
  'setTimeout(function(){w.requestIdleCallback?requestIdleCallback(go,{timeout:2000}):go()},0)}}' +
  'function start(){try{new PerformanceObserver(function(l){if(l.getEntriesByName("first-contentful-paint").length)on()})' +
  '.observe({type:"paint",buffered:true})}catch(e){}setTimeout(on,d.visibilityState=="hidden"?0:3000)}' +
  'd.readyState=="complete"?start():w.addEventListener("load",start)})(document,window)';

/** The build's entry tag in its index.html (Vite writes it so). */
const ENTRY_TAG = /<script type="module" crossorigin src="([^"]+)"><\/script>/u;

/** The web app manifest's tag in the built index.html (vite-plugin-pwa writes it so). */
const MANIFEST_TAG = /<link rel="manifest" href="([^"]+)"[^>]*>/u;

/** The page's icon in the built index.html (index.html): its address is the second group. */
const ICON_TAG = /(<link rel="icon"[^>]* href=")([^"]+)("[^>]*>)/u;

/** What the icon link points at until the loader sets it: nothing to fetch, and no /favicon.ico either. */
export const ICON_PLACEHOLDER = 'data:,';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` as an HTML attribute value (it is read back with getAttribute). */
function attribute(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => ESCAPES[c] ?? c);
}

/**
 * The built index.html with its entry tag replaced by the loader at the end of the body, and its
 * manifest <link> and icon address (when it has them) handed to the loader, which sets them once
 * the page has painted.
 * Throws when the template has no entry tag or no body end (a page must never be left without its app).
 */
export function withBootLoader(html: string): string {
  const entry = ENTRY_TAG.exec(html);
  if (entry === null || !html.includes('</body>')) throw new Error('pre-render: the built index.html has no module entry or no </body>');
  const manifest = MANIFEST_TAG.exec(html);
  const icon = ICON_TAG.exec(html);
  const later = (manifest === null ? '' : ` data-manifest="${attribute(manifest[1] ?? '')}"`) + (icon === null ? '' : ` data-icon="${attribute(icon[2] ?? '')}"`);
  const loader = `<script data-src="${attribute(entry[1] ?? '')}"${later}>${BOOT_LOADER}</script>`;
  // Functions, so that no `$` in the text is read as a replacement pattern.
  return html
    .replace(ENTRY_TAG, () => '')
    .replace(MANIFEST_TAG, () => '')
    .replace(ICON_TAG, (_, start: string, _href: string, end: string) => `${start}${ICON_PLACEHOLDER}${end}`)
    .replace('</body>', () => `${loader}</body>`);
}
