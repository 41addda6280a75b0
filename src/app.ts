/**
 * The one app factory, shared by the browser (main.ts) and the pre-renderer (entry-server.ts), so
 * both build the same component tree from the same state: what hydration needs to match.
 */
import { createApp, createSSRApp, type App as VueApp } from 'vue';
import type { Pinia } from 'pinia';
import type { Router, RouterHistory } from 'vue-router';
import App from './App.vue';
import { installPinia } from './modules/pinia.ts';
import { installI18n, type AppI18n } from './modules/i18n.ts';
import { createAppRouter } from './router.ts';
import { primedReport, type InitialState, type ListingState } from './initial-state.ts';
import { useDirectoryStore } from './stores/directory.ts';
import { useReportsStore } from './stores/reports.ts';
import { useSettingsStore } from './stores/settings.ts';
import { useTranslationsStore } from './stores/translations.ts';

export interface LothoAppOptions {
  history: RouterHistory;
  /**
   * Server-rendered (on the server) or hydrating server-rendered HTML (in the browser): the app is
   * created with createSSRApp and starts from `initialState` and the default settings.
   */
  ssr?: boolean;
  /** The state the page is (or was) rendered from. */
  initialState?: InitialState;
  /** The listing a server-rendered directory page (home, agency) is (or was) rendered from. */
  initialListing?: ListingState;
}

export interface LothoApp {
  app: VueApp;
  router: Router;
  pinia: Pinia;
  i18n: AppI18n;
}

/** The app before its router: Pinia and i18n installed, the stores primed with the state. */
export type LothoAppWithoutRouter = Omit<LothoApp, 'router'>;

/** Pinia and i18n installed in a new app; the reports store primed with the state. */
export function createLothoAppWithoutRouter(options: Omit<LothoAppOptions, 'history'>): LothoAppWithoutRouter {
  const app = options.ssr === true ? createSSRApp(App) : createApp(App);
  const pinia = installPinia(app);
  const i18n = installI18n(app);
  if (options.ssr === true) useSettingsStore(pinia).applyRenderDefaults();
  if (options.initialState !== undefined) useReportsStore(pinia).prime(primedReport(options.initialState));
  // Before the first render: a page pre-rendered with reviewed Tibetan hydrates with the same text.
  const translations = useTranslationsStore(pinia);
  const rendered = options.initialState?.translations ?? options.initialListing?.translations;
  if (rendered !== undefined) translations.use(rendered, i18n);
  else translations.use(translations.overlay, i18n);
  if (options.initialListing !== undefined) useDirectoryStore(pinia).prime(options.initialListing.listing, options.initialListing.key);
  return { app, pinia, i18n };
}

/** The router installed in an app made by createLothoAppWithoutRouter (it starts the first navigation). */
export function installRouter(lotho: LothoAppWithoutRouter, history: RouterHistory): LothoApp {
  const router = createAppRouter(history, lotho.i18n);
  lotho.app.use(router);
  return { ...lotho, router };
}

/** Pinia, i18n and the router installed in a new app; the reports store primed with the state. */
export function createLothoApp(options: LothoAppOptions): LothoApp {
  return installRouter(createLothoAppWithoutRouter(options), options.history);
}

/**
 * After hydrating: what the server could not know (this device's settings, its connection) is
 * applied now, as ordinary updates of a running app.
 */
export function afterHydration({ pinia }: Pick<LothoApp, 'pinia'>): void {
  useSettingsStore(pinia).restore();
  useReportsStore(pinia).checkConnectivity();
}
