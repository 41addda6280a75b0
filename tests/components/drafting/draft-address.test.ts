// @vitest-environment happy-dom
/**
 * One draft, any device (issue 11): the editor's address is the report id, the same on every
 * device; a device without the draft downloads it (or says it will, offline); the draft's open
 * conflicts come from the server's list with who made each side and when, are counted by the
 * sync status, and can be resolved on a device that made neither side.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { useSessionStore } from '../../../src/stores/session.ts';
import { useDraftEditorStore } from '../../../src/stores/draft-editor.ts';
import { useSyncStore } from '../../../src/stores/sync.ts';
import { mountApp, settle } from '../helpers.ts';
import type { FakeApi } from '../sync/fake-api.ts';
import { RECEIVED, blankDraft } from '../sync/helpers.ts';
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
  await stopOnFakeApi();
});

/** A draft two other devices of the agency changed at once: the server keeps both values. */
function conflictedServerDraft(): string {
  const draft = api.createDraft(blankDraft());
  api.server.push([{ clientId: 'office', seq: 1, draftId: draft.id, field: RECEIVED, value: 30, baseRev: 1 }]);
  api.server.push([{ clientId: 'field', seq: 1, draftId: draft.id, field: RECEIVED, value: 12, baseRev: 1 }]);
  expect(api.server.conflicts).toHaveLength(1);
  return draft.id;
}

describe('the address of a draft', () => {
  it('opens by report id on a device that never had the draft: downloaded, then its conflicts synced', async () => {
    setActivePinia(createPinia());
    const id = conflictedServerDraft();
    expect(await useSessionStore().signIn('user1', 'secret')).toBe(true);
    const editor = useDraftEditorStore();
    expect(await editor.open('qingduo-2024')).toBe('open');
    expect(editor.row?.id).toBe(id);
    expect(editor.document?.cells['requests.new_received.total']).toBe(30);
    await vi.waitFor(() => { expect(editor.conflicts).toHaveLength(1); });
    expect(editor.conflicts[0]).toMatchObject({ mine: 12, theirs: 30, mineClientId: 'field', mineBy: 'by-field', theirsBy: 'dolma' });
    await vi.waitFor(() => { expect(useSyncStore().conflicts).toBe(1); });
    // The device's own draft id still opens it; an address the server does not know is missing.
    expect(await editor.open(id)).toBe('open');
    expect(await editor.open('qingduo-1999')).toBe('missing');
  });

  it('says the draft will come once online when it is not on the device and the network is out', async () => {
    setActivePinia(createPinia());
    conflictedServerDraft();
    expect(await useSessionStore().signIn('user1', 'secret')).toBe(true);
    api.fail('/api/drafts', 'network');
    expect(await useDraftEditorStore().open('qingduo-2024')).toBe('offline');
    expect(await useDraftEditorStore().open('qingduo-2024')).toBe('open');
  });
});

describe('a conflict made by two other devices', () => {
  it('shows who made each side and when, is counted, and is resolved here', async () => {
    const id = conflictedServerDraft();
    const mounted = await mountApp('/zh/sign-in');
    wrapper = mounted.wrapper;
    await signInToDrafts(mounted);
    await mounted.router.push('/zh/drafts/qingduo-2024/requests');
    await vi.waitFor(() => { expect(mounted.wrapper.find('.draft-conflicts .conflict').exists()).toBe(true); }, { timeout: 10_000 });
    await settle();

    const card = wrapper.find('.draft-conflicts .conflict');
    expect(card.find('.mine').text()).toBe('12');
    expect(card.find('.theirs').text()).toBe('30');
    // Neither side was made here: "synced later" rather than "mine", each with who, when and where.
    expect(card.text()).toContain('后同步的修改');
    expect(card.text()).not.toContain('我的修改');
    expect(card.find('.mine-by').text()).toMatch(/^by-field · 2025年1月2日.* · 另一台设备$/u);
    expect(card.find('.theirs-by').text()).toMatch(/^dolma · 2025年1月2日.* · 另一台设备$/u);
    // The status line re-reads its counts after the sync that brought the conflict has ended.
    await vi.waitFor(() => { expect(mounted.wrapper.find('.sync-status').text()).toContain('1 个冲突待处理'); }, { timeout: 10_000 });

    const keep = card.findAll('button').find((b) => b.text() === '保留后同步的');
    await keep?.trigger('click');
    await settle();
    await useSyncStore().syncNow();
    await settle();
    expect(api.pushes.at(-1)).toEqual([expect.objectContaining({ draftId: id, field: RECEIVED, value: 12, resolves: api.server.conflicts[0]?.id })]);
    expect(api.value(id, RECEIVED)).toBe(12);
    expect(wrapper.find('.draft-conflicts').exists()).toBe(false);
    expect(wrapper.find('.sync-status').text()).not.toContain('冲突');
  });
});
