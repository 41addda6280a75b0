// @vitest-environment happy-dom
/**
 * The editor as an official uses it, by label and role: number cells that take Tibetan digits,
 * computed totals, findings in the page's language that focus their cell, conflicts showing both
 * values and resolved with `resolves`, sign-out refused with an explanation, a file imported in
 * the browser with its import report.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { useDraftEditorStore } from '../../../src/stores/draft-editor.ts';
import { useSessionStore } from '../../../src/stores/session.ts';
import { useSyncStore } from '../../../src/stores/sync.ts';
import { mountApp, settle, TIBETAN } from '../helpers.ts';
import type { FakeApi } from '../sync/fake-api.ts';
import { RECEIVED, RECEIVED_NP, blankDraft } from '../sync/helpers.ts';
import { signInToDrafts, startOnFakeApi } from './helpers.ts';

let api: FakeApi;
let wrapper: VueWrapper | undefined;

beforeEach(async () => {
  api = await startOnFakeApi();
});

afterEach(async () => {
  // Waits for a sync still running: its requests would otherwise reach the next test's fake API.
  await useSyncStore().stop();
  wrapper?.unmount();
  wrapper = undefined;
  await settle();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** Signs in through the page, then opens the server's draft at `step`. */
async function editor(step: string, lang: 'zh' | 'bo' = 'zh') {
  const draft = api.createDraft(blankDraft());
  const mounted = await mountApp(`/${lang}/sign-in`);
  wrapper = mounted.wrapper;
  await signInToDrafts(mounted);
  await useSyncStore().syncNow();
  await mounted.router.push(`/${lang}/drafts/${draft.id}/${step}`);
  await vi.waitFor(() => { expect(mounted.wrapper.find('.editor .step').exists()).toBe(true); }, { timeout: 10_000 });
  await settle();
  return { ...mounted, id: draft.id };
}

/**
 * Waits until every change made so far is written to the device (IndexedDB: a number of ticks
 * that depends on the machine's load, so never counted), then for the page to show it.
 */
async function saved(): Promise<void> {
  await useDraftEditorStore().whenSaved();
  await settle();
}

/** Types into a box and leaves it, then waits until what was typed is written to the device. */
async function type(w: VueWrapper, selector: string, text: string): Promise<void> {
  const input = w.find<HTMLInputElement>(selector);
  await input.trigger('focus');
  await input.setValue(text);
  await input.trigger('blur');
  await saved();
}

describe('number cells', () => {
  it('take Tibetan and full-width digits, show the stored number, and show the computed total', async () => {
    const { wrapper: w, id } = await editor('requests');
    await type(w, '#cell-requests-new_received-natural_person', '༡༢');
    await type(w, '#cell-requests-new_received-commercial', '３');
    expect(w.find<HTMLInputElement>('#cell-requests-new_received-natural_person').element.value).toBe('12');
    expect(w.find<HTMLInputElement>('#cell-requests-new_received-commercial').element.value).toBe('3');
    const sum = w.find('#cell-requests-new_received-total').element.parentElement?.querySelector('button.sum');
    expect(sum?.textContent).toContain('Σ 15');
    expect(sum?.classList.contains('differs')).toBe(true);
    (sum as HTMLButtonElement).click();
    await saved();
    expect(w.find<HTMLInputElement>('#cell-requests-new_received-total').element.value).toBe('15');
    await useSyncStore().syncNow();
    expect(api.value(id, RECEIVED)).toBe(15);
    expect(api.value(id, RECEIVED_NP)).toBe(12);
  });

  it('keep what was typed after the box is left until it is written, never the value before', async () => {
    const { wrapper: w } = await editor('requests');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const replica = useSessionStore().replica;
    if (replica === null) throw new Error('not signed in');
    const write = replica.edit.bind(replica);
    vi.spyOn(replica, 'edit').mockImplementation(async (...args) => {
      await gate;
      return write(...args);
    });
    const input = w.find<HTMLInputElement>('#cell-requests-new_received-natural_person');
    await input.trigger('focus');
    await input.setValue('༡༢');
    await input.trigger('blur');
    await settle();
    expect(input.element.value).toBe('༡༢');
    release();
    await saved();
    expect(input.element.value).toBe('12');
  });

  it('keep a negative count as typed with the R5 sentence beside it; the finding focuses the cell', async () => {
    const { wrapper: w } = await editor('requests');
    await type(w, '#cell-requests-new_received-total', '-2');
    const box = w.find('#cell-requests-new_received-total');
    expect((box.element as HTMLInputElement).value).toBe('-2');
    expect(box.attributes('aria-invalid')).toBe('true');
    const notes = w.find('#cell-requests-new_received-total-notes').text();
    expect(notes).toContain('数值 -2 不符合要求');
    expect(notes).toContain('改正前不会同步');
    await vi.waitFor(() => { expect(w.text()).toContain('1 项待改正'); });

    await w.find('.draft-steps li:last-child button').trigger('click');
    await vi.waitFor(() => { expect(w.findAll('.draft-findings li').some((li) => li.text().includes('数值 -2'))).toBe(true); });
    const finding = w.findAll('.draft-findings li').find((li) => li.text().includes('数值 -2'));
    await finding?.find('button.link').trigger('click');
    await vi.waitFor(() => { expect(document.activeElement?.id).toBe('cell-requests-new_received-total'); });
  });

  it('keep text that is no number and say so', async () => {
    const { wrapper: w } = await editor('requests');
    await type(w, '#cell-requests-new_received-total', '十二');
    expect(w.find<HTMLInputElement>('#cell-requests-new_received-total').element.value).toBe('十二');
    expect(w.find('#cell-requests-new_received-total-notes').text()).toContain('这不是数字');
  });
});

