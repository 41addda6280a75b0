/** The message trees the server's exports label things with (src/report reads locales the same way). */
import bo from '../../../locales/bo.json' with { type: 'json' };
import { ZH_MESSAGES, type MessageTree } from '../../report/labels.ts';
import type { Lang } from '../../report/model.ts';

const BO_MESSAGES: MessageTree = bo;

export function messagesOf(lang: Lang): MessageTree {
  return lang === 'bo' ? BO_MESSAGES : ZH_MESSAGES;
}
