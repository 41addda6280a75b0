// @vitest-environment happy-dom
/**
 * router.ts: the officials' and the kiosk's routes are loaded the first time one of their
 * addresses is opened; until then a resident's router holds the reader's routes only, and every
 * address still leads where it did.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { createAppI18n } from '../../src/modules/i18n.ts';
import { createAppRouter } from '../../src/router.ts';
import { createPinia, setActivePinia } from 'pinia';

function newRouter() {
  setActivePinia(createPinia());
  return createAppRouter(createMemoryHistory(), createAppI18n());
}

describe('areas of the router', () => {
  it('a report page\'s router holds no drafting or kiosk route', async () => {
    const router = newRouter();
    await router.push('/zh/reports/qingduo-2020');
    expect(router.currentRoute.value.name).toBe('report');
    const names = router.getRoutes().map((r) => r.name);
    for (const name of ['sign-in', 'drafts', 'draft', 'review', 'oversight', 'accounts', 'kiosk', 'kiosk-setup', 'admin-kiosks']) expect(names).not.toContain(name);
  });

  it('opening a drafting address loads its routes: /zh/drafts leads to the sign-in page, coming back after it', async () => {
    const router = newRouter();
    await router.push('/zh/drafts');
    expect(router.currentRoute.value.name).toBe('sign-in');
    expect(router.currentRoute.value.query.back).toBe('/zh/drafts');
    expect(router.hasRoute('draft')).toBe(true);
    expect(router.hasRoute('area:drafts')).toBe(false);
    // By name, now that they are there.
    expect(router.resolve({ name: 'draft', params: { lang: 'bo', id: 'x-2024', step: 'info' } }).path).toBe('/bo/drafts/x-2024/info');
  });

  it('the kiosk\'s addresses lead to the kiosk\'s pages; an unknown one in an area to not-found', async () => {
    const router = newRouter();
    await router.push('/kiosk');
    expect(router.currentRoute.value.name).toBe('kiosk');
    await router.push('/kiosk/setup');
    expect(router.currentRoute.value.name).toBe('kiosk-setup');
    expect(router.resolve('/zh/admin/kiosks').name).toBe('admin-kiosks');
    await router.push('/kiosk/nothing-here');
    expect(router.currentRoute.value.name).toBe('not-found');

    const admin = newRouter();
    await admin.push('/bo/admin/kiosks');
    expect(admin.currentRoute.value.name).toBe('admin-kiosks');
    const signIn = newRouter();
    await signIn.push('/bo/sign-in');
    expect(signIn.currentRoute.value.name).toBe('sign-in');
  });
});