describe('conflicts', () => {
  async function conflicted(lang: 'zh' | 'bo') {
    const mounted = await editor('requests', lang);
    api.server.push([{ clientId: 'office', seq: 1, draftId: mounted.id, field: RECEIVED, value: 30, baseRev: 1 }]);
    await type(mounted.wrapper, '#cell-requests-new_received-total', '12');
    await useSyncStore().syncNow();
    await vi.waitFor(() => { expect(mounted.wrapper.find('.draft-conflicts .conflict').exists()).toBe(true); });
    return mounted;
  }

  it('show both values; keep mine pushes the resolution with `resolves`', async () => {
    const { wrapper: w, id } = await conflicted('zh');
    const card = w.find('.draft-conflicts .conflict');
    expect(card.find('h4').text()).toContain('总计');
    expect(card.find('.mine').text()).toBe('12');
    expect(card.find('.theirs').text()).toBe('30');
    const keepMine = card.findAll('button').find((b) => b.text() === '保留我的');
    await keepMine?.trigger('click');
    await saved();
    await useSyncStore().syncNow();
    await vi.waitFor(() => { expect(w.find('.draft-conflicts').exists()).toBe(false); });
    expect(api.pushes.at(-1)).toEqual([expect.objectContaining({ field: RECEIVED, value: 12, resolves: expect.any(String) })]);
    expect(api.value(id, RECEIVED)).toBe(12);
    expect(w.find('.draft-conflicts').exists()).toBe(false);
  });

  it('can be resolved with a new value, in Tibetan', async () => {
    const { wrapper: w, id } = await conflicted('bo');
    const card = w.find('.draft-conflicts .conflict');
    expect(card.text()).toMatch(TIBETAN);
    const buttons = card.findAll('button');
    await buttons[2]?.trigger('click');
    await card.find('input').setValue('༢༠');
    await card.find('form').trigger('submit');
    await saved();
    await useSyncStore().syncNow();
    expect(api.value(id, RECEIVED)).toBe(20);
  });
});

describe('findings', () => {
  it('are written in the page language', async () => {
    const { wrapper: w } = await editor('requests', 'bo');
    await type(w, '#cell-requests-new_received-total', '-2');
    // The Tibetan messages arrive in a lazily loaded chunk: wait for them rather than race them.
    await vi.waitFor(() => {
      const notes = w.find('#cell-requests-new_received-total-notes').text();
      expect(notes).toMatch(TIBETAN);
      expect(notes).not.toMatch(/[\u4E00-\u9FFF]{4}/u);
    }, { timeout: 5_000 });
  });
});

