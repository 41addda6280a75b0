/** The set-up and tear-down the drafting tests share: the stores on the fake API. */
import { expect, vi } from 'vitest';
import { useSyncStore } from '../../../src/stores/sync.ts';
import { clearDb, settle, type Mounted } from '../helpers.ts';
import { FakeApi } from '../sync/fake-api.ts';

/** Before a test: an empty database, and fetch stubbed with a fresh fake API (returned). */
export async function startOnFakeApi(): Promise<FakeApi> {
  await clearDb();
  const api = new FakeApi();
  vi.stubGlobal('fetch', api.fetch);
  return api;
}

/**
 * After a test: the sync store stopped, background work (last year's report for the cross-year
 * rules) finished on the fake API, and fetch unstubbed.
 */
export async function stopOnFakeApi(): Promise<void> {
  // Waits for a sync still running: its requests would otherwise reach the next test's fake API.
  await useSyncStore().stop();
  await settle();
  vi.unstubAllGlobals();
}

/** Signs in on the mounted sign-in page as the fake API's official and waits for the drafts page. */
export async function signInToDrafts(mounted: Mounted): Promise<void> {
  const w = mounted.wrapper;
  await w.find('#sign-in-username').setValue('user1');
  await w.find('#sign-in-password').setValue('secret');
  await w.find('form').trigger('submit');
  // The first test of a file also waits for the pages' chunks to be transformed.
  await vi.waitFor(() => { expect(w.find('.drafts-page').exists()).toBe(true); }, { timeout: 10_000 });
}
