/**
 * The app in the browser (loaded by main.ts after the first paint): a pre-rendered report page is
 * hydrated from the state it carries (no visible change, no refetch before the first paint); any
 * other page (the app shell's index.html) is rendered here. The app mounts once the first route
 * has resolved; once the parts that hydrate in turns have (modules/hydration-turns.ts), this
 * device's settings apply and the service worker is registered (modules/pwa.ts). On a device where an
 * official signed in, the sync then starts once the page is idle, whatever the page
 * (modules/official-sync.ts, loaded only there: a resident's page never downloads it).
 */
import { createWebHistory } from 'vue-router';
import { afterHydration, createLothoAppWithoutRouter, installRouter, type LothoApp } from './app.ts';
import { readListingState, readState } from './initial-state.ts';
import { hasOfficial } from './modules/official-flag.ts';
import { dropPageFontOnLeaving } from './modules/page-font.ts';
import { hydrated } from './modules/hydration-turns.ts';
import { registerServiceWorker } from './modules/pwa.ts';
import { useTranslationsStore } from './stores/translations.ts';

const container = document.getElementById('app');
const initialState = readState(document);
const initialListing = readListingState(document);
// Hydrate only HTML that came with its state; anything else is replaced by a fresh render.
const hydrate = (initialState !== undefined || initialListing !== undefined) && container !== null && container.firstElementChild !== null;

// Building the app is done in tasks of its own, not the tail of the one that evaluated the chunks
// and checked the state against its schema (together a long task on a slow phone): the history
// (its first replaceState), then the app with its stores and messages, then its router. Not a
// top-level await: that changes how the build splits the chunks (the entry then preloads them
// with the HTML).
void (async () => {
  await nextTask();
  const history = createWebHistory(import.meta.env.BASE_URL);
  await nextTask();
  const withoutRouter = createLothoAppWithoutRouter({
    ssr: hydrate,
    ...(hydrate && initialState !== undefined ? { initialState } : {}),
    ...(hydrate && initialListing !== undefined ? { initialListing } : {}),
  });
  await nextTask();
  start(installRouter(withoutRouter, history));
})();

/** Resolves in a task of its own (after a timeout of 0). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function start(lotho: LothoApp): void {
  void lotho.router
    .isReady()
    // Mounting is a task of its own, not the tail of the one that built the app and its router.
    .then(nextTask)
    .then(() => {
      dropPageFontOnLeaving(lotho.router);
      lotho.app.mount('#app');
      // What the server could not know, once every part of the page has hydrated (hydration-turns.ts).
      return hydrated();
    })
    .then(() => {
      if (hydrate) afterHydration(lotho);
      registerServiceWorker();
      // The latest reviewed Tibetan (after hydration: the page first shows what it was rendered with).
      void useTranslationsStore(lotho.pinia).refresh(lotho.i18n);
      if (hasOfficial()) afterLoadWhenIdle(() => {
        import('./modules/official-sync.ts')
          .then(({ startOfficialSync }) => startOfficialSync(lotho.pinia))
          // Offline before the chunk was ever cached, or storage blocked: the drafting pages start it.
          .catch(() => undefined);
      });
    });
}

/** Runs `task` after the load event (the service worker registers then) once the browser is idle. */
function afterLoadWhenIdle(task: () => void): void {
  const idle = (): void => {
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(task, { timeout: 5_000 });
    else setTimeout(task, 200);
  };
  if (document.readyState === 'complete') idle();
  else window.addEventListener('load', idle, { once: true });
}
