/**
 * The officials' routes (issue 4): sign-in, the drafts, the editor. Drafting needs an official
 * signed in on this device (an expired session still drafts; it only cannot sync), else the
 * sign-in page, which comes back to where the official was going.
 */
import type { NavigationGuard, RouteRecordRaw } from 'vue-router';
import { isEditorStep } from './composables/useEditorSteps.ts';

const LANG = ':lang(zh|bo)';

/**
 * The session store, loaded when a drafting route is entered: it opens Dexie (db/index.ts), which
 * a resident's report page must not download before it is usable (see stores/reports.ts).
 */
async function sessionStore() {
  const { useSessionStore } = await import('./stores/session.ts');
  return useSessionStore();
}

const requireOfficial: NavigationGuard = async (to) => {
  const session = await sessionStore();
  await session.restore();
  if (session.status === 'signed-in' || session.status === 'expired') return true;
  return { name: 'sign-in', params: { lang: to.params.lang }, query: { back: to.fullPath } };
};

/** Route records of the drafting pages, for router.ts. */
export const draftRoutes: RouteRecordRaw[] = [
  {
    path: `/${LANG}/sign-in`,
    name: 'sign-in',
    component: () => import('./pages/SignInPage.vue'),
    props: true,
    beforeEnter: async () => {
      await (await sessionStore()).restore();
    },
  },
  // The county office's view of its subtree (issue 13): online, read only; the server decides what it shows.
  { path: `/${LANG}/review`, name: 'review', component: () => import('./pages/ReviewPage.vue'), props: true, beforeEnter: requireOfficial },
  { path: `/${LANG}/oversight`, name: 'oversight', component: () => import('./pages/OversightPage.vue'), props: true, beforeEnter: requireOfficial },
  // An admin's accounts of their subtree: online; the server decides who may.
  { path: `/${LANG}/accounts`, name: 'accounts', component: () => import('./pages/AccountsPage.vue'), props: true, beforeEnter: requireOfficial },
  { path: `/${LANG}/drafts`, name: 'drafts', component: () => import('./pages/DraftsPage.vue'), props: true, beforeEnter: requireOfficial },
  {
    path: `/${LANG}/drafts/:id/:step?`,
    name: 'draft',
    component: () => import('./pages/EditorPage.vue'),
    props: (route) => ({ lang: route.params.lang, id: route.params.id, step: isEditorStep(route.params.step) ? route.params.step : 'info' }),
    beforeEnter: requireOfficial,
  },
];
