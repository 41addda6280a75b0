// @vitest-environment happy-dom
/**
 * The drafting stores on fake-indexeddb with the fake API: what an official types is stored as
 * typed (Tibetan and full-width digits converted, blank is null, a negative count kept and
 * flagged by R5), undo, a reload restoring everything, sign-out refused while anything is unsent,
 * and an expired session keeping the outbox.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { useSessionStore } from '../../../src/stores/session.ts';
import { useDraftsStore } from '../../../src/stores/drafts.ts';
import { useDraftEditorStore } from '../../../src/stores/draft-editor.ts';
import { useSyncStore } from '../../../src/stores/sync.ts';
import { ReplicaStore } from '../../../src/sync/outbox.ts';
import type { FakeApi } from '../sync/fake-api.ts';
import { RECEIVED, RECEIVED_NP, blankDraft } from '../sync/helpers.ts';
import { startOnFakeApi, stopOnFakeApi } from './helpers.ts';

let api: FakeApi;

beforeEach(async () => {
  // Undo history is kept per draft id in sessionStorage, and the fake server reuses ids.
  sessionStorage.clear();
  api = await startOnFakeApi();
  setActivePinia(createPinia());
});

afterEach(stopOnFakeApi);

/** Signs in, syncs once (the server's draft comes down) and opens it. */
async function openServerDraft(): Promise<string> {
  const draft = api.createDraft(blankDraft());
  expect(await useSessionStore().signIn('user1', 'secret')).toBe(true);
  const sync = useSyncStore();
  sync.start();
  await sync.syncNow();
  const drafts = useDraftEditorStore();
  expect(await drafts.open(draft.id)).toBe('open');
  return draft.id;
}

describe('typing numbers', () => {
  it('reads Tibetan digits, full-width digits and blank', async () => {
    await openServerDraft();
    const drafts = useDraftEditorStore();
    await drafts.setCellText('requests.new_received.natural_person', '༡༢');
    expect(drafts.document?.cells['requests.new_received.natural_person']).toBe(12);
    await drafts.setCellText('requests.new_received.commercial', '３');
    expect(drafts.document?.cells['requests.new_received.commercial']).toBe(3);
    await drafts.setCellText('requests.new_received.commercial', '');
    expect(drafts.document?.cells['requests.new_received.commercial']).toBeNull();
    await drafts.setCellText('requests.new_received.research', '0');
    expect(drafts.document?.cells['requests.new_received.research']).toBe(0);
  });

  it('stores a negative count as typed, flags it (R5) and holds it back from the server', async () => {
    const id = await openServerDraft();
    const drafts = useDraftEditorStore();
    await drafts.setCellText('requests.new_received.total', '-3');
    expect(drafts.document?.cells['requests.new_received.total']).toBe(-3);
    expect(drafts.findings).toContainEqual(expect.objectContaining({ rule: 'R5', cells: ['requests.new_received.total'] }));
    expect(drafts.refusal(RECEIVED)).toBeDefined();
    const sync = useSyncStore();
    await sync.syncNow();
    expect(sync.held).toBe(1);
    expect(api.value(id, RECEIVED)).toBeNull();
  });

  it('keeps text that is no number on the device and leaves the value alone', async () => {
    await openServerDraft();
    const drafts = useDraftEditorStore();
    await drafts.setCellText('requests.new_received.total', '7');
    await drafts.setCellText('requests.new_received.total', '7件');
    expect(drafts.document?.cells['requests.new_received.total']).toBe(7);
    expect(drafts.scratch.get(RECEIVED)).toBe('7件');
    await drafts.setCellText('requests.new_received.total', '8');
    expect(drafts.scratch.has(RECEIVED)).toBe(false);
  });

  it('refuses Private Use Area Tibetan as a value, keeping what was typed', async () => {
    await openServerDraft();
    const drafts = useDraftEditorStore();
    expect(await drafts.setText('overview', 'bo', 'བོད\uE0A1')).toBe(1);
    expect(drafts.fields.get('text:overview:bo')?.value ?? null).toBeNull();
    expect(drafts.scratch.get('text:overview:bo')).toBe('བོད\uE0A1');
    // NFC: a decomposed sequence is stored composed.
    expect(await drafts.setText('overview', 'zh', 'e\u0301')).toBe(0);
    expect(drafts.fields.get('text:overview:zh')?.value).toBe('\u00e9');
  });
});

