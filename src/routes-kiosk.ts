/**
 * The kiosk's routes (issue 5): the noticeboard screen and its PIN-guarded setup — bilingual pages
 * (both message sets loaded, no app header or footer; the screen chooses the language of every
 * block itself; the server answers /kiosk… with index.html) — and the admins' list of kiosks.
 */
import type { RouteRecordRaw } from 'vue-router';

/** Route records of the kiosk, for router.ts. */
export const kioskRoutes: RouteRecordRaw[] = [
  { path: '/kiosk', name: 'kiosk', component: () => import('./pages/KioskPage.vue'), meta: { bilingual: true } },
  { path: '/kiosk/setup', name: 'kiosk-setup', component: () => import('./pages/KioskSetupPage.vue'), meta: { bilingual: true } },
  // The admins' list of kiosks and their last heartbeats (the server checks the role).
  { path: '/:lang(zh|bo)/admin/kiosks', name: 'admin-kiosks', component: () => import('./pages/KioskAdminPage.vue'), props: true },
];
