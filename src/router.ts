/**
 * The route table, explicit, pages loaded lazily. The language is the first path segment; the
 * guard loads its messages and sets the i18n locale before a page renders, and `<html lang>` and
 * the document title follow it.
 */
import {
  createRouter,
  type RouteLocationNormalized,
  type RouteRecordRaw,
  type Router,
  type RouterHistory,
} from 'vue-router';
import type { Lang } from './report/model.ts';
import { HTML_LANG, setLocale, loadMessages, type AppI18n, type MessageArea } from './modules/i18n.ts';
import { hydrateWaitingParts } from './modules/hydration-turns.ts';
import { useSettingsStore } from './stores/settings.ts';

declare module 'vue-router' {
  interface RouteMeta {
    /** Page shown in both languages at once (language chooser, unknown address). */
    bilingual?: boolean;
    /** Stands for the routes of an area not loaded yet (see AREAS). */
    area?: Area;
  }
}

/**
 * The officials' and the kiosk's routes, loaded the first time one of their addresses is opened:
 * a resident's router holds the reader's routes only (each route is parsed into a matcher when
 * the router is made, on the phone, while a report page boots). Until then one route stands for
 * each area's addresses; a link from a reader's page into an area gives a path, not a name.
 */
type Area = 'drafts' | 'kiosk';

async function areaRoutes(area: Area): Promise<RouteRecordRaw[]> {
  return area === 'drafts' ? (await import('./routes-drafts.ts')).draftRoutes : (await import('./routes-kiosk.ts')).kioskRoutes;
}

/** The stand-in of each area: its name is `area:<area>`. */
const AREA_ROUTES: RouteRecordRaw[] = [
  {
    path: `/:lang(zh|bo)/:page(sign-in|review|oversight|accounts|drafts)/:rest(.*)*`,
    name: 'area:drafts',
    component: () => import('./pages/NotFoundPage.vue'),
    meta: { area: 'drafts' },
  },
  { path: '/kiosk/:rest(.*)*', name: 'area:kiosk', component: () => import('./pages/NotFoundPage.vue'), meta: { area: 'kiosk', bilingual: true } },
  { path: '/:lang(zh|bo)/admin/kiosks', name: 'area:kiosk-admin', component: () => import('./pages/NotFoundPage.vue'), meta: { area: 'kiosk' } },
];

const LANG = ':lang(zh|bo)';

/** The route records (exported for the pre-render step, which walks them). */
export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    name: 'start',
    component: () => import('./pages/LanguagePage.vue'),
    meta: { bilingual: true },
    // The language last chosen, else the browser's; with neither, the chooser itself.
    beforeEnter: () => {
      const lang = useSettingsStore().startLang();
      return lang === undefined ? true : { name: 'home', params: { lang } };
    },
  },
  { path: `/${LANG}`, name: 'home', component: () => import('./pages/HomePage.vue'), props: true },
  // An agency and every agency below it: the county portal's page (same component as the home).
  { path: `/${LANG}/agencies/:id`, name: 'agency', component: () => import('./pages/HomePage.vue'), props: true },
  {
    path: `/${LANG}/reports/:id`,
    name: 'report',
    component: () => import('./pages/ReportPage.vue'),
    props: (route) => ({ lang: route.params.lang, id: route.params.id, sideBySide: false }),
  },
  {
    path: `/${LANG}/reports/:id/side-by-side`,
    name: 'report-side-by-side',
    component: () => import('./pages/ReportPage.vue'),
    props: (route) => ({ lang: route.params.lang, id: route.params.id, sideBySide: true }),
  },
  ...AREA_ROUTES,
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('./pages/NotFoundPage.vue'),
    meta: { bilingual: true },
  },
];

/** The residents' reader: its pages need the reader's messages only (modules/i18n.ts). */
const READER_ROUTES = new Set(['start', 'home', 'agency', 'report', 'report-side-by-side', 'not-found']);

/** The messages a route needs. */
function messageArea(route: Pick<RouteLocationNormalized, 'name'>): MessageArea {
  return typeof route.name === 'string' && READER_ROUTES.has(route.name) ? 'reader' : 'all';
}

/** The language of a route, when it has one. */
export function routeLang(route: Pick<RouteLocationNormalized, 'params'>): Lang | undefined {
  const lang = route.params.lang;
  return lang === 'zh' || lang === 'bo' ? lang : undefined;
}

/** A router with the guards that keep i18n and `<html lang>` in step with the address. */
export function createAppRouter(history: RouterHistory, i18n: AppI18n): Router {
  const router = createRouter({ history, routes });

  // First of all guards, before the next one changes the locale: a part of the page still waiting
  // to hydrate would otherwise hydrate against text it no longer renders (hydration-turns.ts).
  router.beforeEach(() => {
    hydrateWaitingParts();
  });

  // An area's address: its routes are added (its stand-ins removed), and the same address is
  // resolved again against them.
  router.beforeEach(async (to) => {
    const area = to.meta.area;
    if (area === undefined) return true;
    const records = await areaRoutes(area);
    for (const stand of AREA_ROUTES) if (stand.meta?.area === area && stand.name !== undefined && router.hasRoute(stand.name)) router.removeRoute(stand.name);
    for (const record of records) if (record.name === undefined || !router.hasRoute(record.name)) router.addRoute(record);
    return to.fullPath;
  });

  router.beforeEach(async (to) => {
    const lang = routeLang(to);
    // A bilingual page shows Tibetan next to Chinese: it needs both message sets.
    const area = messageArea(to);
    if (to.meta.bilingual === true) await loadMessages(i18n, 'bo', area);
    await setLocale(i18n, lang ?? 'zh', area);
  });

  router.afterEach((to, from) => {
    if (typeof document === 'undefined') return;
    document.documentElement.lang = HTML_LANG[routeLang(to) ?? 'zh'];
    // A new page starts at its top; switching language on the same page keeps the place. The
    // first page is where the browser put it (a reload keeps its place), and scrolling it would
    // force a layout of the whole pre-rendered page while it hydrates.
    const first = from.matched.length === 0;
    const samePage = to.name === from.name && to.params.id === from.params.id;
    if (!first && !samePage && typeof window.scrollTo === 'function') window.scrollTo({ top: 0 });
  });

  return router;
}