describe('the outbox', () => {
  it('holds one entry per field edited: failed syncs between keystrokes, the sum taken after typing, an undo', async () => {
    const id = await openServerDraft();
    const drafts = useDraftEditorStore();
    const sync = useSyncStore();
    // No network while the official types: every sync attempt (this one, its retries, the one
    // after each edit) carries the entries it finds and fails.
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    await drafts.setCellText('requests.new_received.natural_person', '༡');
    await sync.syncNow();
    await drafts.setCellText('requests.new_received.natural_person', '༡༢');
    await drafts.setCellText('requests.new_received.total', '5');
    await sync.syncNow();
    await drafts.setField(RECEIVED, 12);
    await drafts.setCellText('requests.new_received.commercial', '3');
    drafts.endTyping();
    await drafts.undo();
    await sync.refresh();
    expect(sync.error?.kind).toBe('network');
    expect(sync.pending).toBe(3);

    vi.stubGlobal('fetch', api.fetch);
    // "Sync now" may join a retry that started before the network came back and failed.
    await vi.waitFor(async () => {
      await sync.syncNow();
      await sync.refresh();
      expect(sync.pending).toBe(0);
    }, { timeout: 10_000 });
    expect(api.value(id, RECEIVED_NP)).toBe(12);
    expect(api.value(id, RECEIVED)).toBe(12);
    expect(api.pushes.flat().map((m) => [m.field, m.value])).toEqual([
      [RECEIVED_NP, 12],
      [RECEIVED, 12],
      ['cell:requests.new_received.commercial', null],
    ]);
  });
});

describe('undo', () => {
  it('is a new edit restoring the value before; a run of keystrokes is one step', async () => {
    await openServerDraft();
    const drafts = useDraftEditorStore();
    await drafts.setCellText('requests.new_received.total', '1');
    await drafts.setCellText('requests.new_received.total', '12');
    drafts.endTyping();
    await drafts.setCellText('requests.new_received.natural_person', '5');
    expect(drafts.undoDepth).toBe(2);
    expect(await drafts.undo()).toBe(RECEIVED_NP);
    expect(drafts.document?.cells['requests.new_received.natural_person']).toBeNull();
    expect(await drafts.undo()).toBe(RECEIVED);
    expect(drafts.document?.cells['requests.new_received.total']).toBeNull();
    expect(drafts.undoDepth).toBe(0);
  });

  it('survives a reload of the tab (new stores, same sessionStorage), and sign-out forgets it', async () => {
    const id = await openServerDraft();
    let drafts = useDraftEditorStore();
    await drafts.setCellText('requests.new_received.total', '7');
    drafts.endTyping();
    await drafts.setCellText('requests.new_received.total', '8');
    await useSyncStore().stop();

    setActivePinia(createPinia());
    await useSessionStore().restore();
    drafts = useDraftEditorStore();
    await drafts.open(id);
    expect(drafts.document?.cells['requests.new_received.total']).toBe(8);
    expect(drafts.undoDepth).toBe(2);
    expect(await drafts.undo()).toBe(RECEIVED);
    expect(drafts.document?.cells['requests.new_received.total']).toBe(7);

    // An unreadable history is dropped, not trusted.
    sessionStorage.setItem(`lotho.undo.${id}`, '{"not":"steps"}');
    setActivePinia(createPinia());
    await useSessionStore().restore();
    drafts = useDraftEditorStore();
    await drafts.open(id);
    expect(drafts.undoDepth).toBe(0);

    await drafts.setCellText('requests.new_received.total', '9');
    expect(sessionStorage.getItem(`lotho.undo.${id}`)).not.toBeNull();
    useSyncStore().start();
    await useSyncStore().syncNow();
    expect(await useSessionStore().signOut()).toBe(true);
    expect(sessionStorage.getItem(`lotho.undo.${id}`)).toBeNull();
  });
});

describe('a reload', () => {
  it('restores the draft, its outbox and its conflicts from IndexedDB (new stores, same database)', async () => {
    const id = await openServerDraft();
    api.server.push([{ clientId: 'office', seq: 1, draftId: id, field: RECEIVED_NP, value: 9, baseRev: 1 }]);
    let drafts = useDraftEditorStore();
    await drafts.setCellText('requests.new_received.natural_person', '4');
    await useSyncStore().syncNow();
    api.fail('/api/sync/push', 'network');
    await drafts.setCellText('requests.new_received.total', '15');
    await useSyncStore().syncNow();
    await useSyncStore().stop();

    setActivePinia(createPinia());
    await useSessionStore().restore();
    drafts = useDraftEditorStore();
    await drafts.open(id);
    expect(drafts.document?.cells['requests.new_received.total']).toBe(15);
    expect(drafts.unsentFields.has(RECEIVED)).toBe(true);
    expect(drafts.conflicts).toEqual([expect.objectContaining({ field: RECEIVED_NP, mine: 4, theirs: 9 })]);
  });
});

