/// <reference lib="webworker" />
/**
 * The service worker, built by vite-plugin-pwa (injectManifest) into /sw.js. Kept simple: the
 * reports store and IndexedDB are the source of truth for reports; this worker makes the app
 * itself open offline.
 *
 * - Precache (cache first, versioned by the build): the app shell index.html, the CSS, the JS of
 *   the residents' pages (reader, Tibetan messages, Dexie; vite.config.ts readerChunks), the
 *   Tibetan font, icons and the manifest.
 * - Page navigations: network first with a 3 s timeout; else this URL's page as last seen (a
 *   pre-rendered report keeps its text and state); else the precached shell, which renders the
 *   route from IndexedDB. So /zh/reports/<id> and /bo/… reload with no signal.
 * - GET /api/reports and /api/reports/<id>: network first (4 s), its last 200 kept as a second
 *   line behind IndexedDB, marked with X-Lotho-SW-Cache so the app shows it as an old copy.
 * - GET /api/translations/bo (the deployment's reviewed Tibetan): network first (4 s), its last 200
 *   kept, so a Tibetan reader offline still sees the reviewed text.
 * - Other /assets/ chunks (an official's editor, the Word and PDF readers: not precached, a
 *   resident never needs them): cache first once used.
 * - Everything else (POST, /api/auth, /api/sync, /api/drafts …) is not touched: the network only.
 * - A new version waits until the reader agrees (modules/pwa.ts sends modules/sw-messages.ts's SKIP_WAITING).
 * - Background Sync (Chromium): `sync` with the tag `lotho-sync` is passed to the open tabs as
 *   `{type:'lotho-sync'}`; with none open, this worker sends the official's outbox itself
 *   (sync/background.ts). Every browser also syncs from the tabs (sync/client.ts triggers).
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { ExpirationPlugin } from 'workbox-expiration';
import { db } from './db/index.ts';
import { staffApi } from './sync/api.ts';
import { backgroundSync, workerDeps } from './sync/background.ts';
import { BACKGROUND_SYNC_TAG } from './sync/client.ts';
import { SYNC_LOCK, tabLock } from './sync/tab-lock.ts';
import { OFFICIALS_CACHE } from './modules/official-precache.ts';
import { isSkipWaiting } from './modules/sw-messages.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

/** Runtime caches. Pages name asset files of one build, so a new version starts them afresh. */
const PAGES_CACHE = 'lotho-pages-v1';
const API_CACHE = 'lotho-api-v1';
const ASSETS_CACHE = 'lotho-assets-v1';
const SHELL = '/index.html';
const NAVIGATION_TIMEOUT_S = 3;
const API_TIMEOUT_S = 4;
/** Header on an API response served from this worker's cache (read by src/stores/reports-api.ts). */
const SW_CACHE_HEADER = 'X-Lotho-SW-Cache';

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

const pages = new NetworkFirst({
  cacheName: PAGES_CACHE,
  networkTimeoutSeconds: NAVIGATION_TIMEOUT_S,
  plugins: [new CacheableResponsePlugin({ statuses: [200] }), new ExpirationPlugin({ maxEntries: 200 })],
});

function delay(seconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
}

async function shell(): Promise<Response> {
  return (await matchPrecache(SHELL)) ?? Response.error();
}

registerRoute(
  new NavigationRoute(
    async (options) => {
      // NetworkFirst answers within the timeout with the network or this page's cached copy; with
      // neither it would keep waiting for the network: the shell answers instead, a little later.
      const page = pages.handle(options).catch(shell);
      const fallback = delay(NAVIGATION_TIMEOUT_S + 0.5).then(shell);
      return Promise.race([page, fallback]);
    },
    { denylist: [/^\/api\//u] },
  ),
);

registerRoute(
  ({ url, request, sameOrigin }) =>
    sameOrigin && request.method === 'GET' && /^\/api\/reports(?:\/[^/]+)?\/?$/u.test(url.pathname),
  new NetworkFirst({
    cacheName: API_CACHE,
    networkTimeoutSeconds: API_TIMEOUT_S,
    plugins: [
      new CacheableResponsePlugin({ statuses: [200] }),
      new ExpirationPlugin({ maxEntries: 500 }),
      {
        // Used only when the network failed or timed out: say so to the app.
        cachedResponseWillBeUsed: async ({ cachedResponse }) => {
          if (cachedResponse === undefined) return cachedResponse;
          const headers = new Headers(cachedResponse.headers);
          headers.set(SW_CACHE_HEADER, '1');
          return new Response(await cachedResponse.blob(), {
            status: cachedResponse.status,
            statusText: cachedResponse.statusText,
            headers,
          });
        },
      },
    ],
  }),
);

// The reviewed Tibetan: small, asked for once per page load; the last copy serves offline.
registerRoute(
  ({ url, request, sameOrigin }) => sameOrigin && request.method === 'GET' && url.pathname === '/api/translations/bo',
  new NetworkFirst({
    cacheName: API_CACHE,
    networkTimeoutSeconds: API_TIMEOUT_S,
    plugins: [new CacheableResponsePlugin({ statuses: [200] })],
  }),
);

// Chunks outside the precache: an official's pages from the officials' precache, which their
// device keeps (modules/official-precache.ts); others (the Word and PDF readers) hashed and
// immutable, so kept once used and never asked for again.
const usedAssets = new CacheFirst({
  cacheName: ASSETS_CACHE,
  plugins: [new CacheableResponsePlugin({ statuses: [200] }), new ExpirationPlugin({ maxEntries: 100, maxAgeSeconds: 90 * 24 * 3600 })],
});
registerRoute(
  ({ url, request, sameOrigin }) => sameOrigin && request.method === 'GET' && url.pathname.startsWith('/assets/'),
  async (options) => (await (await caches.open(OFFICIALS_CACHE)).match(options.request)) ?? usedAssets.handle(options),
);

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if (isSkipWaiting(event.data)) void self.skipWaiting();
});

/** Background Sync's event (not in TypeScript's worker types: the API is Chromium's alone). */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

function isSyncEvent(event: Event): event is SyncEvent {
  return event instanceof ExtendableEvent && 'tag' in event && typeof event.tag === 'string';
}

self.addEventListener('sync', (event: Event) => {
  if (!isSyncEvent(event) || event.tag !== BACKGROUND_SYNC_TAG) return;
  // A rejection (no network yet) makes the browser fire the event again later.
  event.waitUntil(backgroundSync(workerDeps({ clients: self.clients, db, api: staffApi(), lock: tabLock(SYNC_LOCK) })));
});

self.addEventListener('activate', (event: ExtendableEvent) => {
  // Pages kept by the previous version link its asset files, which its precache took away.
  event.waitUntil(caches.delete(PAGES_CACHE));
});

// The first version takes the open page at once (nothing to reload); a later one only after the
// reader agreed, and the page then reloads itself (modules/pwa.ts).
clientsClaim();
