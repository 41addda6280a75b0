/**
 * The locale files as plain message trees for the report core, which turns codes into sentences
 * itself (describeFinding, toDocx, toHtmlFragment): Chinese is the domain's own copy
 * (report/labels.ts), Tibetan is loaded when first needed, as text, so the i18n build step does
 * not compile or trim it.
 */
import { shallowRef, watch, type Ref } from 'vue';
import { ZH_MESSAGES, type MessageTree } from '../report/labels.ts';
import type { Lang } from '../report/model.ts';

let tibetan: Promise<MessageTree> | null = null;

/** The message tree of a language. */
export function loadReportMessages(lang: Lang): Promise<MessageTree> {
  if (lang === 'zh') return Promise.resolve(ZH_MESSAGES);
  tibetan ??= import('../../locales/bo.json?raw').then((m) => JSON.parse(m.default) as MessageTree);
  return tibetan;
}

/** The message tree of the page's language (null while Tibetan loads). */
export function useReportMessages(lang: Ref<Lang>): Ref<MessageTree | null> {
  const messages = shallowRef<MessageTree | null>(null);
  watch(
    lang,
    async (current) => {
      messages.value = current === 'zh' ? ZH_MESSAGES : null;
      const loaded = await loadReportMessages(current);
      if (lang.value === current) messages.value = loaded;
    },
    { immediate: true },
  );
  return messages;
}