describe('publishing and export', () => {
  it('blocks publishing on an error; warnings need the acknowledgement; then publishes', async () => {
    const { wrapper: w, id } = await editor('requests');
    await type(w, '#cell-requests-new_received-total', '-2');
    await w.find('.draft-steps li:last-child button').trigger('click');
    await vi.waitFor(() => { expect(w.find('.draft-publish').exists()).toBe(true); });
    await w.find('.draft-publish button.primary').trigger('click');
    expect(w.find('.draft-publish .blocked').text()).toContain('1 个错误');
    const confirm = () => w.findAll('.draft-publish .dialog button.primary').at(-1);
    expect(confirm()?.attributes('disabled')).toBeDefined();

    await w.find('.draft-steps li:nth-child(4) button').trigger('click');
    await vi.waitFor(() => { expect(w.find('#cell-requests-new_received-total').exists()).toBe(true); });
    await type(w, '#cell-requests-new_received-total', '');
    await w.find('.draft-steps li:last-child button').trigger('click');
    await vi.waitFor(() => { expect(w.find('.draft-publish').exists()).toBe(true); });
    await w.find('.draft-publish button.primary').trigger('click');
    expect(w.find('.draft-publish .blocked').exists()).toBe(false);
    expect(confirm()?.attributes('disabled')).toBeDefined();
    await w.find('.draft-publish .ack input').setValue(true);
    expect(confirm()?.attributes('disabled')).toBeUndefined();
    await confirm()?.trigger('click');
    // Publishing syncs the draft first: over waitFor's default second on a loaded machine.
    await vi.waitFor(() => { expect(api.published).toHaveLength(1); }, { timeout: 5_000 });
    expect(api.published[0]).toEqual({ draftId: id, body: { acknowledgeWarnings: true } });
    await vi.waitFor(() => { expect(w.find('.draft-publish .result').text()).toContain('已发布第 1 版'); }, { timeout: 5_000 });
  });

  it('downloads the draft as an HTML fragment', async () => {
    const { wrapper: w } = await editor('check');
    const created: Blob[] = [];
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (blob: Blob) => { created.push(blob); return 'blob:x'; }, revokeObjectURL: () => undefined }));
    const html = w.findAll('.draft-export button').at(1);
    await html?.trigger('click');
    await vi.waitFor(() => { expect(created).toHaveLength(1); });
    const text = await created[0]?.text();
    expect(text).toContain('<section lang="zh-Hans">');
    expect(text).toContain('一、总体情况');
  });
});

describe('sign-out', () => {
  it('is refused with an explanation while an edit is unsent', async () => {
    const { wrapper: w, router } = await editor('requests');
    api.fail('/api/sync/push', 'network');
    await type(w, '#cell-requests-new_received-total', '5');
    await useSyncStore().syncNow();
    await router.push('/zh/drafts');
    await settle();
    const signOut = w.findAll('button').find((b) => b.text() === '退出登录');
    expect(signOut).toBeDefined();
    await signOut?.trigger('click');
    // The refusal comes after the session has read the outbox from IndexedDB: over a second when
    // the whole suite runs on two cores (the default 1 s of waitFor failed there once).
    await vi.waitFor(() => { expect(w.find('.refused').exists()).toBe(true); }, { timeout: 10_000 });
    expect(w.find('.refused').text()).toContain('还不能退出登录');
    expect(w.find('.refused').text()).toContain('1 项修改尚未同步');
    expect(useSessionStore().status).toBe('signed-in');
  });
});

describe('import', () => {
  it('reads a file in the browser, shows its import report, and makes a draft from it', async () => {
    const mounted = await mountApp('/zh/sign-in');
    wrapper = mounted.wrapper;
    const w = mounted.wrapper;
    await signInToDrafts(mounted);
    await w.findAll('.modes button')[2]?.trigger('click');
    const text = readFileSync(join(process.cwd(), 'tests/fixtures/import/k-truncated-2020.txt'));
    const input = w.find<HTMLInputElement>('#new-file');
    Object.defineProperty(input.element, 'files', { value: [new File([text], 'k-truncated-2020.txt', { type: 'text/plain' })] });
    await input.trigger('change');
    await vi.waitFor(() => { expect(w.find('.import-report').exists()).toBe(true); });
    const report = w.find('.import-report').text();
    expect(report).toContain('导入不完整');
    expect(report).toContain('未找到的部分');
    await w.findAll('button').find((b) => b.text() === '用这个文件新建草稿')?.trigger('click');
    // Creating the draft and loading the editor's chunk (transformed on first use): over waitFor's default second.
    await vi.waitFor(() => { expect(mounted.router.currentRoute.value.name).toBe('draft'); }, { timeout: 10_000 });
    await vi.waitFor(() => { expect(w.find('.editor .step').exists()).toBe(true); }, { timeout: 10_000 });
    expect(w.find('.import-report').exists()).toBe(true);
    await useSyncStore().syncNow();
    expect(api.drafts.map((d) => d.year)).toEqual([2020]);
  });
});
