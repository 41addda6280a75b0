// @vitest-environment happy-dom
/**
 * The editor tells the truth about every value (issue 11): an invalid cell ("abc", −3, 2.5) is
 * one to fix in the sync status, never part of a Σ, never sent; a text the server would refuse
 * (beyond the length limit of report/values.ts) says so at its field, with the limit.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import { createPinia, setActivePinia } from 'pinia';
import type { VueWrapper } from '@vue/test-utils';
import { useDraftForm } from '../../../src/composables/useDraftForm.ts';
import { MAX_TEXT_BLOCK } from '../../../src/report/schema.ts';
import type { CellKey, ReportDocument } from '../../../src/report/model.ts';
import { useSessionStore } from '../../../src/stores/session.ts';
import { useDraftEditorStore } from '../../../src/stores/draft-editor.ts';
import { useSyncStore } from '../../../src/stores/sync.ts';
import { mountApp, settle } from '../helpers.ts';
import type { FakeApi } from '../sync/fake-api.ts';
import { blankDraft } from '../sync/helpers.ts';
import { signInToDrafts, startOnFakeApi, stopOnFakeApi } from './helpers.ts';

let api: FakeApi;
let wrapper: VueWrapper | undefined;

beforeEach(async () => {
  sessionStorage.clear();
  api = await startOnFakeApi();
  setActivePinia(createPinia());
});

afterEach(async () => {
  wrapper?.unmount();
  wrapper = undefined;
  await stopOnFakeApi();
});

const PERSON = 'requests.new_received.natural_person';
const COMMERCIAL = 'requests.new_received.commercial';
const RESEARCH = 'requests.new_received.research';
const TOTAL = 'requests.new_received.total';

describe('the Σ of a total', () => {
  it('adds only valid values: never −3, 2.5, or a cell holding text that is no number', () => {
    const doc: ReportDocument = blankDraft();
    doc.cells[PERSON] = 5;
    doc.cells[COMMERCIAL] = -3;
    doc.cells[RESEARCH] = 2.5;
    const typed = ref<ReadonlySet<CellKey>>(new Set());
    const form = useDraftForm(ref(doc), typed);
    expect(form.totals.value.get(TOTAL)?.sum).toBe(5);
    typed.value = new Set([PERSON]);
    expect(form.totals.value.get(TOTAL)?.sum).toBeNull();
  });
});

describe('values to fix', () => {
  it('counts "abc", −3 and 2.5 as three to fix, one per field, and sends none of them', async () => {
    const draft = api.createDraft(blankDraft());
    expect(await useSessionStore().signIn('user1', 'secret')).toBe(true);
    const sync = useSyncStore();
    sync.start();
    await sync.syncNow();
    const editor = useDraftEditorStore();
    expect(await editor.open(draft.id)).toBe('open');

    await editor.setCellText(PERSON, 'abc');
    await editor.setCellText(COMMERCIAL, '-3');
    await editor.setCellText(RESEARCH, '2.5');
    await editor.setCellText(RESEARCH, '2.6');
    await sync.refresh();
    expect(sync.held).toBe(3);
    await sync.syncNow();
    expect(api.pushes.flat().map((m) => m.field)).toEqual([]);
    expect(api.value(draft.id, `cell:${COMMERCIAL}`)).toBeNull();

    await editor.setCellText(PERSON, '4');
    await editor.setCellText(COMMERCIAL, '3');
    await sync.refresh();
    expect(sync.held).toBe(1);
  });
});

describe('a text too long to sync', () => {
  it('says so at its field, with the limit, in the page language', async () => {
    const draft = api.createDraft(blankDraft());
    const mounted = await mountApp('/zh/sign-in');
    wrapper = mounted.wrapper;
    await signInToDrafts(mounted);
    await mounted.router.push(`/zh/drafts/${draft.reportId}/overview`);
    await vi.waitFor(() => { expect(mounted.wrapper.find('#prose-overview-zh').exists()).toBe(true); }, { timeout: 10_000 });

    const box = wrapper.find<HTMLTextAreaElement>('#prose-overview-zh');
    box.element.value = '年'.repeat(MAX_TEXT_BLOCK + 1);
    await box.trigger('input');
    await settle();
    await vi.waitFor(() => { expect(wrapper?.find('#prose-overview-zh-note').text()).toContain('上限'); });
    const note = wrapper.find('#prose-overview-zh-note').text();
    expect(note).toContain('200001');
    expect(note).toContain(String(MAX_TEXT_BLOCK));
    expect(box.attributes('aria-invalid')).toBe('true');
    await useSyncStore().refresh();
    expect(wrapper.find('.sync-status').text()).toContain('1 项待改正');
    expect(wrapper.find('.sync-status').text()).not.toContain('标红');
  });
});
