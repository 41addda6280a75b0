/**
 * Security headers, sized to what each response is. Documents (HTML pages, the service worker
 * script, API answers) get the full set: the CSP, framing, referrer and permission policies only
 * mean something there. A build asset (a hashed script, a stylesheet, the font, an icon) gets
 * only what a browser reads on a subresource: `nosniff` (a script or stylesheet must be served
 * as one) and CORP (no other site may embed it).
 *
 * Why not the full set everywhere: a report page loads about fifteen scripts and styles, and the
 * full set is ~950 bytes that gzip cannot shrink (HTTP/1.1 headers are not compressed). On a
 * township's slow link that is 14 KiB of every first visit spent on headers the browser ignores.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * CSP for the built app: scripts only from our origin (no inline, no eval); inline styles are
 * allowed because Vue binds `style` attributes. Fonts also from data: URLs: a pre-rendered Tibetan
 * page inlines its own subset of the Tibetan font (page-font.ts). Nothing may frame the app.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
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

/** The full set on documents and API answers, nosniff and CORP on build assets. */
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
    if (!isSubresource(c.req.path)) return full(c, next);
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Cross-Origin-Resource-Policy', 'same-origin');
    return undefined;
  };
}
