/**
 * How a server-rendered page (a pre-rendered report, a directory page) starts the app.
 *
 * Not with the build's `<script type="module">` in the head: the browser fetches and runs that
 * while it is still parsing and painting the page, so on a slow phone the app's chunks compete with
 * the page's first paint, and Lighthouse counts them into its largest contentful paint (zh: LCP
 * 2.1× that of the same page without scripts, issue 12). Such a page reads without any script; the
 * app is needed only for what it adds (language switch, status line, offline copy). So the page
 * carries instead this small inline script, which adds the entry once the page has loaded, two
 * frames have been painted and the browser is idle (at most 2 s more). A hidden tab paints no
 * frames: it starts on the load there.
 *
 * Its text is fixed (the entry's address is read from its own `data-src`), so that the CSP allows
 * exactly this script by its hash (server/security-headers.ts) and still no other inline script.
 * Kept to ES5 without arrow functions: it runs in whatever browser opens the page.
 */

export const BOOT_LOADER =
  '(function(d,w){var s=d.currentScript.getAttribute("data-src");' +
  'function go(){var m=d.createElement("script");m.type="module";m.src=s;d.head.appendChild(m)}' +
  'function idle(){w.requestIdleCallback?w.requestIdleCallback(go,{timeout:2000}):setTimeout(go,0)}' +
  'function start(){if(d.visibilityState==="hidden")go();' +
  'else requestAnimationFrame(function(){requestAnimationFrame(function(){setTimeout(idle,0)})})}' +
  'if(d.readyState==="complete")start();else w.addEventListener("load",start,{once:true})})(document,window)';

/** The build's entry tag in its index.html (Vite writes it so). */
const ENTRY_TAG = /<script type="module" crossorigin src="([^"]+)"><\/script>/u;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * The built index.html with its entry tag replaced by the loader at the end of the body. Throws
 * when the template has no entry tag or no body end (a page must never be left without its app).
 */
export function withBootLoader(html: string): string {
  const entry = ENTRY_TAG.exec(html);
  if (entry === null || !html.includes('</body>')) throw new Error('pre-render: the built index.html has no module entry or no </body>');
  const src = (entry[1] ?? '').replace(/[&<>"']/gu, (c) => ESCAPES[c] ?? c);
  const loader = `<script data-src="${src}">${BOOT_LOADER}</script>`;
  // Functions, so that no `$` in the text is read as a replacement pattern.
  return html.replace(ENTRY_TAG, () => '').replace('</body>', () => `${loader}</body>`);
}
