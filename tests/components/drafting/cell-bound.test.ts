// @vitest-environment happy-dom
/** A figure beyond what a report holds (report/values.ts): the cell says the bound, in the page's language. */
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import DraftCell from '../../../src/components/drafts/DraftCell.vue';
import { createAppI18n, loadMessages, setLocale } from '../../../src/modules/i18n.ts';
import { MAX_COUNT } from '../../../src/report/values.ts';

async function cell(lang: 'zh' | 'bo', bound: number | undefined) {
  const i18n = createAppI18n();
  await loadMessages(i18n, 'bo', 'all');
  await setLocale(i18n, lang, 'all');
  return mount(DraftCell, {
    props: {
      cell: { key: 'requests.new_received.total', label: 'template.requests.columns.total', kind: 'count', unit: undefined },
      value: 1_234_567_890,
      typed: undefined,
      total: undefined,
      severity: undefined,
      notes: [],
      held: bound !== undefined,
      bound,
      unsent: false,
      saving: false,
    },
    global: { plugins: [createPinia(), i18n] },
  });
}

describe('a cell beyond the bound', () => {
  it('says the largest figure a report holds, in Chinese and in Tibetan, and that it is held', async () => {
    const zh = await cell('zh', MAX_COUNT);
    expect(zh.text()).toContain('报告中的数字最大为 999999999。');
    expect(zh.text()).toContain('改正前不会同步');
    const bo = await cell('bo', MAX_COUNT);
    expect(bo.text()).toMatch(/སྙན་ཞུའི་ནང་གི་གྲངས་ཀ་ཆེ་ཤོས་999,?999,?999 ཡིན།/u);
    expect((await cell('zh', undefined)).text()).not.toContain('最大为');
  });
});
