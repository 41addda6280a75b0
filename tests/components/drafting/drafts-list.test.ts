// @vitest-environment happy-dom
/**
 * The drafts list (DraftsPage, stores/drafts.ts). "No drafts yet, make one" is said only of a list
 * read after the device's first completed sync: before it (a new device, or one reloaded while its
 * first sync ran: the WebKit officials' flow met this under load) the agency's drafts may still be
 * on their way. And reads of the list that overlap never put back an older state.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import zhCN from '../../../locales/zh-CN.json';
import { db, type DraftRow } from '../../../src/db/index.ts';
import { useDraftsStore } from '../../../src/stores/drafts.ts';
import { useSessionStore } from '../../../src/stores/session.ts';
import { useSyncStore } from '../../../src/stores/sync.ts';
import { ReplicaStore } from '../../../src/sync/outbox.ts';
import { mountApp, settle } from '../helpers.ts';
import type { FakeApi } from '../sync/fake-api.ts';
import { blankDraft } from '../sync/helpers.ts';
import { signInToDrafts, startOnFakeApi, stopOnFakeApi } from './helpers.ts';

let api: FakeApi;
let wrapper: VueWrapper | undefined;

beforeEach(async () => {
  sessionStorage.clear();
  api = await startOnFakeApi();
});

afterEach(async () => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.restoreAllMocks();
  await stopOnFakeApi();
});

const EMPTY = zhCN.drafts.empty;
const NOT_SYNCED = zhCN.drafts.notSynced;

describe('an empty drafts list', () => {
  it('says the device has not synced yet, not "no drafts", until a sync has brought the agency\'s drafts', async () => {
    api.createDraft(blankDraft());
    // The first sync after sign-in does not get through (a weak link, or the page reloaded
    // meanwhile); its retry comes late (the backoff's jitter at its top), after the page is read.
    api.fail('/api/sync/pull', 'network');
    vi.spyOn(Math, 'random').mockReturnValue(0.99);
    const mounted = await mountApp('/zh/sign-in');
    wrapper = mounted.wrapper;
    await signInToDrafts(mounted);
    await vi.waitFor(() => { expect(mounted.wrapper.find('.drafts-page .empty').exists()).toBe(true); }, { timeout: 10_000 });
    expect(mounted.wrapper.find('.drafts-page .empty').text()).toBe(NOT_SYNCED);
    expect(mounted.wrapper.text()).not.toContain(EMPTY);

    await useSyncStore().syncNow();
    await vi.waitFor(() => { expect(mounted.wrapper.find('.drafts-page a.draft').exists()).toBe(true); }, { timeout: 10_000 });
    expect(mounted.wrapper.find('.drafts-page .empty').exists()).toBe(false);
  });

  it('says "no drafts" once a sync found none on the server', async () => {
    const mounted = await mountApp('/zh/sign-in');
    wrapper = mounted.wrapper;
    await signInToDrafts(mounted);
    await useSyncStore().syncNow();
    await vi.waitFor(() => { expect(mounted.wrapper.find('.drafts-page .empty').text()).toBe(EMPTY); }, { timeout: 10_000 });
  });
});

/** A replica whose next read of the drafts answers only when released (a slow read, as WebKit's under load). */
class HeldReplica extends ReplicaStore {
  private held: Promise<void> | null = null;

  hold(): () => void {
    let release!: () => void;
    this.held = new Promise<void>((resolve) => {
      release = resolve;
    });
    return release;
  }

  override async drafts(): Promise<DraftRow[]> {
    // The read that was next when hold() was called, whenever its answer comes.
    const held = this.held;
    this.held = null;
    const rows = await super.drafts();
    if (held !== null) await held;
    return rows;
  }
}

/** Signed in with a replica whose reads of the drafts can be held, and the drafts store on it. */
async function signedInWithHeldReads(): Promise<{ replica: HeldReplica; drafts: ReturnType<typeof useDraftsStore> }> {
  setActivePinia(createPinia());
  expect(await useSessionStore().signIn('user1', 'secret')).toBe(true);
  const session = useSessionStore();
  const replica = new HeldReplica(db, session.replica?.owner ?? '');
  session.replica = replica;
  return { replica, drafts: useDraftsStore() };
}

describe('overlapping reads of the list', () => {
  it('never put back what an earlier read saw: a draft just added stays listed', async () => {
    const { replica, drafts } = await signedInWithHeldReads();

    // A read begun before the draft arrives answers after a read begun since.
    const release = replica.hold();
    const early = drafts.loadList();
    await settle();
    await replica.addDraft(
      { id: 'd1', serverId: 'd1', template: '2021', year: 2024, source: 'blank', previousReportId: null, publishedVersion: null, createdAt: 1, updatedAt: 1, base: null, importReport: null },
      [],
    );
    const late = drafts.loadList();
    await settle();
    release();
    await Promise.all([early, late]);
    expect(drafts.list.map((d) => d.id)).toEqual(['d1']);
  });

  it('resolves a call once the list shows its own read, while a later read still runs (a sync changing the replica again and again)', async () => {
    const { replica, drafts } = await signedInWithHeldReads();

    await replica.addDraft(
      { id: 'd1', serverId: 'd1', template: '2021', year: 2024, source: 'blank', previousReportId: null, publishedVersion: null, createdAt: 1, updatedAt: 1, base: null, importReport: null },
      [],
    );
    const first = drafts.loadList();
    // A second read is begun and held: the first call must not wait for it (a first sync begins a
    // read after every change it makes).
    const release = replica.hold();
    const second = drafts.loadList();
    let firstDone = false;
    void first.then(() => { firstDone = true; });
    await settle();
    expect(firstDone).toBe(true);
    expect(drafts.list.map((d) => d.id)).toEqual(['d1']);
    release();
    await Promise.all([first, second]);
    expect(drafts.list.map((d) => d.id)).toEqual(['d1']);
  });
});

describe('a new draft', () => {
  it('is made and opens at its address while a read of the list is held, and only once per year', async () => {
    const { replica, drafts } = await signedInWithHeldReads();
    // The list's next read answers late (a slow read during a first sync): making a draft waits
    // for its own write, not for the list.
    const release = replica.hold();
    let address: string | null | undefined;
    void drafts.createBlank('2021', 2024).then((made) => { address = made; });
    await vi.waitFor(() => { expect(address).toBe(`${useSessionStore().user?.agency.id ?? ''}-2024`); });
    expect(await drafts.createBlank('2019', 2024)).toBeNull();
    expect(drafts.error).toBe('exists');
    release();
    expect((await replica.drafts()).map((d) => [d.year, d.template])).toEqual([[2024, '2021']]);
  });

  it('says it is being made while the device writes it, then opens its editor', async () => {
    const mounted = await mountApp('/zh/sign-in');
    wrapper = mounted.wrapper;
    await signInToDrafts(mounted);
    const replica = useSessionStore().replica;
    if (replica === null) throw new Error('not signed in');
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const add = replica.addNewDraft.bind(replica);
    vi.spyOn(replica, 'addNewDraft').mockImplementation(async (...args) => {
      await held;
      return add(...args);
    });
    await mounted.wrapper.find('#new-year').setValue('2024');
    await mounted.wrapper.find('form.panel').trigger('submit');
    await vi.waitFor(() => { expect(mounted.wrapper.find('form.panel [role=status]').text()).toBe(zhCN.drafts.new.creating); });
    expect(mounted.wrapper.find('form.panel button[type=submit]').attributes('disabled')).toBeDefined();
    release();
    await vi.waitFor(() => { expect(mounted.router.currentRoute.value.name).toBe('draft'); }, { timeout: 10_000 });
  });
});
