// @vitest-environment happy-dom
/**
 * Sync at app start on any page (boot.ts → modules/official-sync.ts), for officials only: the
 * session store keeps the localStorage flag boot.ts reads (set on sign-in and restore, cleared on
 * sign-out and when nobody is kept), and an official who opens the app with an edit unsent gets
 * it sent without opening a drafting page.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { db } from '../../../src/db/index.ts';
import { hasOfficial, rememberOfficial } from '../../../src/modules/official-flag.ts';
import { startOfficialSync } from '../../../src/modules/official-sync.ts';
import { useSessionStore } from '../../../src/stores/session.ts';
import { useSyncStore } from '../../../src/stores/sync.ts';
import { settle } from '../helpers.ts';
import type { FakeApi } from '../sync/fake-api.ts';
import { RECEIVED, blankDraft } from '../sync/helpers.ts';
import { startOnFakeApi, stopOnFakeApi } from './helpers.ts';

let api: FakeApi;

beforeEach(async () => {
  localStorage.clear();
  api = await startOnFakeApi();
  setActivePinia(createPinia());
});

afterEach(stopOnFakeApi);

describe('the official flag', () => {
  it('is set on sign-in and cleared on sign-out', async () => {
    expect(hasOfficial()).toBe(false);
    const session = useSessionStore();
    expect(await session.signIn('user1', 'secret')).toBe(true);
    expect(hasOfficial()).toBe(true);
    expect(await session.signOut()).toBe(true);
    expect(hasOfficial()).toBe(false);
  });

  it('follows what IndexedDB keeps when the session is restored', async () => {
    await db.session.put({ key: 'current', user: { id: 1, username: 'user1', role: 'editor', agency: { id: 'qingduo', zh: '倾多镇', level: 'township' } }, expiresAt: '2030-01-01T00:00:00.000Z', expired: true });
    await useSessionStore().restore();
    expect(hasOfficial()).toBe(true);

    await db.session.clear();
    setActivePinia(createPinia());
    await useSessionStore().restore();
    expect(hasOfficial()).toBe(false);
  });

  it('reads as absent, and writes nothing, where storage is blocked', () => {
    const blocked = (): never => {
      throw new DOMException('blocked', 'SecurityError');
    };
    vi.stubGlobal('localStorage', { getItem: blocked, setItem: blocked, removeItem: blocked });
    expect(() => { rememberOfficial(true); }).not.toThrow();
    expect(hasOfficial()).toBe(false);
  });
});

describe('sync at app start', () => {
  it('sends an edit left unsent when the official opens the app on any page', async () => {
    // Drafting yesterday: signed in, synced, then an edit that did not reach the server.
    const draft = api.createDraft(blankDraft());
    const session = useSessionStore();
    expect(await session.signIn('user1', 'secret')).toBe(true);
    useSyncStore().start();
    await useSyncStore().syncNow();
    await useSyncStore().stop();
    await session.replica?.edit(draft.id, RECEIVED, 15);
    expect(api.value(draft.id, RECEIVED)).toBeNull();

    // Today: a new page (new stores) that is no drafting page; boot.ts saw the flag.
    const pinia = createPinia();
    setActivePinia(pinia);
    expect(hasOfficial()).toBe(true);
    await startOfficialSync(pinia);
    await vi.waitFor(() => { expect(api.value(draft.id, RECEIVED)).toBe(15); });
    await vi.waitFor(async () => { expect(await useSessionStore(pinia).replica?.pending()).toEqual([]); });
  });

  it('does nothing, and clears a stale flag, when no official is kept on the device', async () => {
    rememberOfficial(true);
    const pinia = createPinia();
    await startOfficialSync(pinia);
    await settle();
    expect(api.requests).toEqual([]);
    expect(hasOfficial()).toBe(false);
  });
});
