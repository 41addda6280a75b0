/**
 * The service worker (src/sw.ts, built by vite-plugin-pwa into /sw.js): registered in production
 * once the page has loaded, through the browser's own API (modules/sw-client.ts). A new
 * version is only announced (`needRefresh`); it takes over when the reader says so
 * (`updateServiceWorker()`), and only then does the page reload: never a reload under the reader's fingers
 * (conventions §13, `registerType: 'prompt'`).
 */
import { readonly, ref, type DeepReadonly, type InjectionKey, type Ref } from 'vue';
import { nativeServiceWorkerClient, type ServiceWorkerClient } from './sw-client.ts';

export type { ServiceWorkerClient } from './sw-client.ts';

export interface AppUpdateOptions {
  /** Creates the client for the worker at `url` (default: the browser's own, modules/sw-client.ts). */
  create?: (url: string) => Promise<ServiceWorkerClient>;
  /** Reloads the page (default: location.reload). */
  reload?: () => void;
  /** Worker script (default /sw.js). */
  url?: string;
  /** How often an open page (a kiosk) asks the server for a new version; 0: never. Default 1 h. */
  checkEveryMs?: number;
}

/** The update state of one page, and what the reader can do about it. */
export interface AppUpdate {
  /** A new version is ready and waits for the reader's go-ahead. */
  needRefresh: DeepReadonly<Ref<boolean>>;
  /** The app was stored for offline use for the first time on this visit. */
  offlineReady: DeepReadonly<Ref<boolean>>;
  /**
   * Resolves once a service worker controls the page (the app is cached for offline use), or
   * when none will (registration failed, worker redundant).
   */
  settled: Promise<void>;
  /** Registers the worker and listens for new versions. */
  start: () => Promise<void>;
  /** The reader asked: activate the new version, then reload once it controls the page. */
  updateServiceWorker: () => void;
  /** Not now: the banner goes; the new version is offered again on the next visit. */
  dismiss: () => void;
}

/** A new controller of the update state (one per page; tests make their own). */
export function createAppUpdate(options: AppUpdateOptions = {}): AppUpdate {
  const needRefresh = ref(false);
  const offlineReady = ref(false);
  const reload = options.reload ?? (() => { window.location.reload(); });
  let client: ServiceWorkerClient | null = null;
  /** The reader said yes in this page. */
  let accepted = false;
  /** The new version already controls this page (another tab said yes): only a reload is left. */
  let controlled = false;
  let settle: () => void = () => undefined;
  const settled = new Promise<void>((resolve) => {
    settle = resolve;
  });

  async function start(): Promise<void> {
    if (client !== null) return;
    try {
      await register();
    } catch (error) {
      settle();
      throw error;
    }
  }

  async function register(): Promise<void> {
    const url = options.url ?? '/sw.js';
    const wb = options.create === undefined ? nativeServiceWorkerClient(url) : await options.create(url);
    client = wb;
    wb.addEventListener('redundant', settle);
    wb.addEventListener('waiting', () => {
      needRefresh.value = true;
    });
    wb.addEventListener('controlling', (event) => {
      settle();
      if (accepted) {
        reload();
      } else if (event.isUpdate === true) {
        // Activated from another tab: this page still runs the old code. Ask, as for a new version.
        controlled = true;
        needRefresh.value = true;
      }
    });
    wb.addEventListener('activated', (event) => {
      if (event.isUpdate !== true) offlineReady.value = true;
    });
    await wb.register();
    const every = options.checkEveryMs ?? 60 * 60 * 1000;
    if (every > 0) setInterval(() => void wb.update().catch(() => undefined), every);
  }

  function updateServiceWorker(): void {
    needRefresh.value = false;
    if (controlled) {
      reload();
      return;
    }
    if (client === null) return;
    accepted = true;
    client.messageSkipWaiting();
  }

  function dismiss(): void {
    needRefresh.value = false;
  }

  return { needRefresh: readonly(needRefresh), offlineReady: readonly(offlineReady), settled, start, updateServiceWorker, dismiss };
}

/** The page's update state (provide another under this key in tests). */
export const appUpdate = createAppUpdate();
export const APP_UPDATE_KEY: InjectionKey<AppUpdate> = Symbol('lotho-app-update');

/**
 * Resolves once the app is cached for offline use and its service worker controls this page, or
 * at once where no worker will (no support, `vite dev`, tests). A pre-rendered page waits for it
 * before loading Dexie (stores/reports.ts): the worker's precache holds that chunk, so a first
 * visit downloads it once, in the background, instead of twice.
 */
export function whenAppCached(update: AppUpdate = appUpdate): Promise<void> {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return Promise.resolve();
  if (navigator.serviceWorker.controller !== null) return Promise.resolve();
  return update.settled;
}

/**
 * Registers the service worker after the page's load event (it then downloads the app for
 * offline use without competing with the first paint). Production builds only: under
 * `vite dev` a worker would cache dev modules.
 */
export function registerServiceWorker(controller: AppUpdate = appUpdate): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const start = (): void => {
    // A failed registration (private window, blocked storage) leaves the app working online.
    controller.start().catch(() => undefined);
  };
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}