describe('a reload right after typing', () => {
  it('saves what the page had no time to write to IndexedDB when the draft opens again in the tab', async () => {
    const id = await openServerDraft();
    let drafts = useDraftEditorStore();
    await drafts.setCellText('requests.new_received.natural_person', '༡');
    drafts.endTyping();
    // The page goes away with the writes in flight: they never land.
    const gone = vi.spyOn(ReplicaStore.prototype, 'edit').mockReturnValue(new Promise(() => undefined));
    void drafts.setCellText('requests.new_received.natural_person', '༡༢');
    void drafts.setCellText('requests.new_received.total', '十二');
    void drafts.setCellText('requests.new_received.total', '5');
    expect(drafts.saving).toBe(true);
    gone.mockRestore();
    await useSyncStore().stop();

    setActivePinia(createPinia());
    await useSessionStore().restore();
    drafts = useDraftEditorStore();
    await drafts.open(id);
    expect(drafts.document?.cells['requests.new_received.natural_person']).toBe(12);
    expect(drafts.document?.cells['requests.new_received.total']).toBe(5);
    expect(drafts.scratch.has(RECEIVED)).toBe(false);
    // Once written, nothing is kept to be saved again; the outbox has one entry per field.
    expect(Object.keys(sessionStorage).filter((k) => k.startsWith('lotho.unsaved.'))).toEqual([]);
    expect((await useSessionStore().replica?.pending())?.map((p) => [p.mutation.field, p.mutation.value])).toEqual([
      [RECEIVED_NP, 12],
      [RECEIVED, 5],
    ]);
  });

  it('keeps nothing once the write landed, and drops a kept list that does not parse', async () => {
    const id = await openServerDraft();
    const drafts = useDraftEditorStore();
    await drafts.setCellText('requests.new_received.total', '7');
    expect(Object.keys(sessionStorage).filter((k) => k.startsWith('lotho.unsaved.'))).toEqual([]);

    const owner = useSessionStore().replica?.owner ?? '';
    sessionStorage.setItem(`lotho.unsaved.${owner}.${id}`, '[{"field":"not a key","change":{"value":1},"number":1}]');
    await useSyncStore().stop();
    setActivePinia(createPinia());
    await useSessionStore().restore();
    const reopened = useDraftEditorStore();
    await reopened.open(id);
    expect(reopened.document?.cells['requests.new_received.total']).toBe(7);
  });
});

describe('signing out', () => {
  it('is refused while edits are unsent, with what is missing; allowed once synced', async () => {
    const id = await openServerDraft();
    const drafts = useDraftEditorStore();
    api.fail('/api/sync/push', 'network');
    await drafts.setCellText('requests.new_received.total', '15');
    await useSyncStore().syncNow();
    const session = useSessionStore();
    expect(await session.signOut()).toBe(false);
    expect(session.signOutBlock).toEqual({ unsent: 1, unsentDrafts: 0 });
    expect(session.status).toBe('signed-in');

    await useSyncStore().syncNow();
    expect(api.value(id, RECEIVED)).toBe(15);
    expect(await session.signOut()).toBe(true);
    expect(session.status).toBe('signed-out');
    expect(await session.unsynced()).toBeNull();
  });

  it('is refused for a draft made on the device that the server does not have yet', async () => {
    expect(await useSessionStore().signIn('user1', 'secret')).toBe(true);
    api.fail('/api/drafts', 'network');
    const drafts = useDraftsStore();
    expect(await drafts.createBlank('2021', 2025)).not.toBeNull();
    expect(await useSessionStore().signOut()).toBe(false);
    expect(useSessionStore().signOutBlock?.unsentDrafts).toBe(1);
  });
});

describe('an expired session', () => {
  it('keeps the outbox, says sign in again, and sends it after signing in', async () => {
    const id = await openServerDraft();
    const drafts = useDraftEditorStore();
    api.sessionValid = false;
    await drafts.setCellText('requests.new_received.total', '15');
    const sync = useSyncStore();
    await sync.syncNow();
    await vi.waitFor(() => { expect(useSessionStore().status).toBe('expired'); }, { timeout: 20_000, interval: 100 });
    expect(sync.problem).toBe('auth');
    expect(sync.pending).toBe(1);

    expect(await useSessionStore().signIn('user1', 'secret')).toBe(true);
    // Signing in starts a sync by itself; on a loaded machine it takes longer than waitFor's
    // default second, so wait for its outcome with room to spare instead of for a fixed time.
    await vi.waitFor(async () => {
      await sync.refresh();
      expect(sync.problem).toBeNull();
    }, { timeout: 20_000, interval: 100 });
    expect(api.value(id, RECEIVED)).toBe(15);
    expect(sync.pending).toBe(0);
  });
});
