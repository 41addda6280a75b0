/**
 * The app in the browser (loaded by main.ts after the first paint): a pre-rendered report page is
 * hydrated from the state it carries (no visible change, no refetch before the first paint); any
 * other page (the app shell's index.html) is rendered here. The app mounts once the first route
 * has resolved, then the service worker is registered (modules/pwa.ts).
 */
import { createWebHistory } from 'vue-router';
import { afterHydration, createLothoApp } from './app.ts';
import { readState } from './initial-state.ts';
import { registerServiceWorker } from './modules/pwa.ts';

const container = document.getElementById('app');
const initialState = readState(document);
// Hydrate only HTML that came with its state; anything else is replaced by a fresh render.
const hydrate = initialState !== undefined && container !== null && container.firstElementChild !== null;

const lotho = createLothoApp({
  history: createWebHistory(import.meta.env.BASE_URL),
  ssr: hydrate,
  ...(hydrate ? { initialState } : {}),
});

void lotho.router.isReady().then(() => {
  lotho.app.mount('#app');
  if (hydrate) afterHydration(lotho);
  registerServiceWorker();
});
