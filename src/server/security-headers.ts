/**
 * Security headers, sized to what each response is:
 * - documents (HTML pages, the service worker script, anything outside /api that is not a build
 *   asset) get the full set: the app's CSP, framing, referrer, permission and opener policies
 *   only mean something where a page runs;
 * - API answers (JSON, and downloads sent as attachments) get what a response that is never
 *   meant to be rendered needs (OWASP's REST set): `nosniff` (never read as HTML or script), CORP
 *   (no other site may embed it and read it through a side channel), no framing (CSP
 *   `frame-ancestors 'none'` and `X-Frame-Options`), and a CSP of `default-src 'none'`: should a
 *   browser ever render one, nothing in it may load or run. Stricter than the app's CSP, in one
 *   short header; `Referrer-Policy` too, as it costs 26 bytes. Routes set their own Cache-Control;
 * - a build asset (a hashed script, a stylesheet, the font, an icon) gets only what a browser
 *   reads on a subresource: `nosniff` (a script or stylesheet must be served as one) and CORP.
 *
 * Why not the full set everywhere: it is ~950 bytes that gzip cannot shrink (HTTP/1.1 headers are
 * not compressed) and a dozen headers to build and parse. A report page loads about fifteen
 * scripts and styles: 14 KiB of every first visit on a township's slow link. A device pushing
 * edit after edit (issue 15) spent more on them than on its acks: ~150 bytes now.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { BOOT_LOADER } from '../contract/boot-loader.ts';
import { addAnswerHeaders, hasAnswerHeaders } from './answer-headers.ts';

/** The CSP source of the one inline script a server-rendered page carries (contract/boot-loader.ts). */
const BOOT_LOADER_SOURCE = `'sha256-${createHash('sha256').update(BOOT_LOADER, 'utf8').digest('base64')}'`;

/**
 * CSP for the built app: scripts only from our origin, plus the pages' boot loader by its hash (no
 * other inline script, no eval); inline styles are allowed because Vue binds `style` attributes.
 * Fonts also from data: URLs: a pre-rendered Tibetan page inlines its own subset of the Tibetan
 * font (page-font.ts). Nothing may frame the app.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", BOOT_LOADER_SOURCE],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
};

/** Extensions of files a page loads as subresources (never navigated to, never a worker). */
const SUBRESOURCE = /\.(?:js|css|woff2?|png|svg|ico|webmanifest|json|map)$/u;

/**
 * True for a static subresource: a file under the app (not /api), with a subresource extension,
 * except the service worker script, which runs as a worker under the CSP of its own response.
 */
export function isSubresource(path: string): boolean {
  return !path.startsWith('/api/') && path !== '/sw.js' && SUBRESOURCE.test(path);
}

/** What an API answer carries: never rendered, never framed, never embedded by another site. */
export const API_HEADERS: readonly (readonly [string, string])[] = [
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Referrer-Policy', 'no-referrer'],
];

/** API_HEADERS as one object, added to each API request's answer headers before its route runs. */
const API_HEADER_RECORD: Readonly<Record<string, string>> = Object.freeze(Object.fromEntries(API_HEADERS));

/** The full set on documents, the API's on API answers, nosniff and CORP on build assets. */
export function securityHeaders(): MiddlewareHandler {
  const full = secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    // HSTS belongs to whoever terminates TLS; on a plain-HTTP intranet it would only mislead.
    strictTransportSecurity: false,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
  });
  return async (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path === '/api') {
      addAnswerHeaders(c, API_HEADER_RECORD);
      await next();
      if (!hasAnswerHeaders(c)) for (const [name, value] of API_HEADERS) c.res.headers.set(name, value);
      return undefined;
    }
    if (!isSubresource(c.req.path)) return full(c, next);
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Cross-Origin-Resource-Policy', 'same-origin');
    return undefined;
  };
}
